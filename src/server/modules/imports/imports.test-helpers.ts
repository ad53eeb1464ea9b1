import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * A multipart/form-data body with text fields first and one file part named `file`, encoded by
 * hand, for import requests in tests: `http.post(url, payload, headers)`.
 */
export function importForm(fields: Record<string, string>, file: { name: string; content: Buffer | string }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tickmark-import-${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'));
  parts.push(typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A real bank file of the shared fixtures, read in place. */
export function fixture(file: string): { name: string; content: Buffer } {
  return { name: path.basename(file), content: fs.readFileSync(path.resolve(process.cwd(), '../shared/fixtures', file)) };
}

/** A small bank CSV (signed amounts, ISO dates) of `lines` rows: date, description, amount in minor units. */
export function bankCsv(lines: Array<[string, string, number]>): string {
  const rows = lines.map(([date, description, minor]) => `${date},${description},${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`);
  return ['Date,Description,Amount', ...rows].join('\n') + '\n';
}
