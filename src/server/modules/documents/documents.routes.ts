import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, ProblemSchema } from '../../../shared/common';
import { ValidationError } from '../../errors';
import { userNames } from '../tasks/tasks.repository';
import { downloadDocument, uploadTaskDocument } from './documents.service';

const tags = ['documents'];

const DocumentDtoSchema = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string(), uploadedAt: z.string(), uploadedBy: z.object({ id: z.string(), name: z.string() }) });

export const documentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/tasks/:id/documents',
    {
      config: { policy: 'task.attach' },
      schema: { tags, summary: 'Attach a file to a task (multipart/form-data, field "file"; max 25 MB)', consumes: ['multipart/form-data'], params: IdParamsSchema, response: { 201: DocumentDtoSchema, 415: ProblemSchema } },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new ValidationError('Send the file as multipart/form-data in a field named "file".', [{ path: 'file', message: 'is required' }]);
      }
      const part = await request.file();
      if (!part || part.fieldname !== 'file') {
        throw new ValidationError('Send the file in a field named "file".', [{ path: 'file', message: 'is required' }]);
      }
      const content = await part.toBuffer();
      const doc = await uploadTaskDocument(request.ctx, request.params.id, { filename: part.filename || 'upload', content });
      const names = await userNames(request.ctx.db, doc.firmId, [doc.uploadedBy]);
      return reply.status(201).send({
        id: doc.id,
        filename: doc.filename,
        contentType: doc.contentType,
        sizeBytes: doc.sizeBytes,
        sha256: doc.sha256,
        uploadedAt: doc.uploadedAt.toISOString(),
        uploadedBy: { id: doc.uploadedBy, name: names.get(doc.uploadedBy) ?? 'Former member' },
      });
    },
  );

  app.get(
    '/documents/:id/content',
    { config: { policy: 'document.read' }, schema: { tags, summary: 'Download a document (the download is recorded)', params: IdParamsSchema } },
    async (request, reply) => {
      const { document, content } = await downloadDocument(request.ctx, request.params.id);
      const asciiName = document.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .header('content-type', document.contentType)
        .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(document.filename)}`)
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );
};
