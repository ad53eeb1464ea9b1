import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirmRow } from '../../db/schema';
import { auditEventsOf, buildClient, buildFirm, buildTask, buildUser, buildWorkflows } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { multipartFile, SMALL_PDF } from '../../test/multipart';
import { mustTransition, uploadPdf } from '../../test/tracker';
import type { TaskDetailDto } from '../../../shared/tasks';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface DocumentDto {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: { id: string; name: string };
}

/** A firm with a bank reconciliation its preparer has started. */
async function setup() {
  const firm = await buildFirm(t.db);
  const client = await buildClient(t.db, firm, { name: 'Acme Holdings' });
  const workflows = await buildWorkflows(t.db, firm);
  const preparer = (await buildUser(t.db, firm, { role: 'preparer', name: 'Priya Preparer', clients: [client] })).user;
  const reviewer = (await buildUser(t.db, firm, { role: 'reviewer', clients: [client] })).user;
  const http = { preparer: await t.as(preparer), reviewer: await t.as(reviewer) };
  const task = await buildTask(t.db, { firm, client, workflow: workflows['bank-reconciliation'], preparer, reviewer });
  const started = await mustTransition(http.preparer, t.db, task.id, 'start');
  return { firm, client, workflows, preparer, reviewer, http, task, started };
}

const documentsOf = (firm: FirmRow) => t.db.selectFrom('documents').selectAll().where('firmId', '=', firm.id).execute();

describe('POST /api/tasks/:id/documents', () => {
  it('stores a PDF the preparer attaches, with its SHA-256, and records the upload', async () => {
    const { firm, client, preparer, http, task } = await setup();
    const { payload, headers } = multipartFile('March statement.pdf', SMALL_PDF, { contentType: 'application/pdf' });

    const res = await http.preparer.post(`/tasks/${task.id}/documents`, payload, headers);

    expect(res.statusCode).toBe(201);
    const dto = res.json<DocumentDto>();
    const digest = createHash('sha256').update(SMALL_PDF).digest('hex');
    expect(dto).toMatchObject({ filename: 'March statement.pdf', contentType: 'application/pdf', sizeBytes: SMALL_PDF.length, sha256: digest, uploadedBy: { id: preparer.id, name: 'Priya Preparer' } });
    expect(await documentsOf(firm)).toMatchObject([{ id: dto.id, taskId: task.id, clientId: client.id, sha256: digest }]);
    const [uploaded, ...more] = await auditEventsOf(t.db, firm.id, 'document.uploaded');
    expect(more).toHaveLength(0);
    expect(uploaded).toMatchObject({ actorId: preparer.id, subjectType: 'document', subjectId: dto.id, clientId: client.id, data: { taskId: task.id, filename: 'March statement.pdf', sizeBytes: SMALL_PDF.length, sha256: digest, contentType: 'application/pdf' } });
    expect((await http.reviewer.get(`/tasks/${task.id}`)).json<TaskDetailDto>().documents).toMatchObject([{ id: dto.id, filename: 'March statement.pdf' }]);
  });

  it('refuses a file named .pdf that is not a PDF, and stores nothing', async () => {
    const { firm, http, task } = await setup();
    const { payload, headers } = multipartFile('statement.pdf', Buffer.from('Date,Amount\n2026-03-01,100.00\n'), { contentType: 'application/pdf' });

    const res = await http.preparer.post(`/tasks/${task.id}/documents`, payload, headers);

    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'unsupported_file', detail: 'statement.pdf: The file is named as PDF but its content is not PDF.' });
    expect(await documentsOf(firm)).toEqual([]);
    expect(await auditEventsOf(t.db, firm.id, 'document.uploaded')).toEqual([]);
  });

  it('refuses an executable whatever it contains', async () => {
    const { firm, http, task } = await setup();
    const { payload, headers } = multipartFile('invoice.exe', Buffer.from('MZ\x90\x00binary', 'latin1'));

    const res = await http.preparer.post(`/tasks/${task.id}/documents`, payload, headers);

    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_file');
    expect(await documentsOf(firm)).toEqual([]);
  });

  it('refuses a request without a file in the field named "file"', async () => {
    const { firm, http, task } = await setup();
    const { payload, headers } = multipartFile('statement.pdf', SMALL_PDF, { field: 'attachment' });

    const res = await http.preparer.post(`/tasks/${task.id}/documents`, payload, headers);

    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'file', message: 'is required' }]);
    expect(await documentsOf(firm)).toEqual([]);
  });

  it('refuses an upload by the reviewer, and one to a task that is not being worked', async () => {
    const { firm, client, workflows, preparer, reviewer, http, task } = await setup();
    const notStarted = await buildTask(t.db, { firm, client, workflow: workflows['bank-reconciliation'], preparer, reviewer, period: '2026-02' });
    const file = multipartFile('statement.pdf', SMALL_PDF);

    const byReviewer = await http.reviewer.post(`/tasks/${task.id}/documents`, file.payload, file.headers);
    const tooEarly = await http.preparer.post(`/tasks/${notStarted.id}/documents`, file.payload, file.headers);

    expect(byReviewer.statusCode).toBe(403);
    expect(tooEarly.statusCode).toBe(403);
    expect(await documentsOf(firm)).toEqual([]);
  });
});

describe('documents as checklist evidence', () => {
  it('completes an attachment item with a file of the task, and refuses a file of another task', async () => {
    const { firm, client, workflows, preparer, reviewer, http, task, started } = await setup();
    const other = await buildTask(t.db, { firm, client, workflow: workflows['bank-reconciliation'], preparer, reviewer, period: '2026-02' });
    await mustTransition(http.preparer, t.db, other.id, 'start');
    const foreignDocument = await uploadPdf(http.preparer, other.id, 'february.pdf');
    const ownDocument = await uploadPdf(http.preparer, task.id, 'march.pdf');
    const item = started.checklistItems.find((i) => i.evidence === 'attachment');

    const wrong = await http.preparer.put(`/tasks/${task.id}/checklist/${item?.id}`, { completed: true, documentId: foreignDocument, version: item?.version });
    const right = await http.preparer.put(`/tasks/${task.id}/checklist/${item?.id}`, { completed: true, documentId: ownDocument, version: item?.version });

    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ path: 'documentId', message: 'is not a file of this task' }]);
    expect(right.statusCode).toBe(200);
    expect(right.json<TaskDetailDto>().checklistItems.find((i) => i.id === item?.id)).toMatchObject({ document: { id: ownDocument, filename: 'march.pdf', sizeBytes: SMALL_PDF.length }, completedBy: { id: preparer.id } });
  });
});

describe('GET /api/documents/:id/content', () => {
  it('returns the stored bytes as an attachment with the file name, and records the download', async () => {
    const { firm, client, reviewer, http, task } = await setup();
    const documentId = await uploadPdf(http.preparer, task.id, 'March statement.pdf');

    const res = await http.reviewer.get(`/documents/${documentId}/content`);

    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(SMALL_PDF)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="March statement.pdf"; filename*=UTF-8''March%20statement.pdf`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const [downloaded, ...more] = await auditEventsOf(t.db, firm.id, 'document.downloaded');
    expect(more).toHaveLength(0);
    expect(downloaded).toMatchObject({ actorId: reviewer.id, subjectType: 'document', subjectId: documentId, clientId: client.id, data: { filename: 'March statement.pdf', sha256: createHash('sha256').update(SMALL_PDF).digest('hex') } });
  });

  it('keeps a non-ASCII file name intact for browsers that read filename*', async () => {
    const { http, task } = await setup();
    const documentId = await uploadPdf(http.preparer, task.id, 'Kontoauszug März.pdf');

    const res = await http.reviewer.get(`/documents/${documentId}/content`);

    expect(res.headers['content-disposition']).toBe(`attachment; filename="Kontoauszug M_rz.pdf"; filename*=UTF-8''Kontoauszug%20M%C3%A4rz.pdf`);
  });

  it('hides another firm’s document and records no download', async () => {
    const { firm, http, task } = await setup();
    const documentId = await uploadPdf(http.preparer, task.id);
    const other = await setup();

    const res = await other.http.reviewer.get(`/documents/${documentId}/content`);

    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('evidence.pdf');
    expect(await auditEventsOf(t.db, firm.id, 'document.downloaded')).toEqual([]);
    expect(await auditEventsOf(t.db, other.firm.id, 'document.downloaded')).toEqual([]);
  });
});
