import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../../errors';
import { importForm } from './imports.test-helpers';
import { receiveFileHead, receiveUpload } from './upload';

const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickmark-upload-test-'));
const app = Fastify();

beforeAll(async () => {
  installErrorHandler(app);
  await app.register(multipart, { limits: { fileSize: 25 * 1024 * 1024, files: 1, fields: 5, parts: 6 } });
  app.post('/upload', async (request) => {
    const upload = await receiveUpload(request, { spoolDir, maxBytes: 1024 });
    const content = await fs.promises.readFile(upload.file);
    await fs.promises.rm(upload.file);
    return { ...upload, file: undefined, content: content.toString('utf8') };
  });
  app.post('/head', async (request) => {
    const head = await receiveFileHead(request, { maxBytes: 1024 * 1024, keep: () => 10 });
    return { ...head, head: head.head.toString('utf8') };
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  fs.rmSync(spoolDir, { recursive: true, force: true });
});

const post = (url: string, form: { payload: Buffer; headers: Record<string, string> }) => app.inject({ method: 'POST', url, payload: form.payload, headers: form.headers });

describe('receiveUpload', () => {
  it('spools the file with its size and SHA-256, and gives the fields wherever they come', async () => {
    const res = await post('/upload', importForm({ side: 'bank', format: 'csv' }, { name: '../../etc/march.csv', content: 'Date,Amount\n2026-03-01,1.00\n' }));

    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      filename: 'march.csv',
      sizeBytes: 28,
      sha256: createHash('sha256').update('Date,Amount\n2026-03-01,1.00\n').digest('hex'),
      fields: { side: 'bank', format: 'csv' },
      content: 'Date,Amount\n2026-03-01,1.00\n',
    });
  });

  it('refuses a file above the limit with 413 and leaves nothing spooled', async () => {
    const res = await post('/upload', importForm({ side: 'bank' }, { name: 'big.csv', content: 'x'.repeat(5_000) }));

    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'file_too_large' });
    expect(fs.readdirSync(spoolDir)).toEqual([]);
  });
});

describe('receiveFileHead', () => {
  it('keeps only the start of the file and counts the rest', async () => {
    const res = await post('/head', importForm({ side: 'ledger' }, { name: 'gl.csv', content: '0123456789abcdefghij' }));

    expect(res.json()).toEqual({ filename: 'gl.csv', head: '0123456789', sizeBytes: 20, fields: { side: 'ledger' } });
  });
});
