import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMinor } from '../../money';
import type { ParseOutcome, Statement } from '../statement';
import { cellNumberText, parseXlsx } from './xlsx';

type Cell = string | number | Date | null | ExcelJS.CellFormulaValue | ExcelJS.CellRichTextValue;

/** A tiny workbook writer for the tests: one sheet, the given rows from A1. */
async function workbookOf(rows: Cell[][], sheetName = 'Transactions', emptySheetFirst = false): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  if (emptySheetFirst) {
    workbook.addWorksheet('Cover');
  }
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((row, index) => {
    row.forEach((value, column) => {
      const cell = sheet.getCell(index + 1, column + 1);
      cell.value = value;
      if (value instanceof Date) {
        cell.numFmt = 'dd/mm/yyyy';
      }
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function statementsOf(outcome: ParseOutcome): Statement[] {
  if (!outcome.ok) {
    throw new Error(`${outcome.error.location}: ${outcome.error.problem}`);
  }
  return outcome.value.statements;
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('parseXlsx', () => {
  it('reads the first sheet with data: title rows, date cells, number cells and a running balance', async () => {
    const bytes = await workbookOf(
      [
        ['Account statement', null, null, null],
        ['Account', 'GB29NWBK60161331926819', null, null],
        [null, null, null, null],
        ['Date', 'Description', 'Amount', 'Balance'],
        [day('2024-01-02'), 'Coffee, "large"', -3.2, 96.8],
        [day('2024-01-03'), 'Salary', 2500, 2596.8],
      ],
      'Statement',
      true,
    );
    const outcome = await parseXlsx(bytes);
    expect(outcome.ok && outcome.value.format).toBe('xlsx');
    expect(statementsOf(outcome)).toEqual([
      {
        accountId: 'GB29NWBK60161331926819',
        currency: null,
        openingBalanceMinor: 10000,
        closingBalanceMinor: 259680,
        startDate: '2024-01-02',
        endDate: '2024-01-03',
        transactions: [
          { date: '2024-01-02', amountMinor: -320, description: 'Coffee, "large"', reference: null, bankId: null },
          { date: '2024-01-03', amountMinor: 250000, description: 'Salary', reference: null, bankId: null },
        ],
      },
    ]);
  });

  it('reads a double that is not exactly its decimal (0.1 + 0.2) as the decimal a person sees', async () => {
    const bytes = await workbookOf([
      ['Date', 'Payee', 'Amount'],
      [day('2024-01-02'), 'A', 0.1 + 0.2],
      [day('2024-01-03'), 'B', { formula: 'C2*2', result: 0.6000000000000001 }],
    ]);
    expect(statementsOf(await parseXlsx(bytes))[0]?.transactions.map((transaction) => transaction.amountMinor)).toEqual([30, 60]);
  });

  it('reads dates and amounts written as text in a continental layout', async () => {
    const bytes = await workbookOf([
      ['Buchungstag', 'Verwendungszweck', 'Betrag', 'Währung'],
      ['02.01.2024', { richText: [{ text: 'Miete ' }, { text: 'Januar' }] }, '-1.250,00', 'EUR'],
    ]);
    expect(statementsOf(await parseXlsx(bytes))[0]).toMatchObject({ currency: 'EUR', transactions: [{ date: '2024-01-02', amountMinor: -125000, description: 'Miete Januar' }] });
  });

  it('refuses an amount with more decimals than the currency allows, naming the sheet row', async () => {
    const bytes = await workbookOf([
      ['Date', 'Payee', 'Amount', 'Currency'],
      [day('2024-01-02'), 'A', -1.5, 'EUR'],
      [day('2024-01-03'), 'B', -2.005, 'EUR'],
    ]);
    expect(await parseXlsx(bytes)).toEqual({ ok: false, error: { location: 'row 3', problem: "amount '-2.005' has more decimals than EUR allows; it is not rounded" } });
  });

  it('uses a saved mapping instead of detecting', async () => {
    const bytes = await workbookOf([
      ['When', 'What', 'How much'],
      ['2024-01-02', 'A', '-1.00'],
    ]);
    const outcome = await parseXlsx(bytes, {
      mapping: {
        delimiter: ',',
        headerRowIndex: 0,
        headers: ['When', 'What', 'How much'],
        dateColumn: 0,
        dateFormat: 'YYYY-MM-DD',
        decimalMark: '.',
        amount: { kind: 'signed', column: 2 },
        descriptionColumns: [1],
        referenceColumn: null,
        bankIdColumn: null,
        balanceColumn: null,
        currencyColumn: null,
        accountColumn: null,
      },
    });
    expect(statementsOf(outcome)[0]?.transactions).toEqual([{ date: '2024-01-02', amountMinor: -100, description: 'A', reference: null, bankId: null }]);
  });

  it('refuses a file that is not a workbook', async () => {
    const outcome = await parseXlsx(new TextEncoder().encode('Date,Amount\n2024-01-02,1.00\n'));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.location).toBe('file');
    expect(!outcome.ok && outcome.error.problem).toMatch(/^the file is not a readable XLSX workbook/);
  });

  it('refuses a workbook without data', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Empty');
    expect(await parseXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()))).toEqual({ ok: false, error: { location: 'file', problem: 'the workbook has no worksheet with data' } });
  });

  it('reads back statements written to a workbook as date and number cells', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(null, 'EUR', 'JPY', 'KWD'),
        fc.array(
          fc.record({
            date: fc.integer({ min: 0, max: 20000 }).map((offset) => new Date(Date.UTC(2000, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)),
            amountMinor: fc.oneof(fc.constant(0), fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e12, max: 1e12 })),
            description: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,."'€-]{0,20}$/).map((text) => text.replace(/\s+/g, ' ').trim()),
            reference: fc.option(fc.stringMatching(/^[A-Z]{2}[0-9]{1,6}$/), { nil: null }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        async (currency, generated) => {
          const exponent = currencyExponent(currency);
          // Excel keeps numbers as doubles: the written amount is the double nearest the decimal.
          const rows: Cell[][] = [['Date', 'Description', 'Reference', 'Amount', ...(currency ? ['Currency'] : [])]];
          for (const transaction of generated) {
            rows.push([day(transaction.date), transaction.description, transaction.reference, Number(formatMinor(transaction.amountMinor, exponent)), ...(currency ? [currency] : [])]);
          }
          const [statement] = statementsOf(await parseXlsx(await workbookOf(rows)));
          expect(statement?.transactions).toEqual(generated.map((transaction) => ({ ...transaction, bankId: null })));
          expect(statement?.currency).toBe(currency);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('cellNumberText', () => {
  it('writes doubles as the shortest decimal at 15 significant digits, never in exponent notation', () => {
    expect(cellNumberText(0.1 + 0.2)).toBe('0.3');
    expect(cellNumberText(12.34)).toBe('12.34');
    expect(cellNumberText(-1234.5)).toBe('-1234.5');
    expect(cellNumberText(1e21)).toBe('1000000000000000000000');
    expect(cellNumberText(1.5e-7)).toBe('0.00000015');
    expect(cellNumberText(-0)).toBe('0');
    expect(cellNumberText(123456789012.34)).toBe('123456789012.34');
    expect(cellNumberText(Number.NaN)).toBe('');
  });
});
