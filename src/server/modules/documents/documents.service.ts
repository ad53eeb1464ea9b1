import { sniffUpload } from '../../../domain/documents/sniff';
import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import type { DocumentRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { AppError, NotFoundError } from '../../errors';
import { newId } from '../../ids';
import { authorize, readableOrNotFound } from '../../policies';
import { documentAbilities } from '../../policies/document.policy';
import { taskAbilities } from '../../policies/task.policy';
import { sha256 } from '../../storage/file-storage';
import { findDocument, findTaskForUpdate, insertDocument, updateTask } from '../tasks/tasks.repository';
import { publish } from '../tasks/tasks.service';

/**
 * Stores a file the preparer attaches to a task, with the client's documents: checked by content
 * (not by name), hashed, written to storage first and recorded with its audit entry in one
 * transaction (a failed transaction leaves at most an orphan file, never a row without a file).
 */
export async function uploadTaskDocument(ctx: RequestContext, taskId: string, file: { filename: string; content: Buffer }): Promise<DocumentRow> {
  const actor = requireActor(ctx);
  const storage = ctx.files;
  if (!storage) {
    throw new Error('file storage is not configured');
  }
  const sniffed = sniffUpload(file.filename, file.content.subarray(0, 512), file.content.length);
  if (!sniffed.ok) {
    throw new AppError(415, 'unsupported_file', `${file.filename}: ${sniffed.problem}`);
  }
  const id = newId();
  const now = ctx.now();
  const key = `${actor.firmId}/${now.toISOString().slice(0, 7)}/${id}`;
  const document = await ctx.db.transaction().execute(async (trx) => {
    const task = await findTaskForUpdate(trx, actor.firmId, taskId);
    if (!task) {
      throw new NotFoundError('task');
    }
    const abilities = taskAbilities(actor, task);
    readableOrNotFound(abilities, 'task');
    authorize(abilities, 'attach', 'Only the preparer attaches files, while the task is being worked.');
    await storage.put(key, file.content);
    const row = await insertDocument(trx, {
      id,
      firmId: actor.firmId,
      clientId: task.clientId,
      taskId,
      filename: file.filename.slice(0, 255),
      contentType: sniffed.contentType,
      sizeBytes: file.content.length,
      sha256: sha256(file.content),
      storageKey: key,
      uploadedBy: actor.userId,
      uploadedAt: now,
    });
    const preparedBy = task.preparedBy.includes(actor.userId) ? task.preparedBy : [...task.preparedBy, actor.userId];
    await updateTask(trx, actor.firmId, taskId, task.version, { updatedAt: now, preparedBy: JSON.stringify(preparedBy) });
    await recordAudit(trx, ctx, actor.firmId, { type: 'document.uploaded', subjectType: 'document', data: { taskId, filename: row.filename, sizeBytes: row.sizeBytes, sha256: row.sha256, contentType: row.contentType } }, { id, clientId: task.clientId });
    return { row, task };
  });
  publish({ ...document.task, version: document.task.version + 1 }, 'document.uploaded', actor.userId);
  return document.row;
}

/** Reads a document for download; the download itself is recorded (who, what, when, from where). */
export async function downloadDocument(ctx: RequestContext, documentId: string): Promise<{ document: DocumentRow; content: Buffer }> {
  const actor = requireActor(ctx);
  const storage = ctx.files;
  if (!storage) {
    throw new Error('file storage is not configured');
  }
  const document = await findDocument(ctx.db, actor.firmId, documentId);
  if (!document) {
    throw new NotFoundError('document');
  }
  readableOrNotFound(documentAbilities(actor, document), 'document');
  const content = await storage.read(document.storageKey);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, actor.firmId, { type: 'document.downloaded', subjectType: 'document', data: { filename: document.filename, sha256: document.sha256 } }, { id: documentId, clientId: document.clientId }),
  );
  return { document, content };
}
