import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../../errors';

/** The largest statement file an import accepts. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

const LIMITS = { files: 1, fields: 10, parts: 12, fieldSize: 64 * 1024 };

export interface SpooledUpload {
  /** The spooled copy (the caller moves it into storage or removes it). */
  file: string;
  filename: string;
  sizeBytes: number;
  sha256: string;
  /** The text fields of the form, whether they came before or after the file. */
  fields: Record<string, string>;
}

/**
 * Receives a multipart upload with one file part named `file`: the file is streamed to a spool
 * file while it is hashed and counted (never held in memory), and refused with 413 once it passes
 * `maxBytes`. Nothing of it is kept when anything fails.
 */
export async function receiveUpload(request: FastifyRequest, options: { spoolDir: string; maxBytes: number }): Promise<SpooledUpload> {
  requireMultipart(request);
  const fields: Record<string, string> = {};
  let upload: Omit<SpooledUpload, 'fields'> | null = null;
  const spooled = path.join(options.spoolDir, `${randomUUID()}.upload`);
  try {
    for await (const part of request.parts({ limits: { ...LIMITS, fileSize: options.maxBytes } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || upload) {
        part.file.resume();
        continue;
      }
      const hash = createHash('sha256');
      let sizeBytes = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          sizeBytes += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(part.file, measure, fs.createWriteStream(spooled, { mode: 0o600 }));
      if (part.file.truncated) {
        throw tooLarge(options.maxBytes);
      }
      upload = { file: spooled, filename: cleanFileName(part.filename), sizeBytes, sha256: hash.digest('hex') };
    }
  } catch (error) {
    await fs.promises.rm(spooled, { force: true });
    throw translateMultipartError(error, options.maxBytes);
  }
  if (!upload) {
    throw new ValidationError('Send the file in a field named "file".', [{ path: 'file', message: 'is required' }]);
  }
  return { ...upload, fields };
}

/**
 * Receives only the start of an uploaded file (the rest is read and dropped): `keep(head)` says
 * how many bytes to keep once the first chunk has shown what kind of file it is.
 */
export async function receiveFileHead(
  request: FastifyRequest,
  options: { maxBytes: number; keep: (firstChunk: Uint8Array) => number },
): Promise<{ filename: string; head: Buffer; sizeBytes: number; fields: Record<string, string> }> {
  requireMultipart(request);
  const fields: Record<string, string> = {};
  let found: { filename: string; head: Buffer; sizeBytes: number } | null = null;
  try {
    for await (const part of request.parts({ limits: { ...LIMITS, fileSize: options.maxBytes } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || found) {
        part.file.resume();
        continue;
      }
      const kept: Buffer[] = [];
      let keptBytes = 0;
      let limit: number | null = null;
      let sizeBytes = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) { // busboy's file stream yields Buffers
        limit ??= options.keep(chunk);
        sizeBytes += chunk.length;
        if (keptBytes < limit) {
          const piece = chunk.subarray(0, limit - keptBytes);
          kept.push(piece);
          keptBytes += piece.length;
        }
      }
      if (part.file.truncated) {
        throw tooLarge(options.maxBytes);
      }
      found = { filename: cleanFileName(part.filename), head: Buffer.concat(kept), sizeBytes };
    }
  } catch (error) {
    throw translateMultipartError(error, options.maxBytes);
  }
  if (!found) {
    throw new ValidationError('Send the file in a field named "file".', [{ path: 'file', message: 'is required' }]);
  }
  return { ...found, fields };
}

function requireMultipart(request: FastifyRequest): void {
  if (!request.isMultipart()) {
    throw new ValidationError('Send the file as multipart/form-data in a field named "file".', [{ path: 'file', message: 'is required' }]);
  }
}

/** A file name fit to show and store: no folders, no control characters, at most 255 characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base].filter((c) => c >= ' ' && c !== '\u007f').join('').trim();
  return (cleaned === '' ? 'upload' : cleaned).slice(0, 255);
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(413, 'file_too_large', `The file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB, the most one import accepts.`);
}

function translateMultipartError(error: unknown, maxBytes: number): unknown {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined; // @fastify/multipart errors carry a code
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return tooLarge(maxBytes);
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new ValidationError('Send one file and the import fields only.', [{ path: 'file', message: 'send one file' }]);
  }
  // busboy's own complaints about the body (it raises plain errors without a code).
  if (error instanceof Error && code === undefined && /multipart|boundary/i.test(error.message)) {
    return new ValidationError('The upload is not a complete multipart/form-data body.', [{ path: 'file', message: 'could not be read' }]);
  }
  return error;
}
