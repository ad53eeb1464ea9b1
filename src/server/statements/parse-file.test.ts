import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createStatementParser } from '../../domain/reconciliation/importers';
import { decodeStatementBytes } from '../../domain/reconciliation/importers/text-decoding';
import { collectStatements, createCollectingSink, StatementFormatError, type ParseOutcome } from '../../domain/reconciliation/statement';
import { parseStatementStream, type ParseStatementStreamOptions } from './parse-file';

const FIXTURES = path.resolve(process.cwd(), '../shared/fixtures');
interface Expectation {
  file: string;
  reject: boolean | null;
}
const expectations = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expectations.json'), 'utf8')) as Expectation[];

/** The bytes as a stream of chunks of `size` bytes. */
function chunked(bytes: Uint8Array, size: number): Readable {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    chunks.push(bytes.subarray(at, at + size));
  }
  return Readable.from(chunks);
}

/** Streams a file and answers what the importers made of it, the way `parseStatement` callers see it. */
async function streamed(bytes: Uint8Array, fileName: string, chunkSize: number, options: Partial<ParseStatementStreamOptions> = {}): Promise<ParseOutcome> {
  const sink = createCollectingSink();
  try {
    const { format } = await parseStatementStream(chunked(bytes, chunkSize), { fileName, sink, ...options });
    return { ok: true, value: { format, statements: sink.statements } };
  } catch (error) {
    if (error instanceof StatementFormatError) {
      return { ok: false, error: { location: error.location, problem: error.problem } };
    }
    throw error;
  }
}

describe('parseStatementStream', () => {
  it.each(expectations.filter((e) => !e.file.endsWith('.xlsx')).map((e) => [e.file]))('reads %s in chunks exactly as the whole text', async (file) => {
    const bytes = fs.readFileSync(path.join(FIXTURES, file));
    const fileName = path.basename(file);
    const whole = await streamed(bytes, fileName, bytes.length + 1);
    if (whole.ok) {
      const format = whole.value.format;
      expect(format).not.toBe('xlsx');
      const text = decodeStatementBytes(bytes).text;
      expect(whole).toEqual(collectStatements(format, text, (sink) => createStatementParser(format as Exclude<typeof format, 'xlsx'>, sink)));
    }

    expect(await streamed(bytes, fileName, 64 * 1024)).toEqual(whole);
    expect(await streamed(bytes, fileName, 7)).toEqual(whole);
  });

  it('refuses a file that is no statement format, naming line 1', async () => {
    const outcome = await streamed(Buffer.from('just some notes\nnothing else\n'), 'notes.bin', 1024);

    expect(outcome).toEqual({ ok: false, error: { location: 'line 1', problem: expect.stringContaining('not a statement format') } });
  });

  it('uses the format it is told instead of detecting one', async () => {
    const csv = Buffer.from('Date,Description,Amount\n2026-03-02,Coffee,-4.50\n');

    const outcome = await streamed(csv, 'statement.ofx', 1024, { format: 'csv' });

    expect(outcome).toMatchObject({ ok: true, value: { format: 'csv', statements: [{ transactions: [{ date: '2026-03-02', amountMinor: -450 }] }] } });
  });

  it('reports the bytes read as it goes', async () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'mt940/WoLpH-mt940__ing.sta'));
    const seen: Array<[number, number | null]> = [];

    await streamed(bytes, 'ing.sta', 100, { totalBytes: bytes.length, onProgress: (done, total) => seen.push([done, total]) });

    expect(seen.at(-1)).toEqual([bytes.length, bytes.length]);
    expect(seen.map(([done]) => done)).toEqual([...seen.map(([done]) => done)].sort((a, b) => a - b));
    expect(seen.length).toBe(Math.ceil(bytes.length / 100));
  });

  it('stops between chunks when its signal is aborted, with the signal’s reason', async () => {
    const bytes = Buffer.from(`Date,Description,Amount\n${'2026-03-02,Coffee,-4.50\n'.repeat(5_000)}`);
    const controller = new AbortController();
    const reason = new Error('cancelled by the user');

    const reading = parseStatementStream(chunked(bytes, 1024), {
      fileName: 'big.csv',
      sink: createCollectingSink(),
      signal: controller.signal,
      onProgress: (done) => done > 20_000 && controller.abort(reason),
    });

    await expect(reading).rejects.toBe(reason);
  });

  it('reads an XLSX workbook whole, and refuses one above the size it accepts', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Statement');
    sheet.addRow(['Date', 'Description', 'Amount']);
    sheet.addRow(['2026-03-02', 'Coffee', '-4.50']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const read = await streamed(bytes, 'march.xlsx', 512);
    const tooLarge = await streamed(bytes, 'march.xlsx', 512, { maxWorkbookBytes: 1024 });

    expect(read).toMatchObject({ ok: true, value: { format: 'xlsx', statements: [{ transactions: [{ date: '2026-03-02', amountMinor: -450, description: 'Coffee' }] }] } });
    expect(tooLarge).toMatchObject({ ok: false, error: { location: 'file', problem: expect.stringContaining('larger than') } });
  });

  it('reads a ledger export with its preset’s mapping, found below a title block', async () => {
    const netsuite = ['Transaction Detail', 'Harbor Test Co', '', 'Date,Type,Document Number,Name,Memo,Account,Amount,Balance,Internal ID', '03/02/2026,Deposit,D-1,Northwind,Receipt,1010 Cash,250.00,250.00,9001', '03/04/2026,Check,1042,Landlord,Rent,1010 Cash,-100.00,150.00,9002', ''].join('\n');

    const outcome = await streamed(Buffer.from(netsuite), 'netsuite.csv', 16, { ledger: {} });

    expect(outcome).toMatchObject({ ok: true, value: { format: 'csv', statements: [{ transactions: [{ amountMinor: 25_000, reference: 'D-1', bankId: '9001' }, { amountMinor: -10_000, reference: '1042' }] }] } });
  });

  it('decodes a Windows-1252 file whose first non-ASCII character comes after many kilobytes', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `2026-03-02,Payment ${i},-1.00`).join('\n');
    const bytes = Buffer.concat([Buffer.from(`Date,Description,Amount\n${rows}\n`), Buffer.from([0x32, 0x30, 0x32, 0x36, 0x2d, 0x30, 0x33, 0x2d, 0x30, 0x33, 0x2c, 0x43, 0x61, 0x66, 0xe9, 0x2c, 0x2d, 0x32, 0x2e, 0x30, 0x30, 0x0a])]);

    const outcome = await streamed(bytes, 'latin.csv', 4096);

    expect(outcome.ok && outcome.value.statements[0]?.transactions.at(-1)).toMatchObject({ description: 'Café', amountMinor: -200 });
  });
});
