import { randomUUID } from 'node:crypto';

/** A small but well-formed PDF (one empty page): what a preparer attaches as evidence. */
export const SMALL_PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);

/**
 * A multipart/form-data body with one file part, encoded by hand: `payload` and `headers` go
 * straight into a request (`http.post(url, payload, headers)`).
 */
export function multipartFile(filename: string, content: Buffer, options: { field?: string; contentType?: string } = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tickmark-test-${randomUUID()}`;
  const head = [`--${boundary}`, `Content-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${filename}"`, `Content-Type: ${options.contentType ?? 'application/octet-stream'}`, '', ''].join('\r\n');
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return {
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
