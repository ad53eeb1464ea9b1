import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, ProblemSchema } from '../../../shared/common';
import { ImportAcceptedDtoSchema, ImportHistoryQuerySchema, ImportPreviewDtoSchema, LineListDtoSchema, LineListQuerySchema, StatementImportListDtoSchema } from '../../../shared/bank-accounts';
import { requireActor } from '../../context';
import { spoolDirFor } from '../../statements/stored-files';
import { presentJob } from '../jobs/jobs.presenter';
import { previewImport, PREVIEW_HEAD_BYTES, PREVIEW_WORKBOOK_BYTES } from './import-preview.service';
import { presentImport, presentLine, presentUploadedDocument } from './imports.presenter';
import { authorizeImport, listImports, listLines, requireFiles, startImport } from './imports.service';
import { MAX_IMPORT_BYTES, receiveFileHead, receiveUpload } from './upload';

const tags = ['imports'];
const MultipartBodyNote = 'multipart/form-data: text fields `side` (bank | ledger), optional `format`, `presetId`, `mapping` (JSON) and `ledgerPreset`, then the file in `file`';

export const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/bank-accounts/:id/imports',
    {
      config: { policy: 'bankAccount.import' },
      schema: {
        tags,
        summary: `Import a bank statement or ledger file (max 200 MB) as a background job; answers 202 with the job. ${MultipartBodyNote}`,
        consumes: ['multipart/form-data'],
        params: IdParamsSchema,
        response: { 202: ImportAcceptedDtoSchema, 400: ProblemSchema, 413: ProblemSchema },
      },
    },
    async (request, reply) => {
      await authorizeImport(request.ctx, request.params.id);
      const upload = await receiveUpload(request, { spoolDir: await spoolDirFor(requireFiles(request.ctx)), maxBytes: MAX_IMPORT_BYTES });
      const { job, document } = await startImport(request.ctx, request.params.id, upload);
      return reply.status(202).send({ job: presentJob(requireActor(request.ctx), job, requireActor(request.ctx).name), document: presentUploadedDocument(document) });
    },
  );

  app.post(
    '/bank-accounts/:id/imports/preview',
    {
      config: { policy: 'bankAccount.import' },
      schema: {
        tags,
        summary: `Look at the start of a file before importing it (reads the first 64 KiB; a workbook whole): its format, the detected CSV layout and a matching saved preset, the ledger export layout, the first transactions. ${MultipartBodyNote}`,
        consumes: ['multipart/form-data'],
        params: IdParamsSchema,
        response: { 200: ImportPreviewDtoSchema, 400: ProblemSchema },
      },
    },
    async (request) => {
      await authorizeImport(request.ctx, request.params.id);
      const head = await receiveFileHead(request, { maxBytes: MAX_IMPORT_BYTES, keep: (first) => (isZip(first) ? PREVIEW_WORKBOOK_BYTES : PREVIEW_HEAD_BYTES) });
      return previewImport(request.ctx, head);
    },
  );

  app.get(
    '/bank-accounts/:id/imports',
    {
      config: { policy: 'bankAccount.readActivity' },
      schema: { tags, summary: 'The files imported into a bank account, newest first', params: IdParamsSchema, querystring: ImportHistoryQuerySchema, response: { 200: StatementImportListDtoSchema } },
    },
    async (request) => ({ items: (await listImports(request.ctx, request.params.id, request.query.side)).map(presentImport) }),
  );

  app.get(
    '/bank-accounts/:id/lines',
    {
      config: { policy: 'bankAccount.readActivity' },
      schema: { tags, summary: 'Imported lines of one side of a bank account, newest first, paged, with their reconciled state', params: IdParamsSchema, querystring: LineListQuerySchema, response: { 200: LineListDtoSchema } },
    },
    async (request) => {
      const { rows, total } = await listLines(request.ctx, request.params.id, request.query);
      return { items: rows.map(presentLine), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );
};

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

