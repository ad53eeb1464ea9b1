/**
 * Upload checks by content, not by name: the first bytes must match what the file claims to be.
 * Accepted: PDF, PNG, JPEG, Office Open XML (XLSX/DOCX, zip), and plain-text formats (CSV, TXT,
 * OFX/QFX, XML, MT940, BAI2, QIF) that are valid UTF-8 or Windows-1252 text without NUL bytes.
 */
export type SniffResult = { ok: true; contentType: string } | { ok: false; problem: string };

const TEXT_EXTENSIONS: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  ofx: 'application/x-ofx',
  qfx: 'application/x-ofx',
  xml: 'application/xml',
  sta: 'text/plain',
  mt940: 'text/plain',
  bai: 'text/plain',
  bai2: 'text/plain',
  qif: 'text/plain',
};

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

export function sniffUpload(filename: string, head: Uint8Array, size: number): SniffResult {
  if (size === 0) {
    return { ok: false, problem: 'The file is empty.' };
  }
  if (size > MAX_UPLOAD_BYTES) {
    return { ok: false, problem: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.` };
  }
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  const startsWith = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  switch (extension) {
    case 'pdf':
      return startsWith(0x25, 0x50, 0x44, 0x46) ? { ok: true, contentType: 'application/pdf' } : mismatch('PDF');
    case 'png':
      return startsWith(0x89, 0x50, 0x4e, 0x47) ? { ok: true, contentType: 'image/png' } : mismatch('PNG');
    case 'jpg':
    case 'jpeg':
      return startsWith(0xff, 0xd8, 0xff) ? { ok: true, contentType: 'image/jpeg' } : mismatch('JPEG');
    case 'xlsx':
      return startsWith(0x50, 0x4b, 0x03, 0x04) ? { ok: true, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } : mismatch('XLSX');
    case 'docx':
      return startsWith(0x50, 0x4b, 0x03, 0x04) ? { ok: true, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } : mismatch('DOCX');
    default: {
      const textType = TEXT_EXTENSIONS[extension];
      if (!textType) {
        return { ok: false, problem: `Files of type .${extension || '(none)'} are not accepted. Upload PDF, image, XLSX, DOCX, CSV or a bank statement file.` };
      }
      if (head.includes(0)) {
        return { ok: false, problem: `The file is named .${extension} but contains binary data.` };
      }
      return { ok: true, contentType: textType };
    }
  }
}

function mismatch(kind: string): SniffResult {
  return { ok: false, problem: `The file is named as ${kind} but its content is not ${kind}.` };
}
