/**
 * The reconciliation workpaper as an Excel workbook: the proof on the first sheet, then the
 * outstanding items, the adjustments and the matched summary. Amounts are numeric cells (so a
 * reviewer can foot them), every text cell is neutralised against formula injection, and
 * dates are real date cells.
 */
import ExcelJS from 'exceljs';
import { currencyExponent, formatMinor } from '../../domain/money';
import type { ReconciliationWorkpaper, WorkpaperItem } from '../../domain/reconciliation/workpaper';
import { neutraliseCell } from '../../domain/spreadsheet-safety';
import {
  formatAccount,
  formatAdjustmentReason,
  formatMatchReason,
  formatProofConclusion,
  formatSignOff,
  formatStatus,
  formatTimestampForDisplay,
  proofLines,
} from './format';

/** Builds the workbook and returns the .xlsx bytes. */
export async function renderWorkpaperXlsx(wp: ReconciliationWorkpaper): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tickmark';
  workbook.created = new Date(wp.generatedAt);
  workbook.modified = new Date(wp.generatedAt);
  const sheets = new Sheets(wp.currency);
  addReconciliationSheet(workbook, sheets, wp);
  addOutstandingSheet(workbook, sheets, wp);
  addAdjustmentsSheet(workbook, sheets, wp);
  addMatchedSummarySheet(workbook, sheets, wp);
  // exceljs declares its own Buffer type; the value is a Node Buffer at run time.
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const DATE_FORMAT = 'yyyy-mm-dd';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF8A94A6' } };

/** Cell writers shared by every sheet, so no text cell can skip neutralisation. */
class Sheets {
  readonly amountFormat: string;
  private readonly exponent: number;

  constructor(readonly currency: string) {
    this.exponent = currencyExponent(currency);
    this.amountFormat = this.exponent > 0 ? `#,##0.${'0'.repeat(this.exponent)}` : '#,##0';
  }

  /** Every text cell goes through here; an empty text leaves the cell empty. */
  text(cell: ExcelJS.Cell, value: string): void {
    cell.value = value === '' ? null : neutraliseCell(value);
  }

  /**
   * Minor units become a number only here. `Number()` of the exact decimal text is the double
   * nearest to that decimal, the same value Excel stores when a person types the amount.
   */
  amount(cell: ExcelJS.Cell, minor: number): void {
    cell.value = Number(formatMinor(minor, this.exponent));
    cell.numFmt = this.amountFormat;
  }

  date(cell: ExcelJS.Cell, date: string): void {
    cell.value = new Date(`${date}T00:00:00Z`);
    cell.numFmt = DATE_FORMAT;
  }

  count(cell: ExcelJS.Cell, value: number): void {
    cell.value = value;
    cell.numFmt = '#,##0';
  }

  /** A bold header row with a fill and a bottom border. */
  headerRow(sheet: ExcelJS.Worksheet, rowNumber: number, labels: readonly string[]): void {
    const row = sheet.getRow(rowNumber);
    labels.forEach((label, index) => {
      const cell = row.getCell(index + 1);
      this.text(cell, label);
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = { bottom: THIN };
    });
  }
}

function addReconciliationSheet(workbook: ExcelJS.Workbook, sheets: Sheets, wp: ReconciliationWorkpaper): void {
  const sheet = workbook.addWorksheet('Reconciliation', {
    pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [{ width: 32 }, { width: 20 }, { width: 44 }];

  sheets.text(sheet.getCell('A1'), 'Bank reconciliation');
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheets.text(sheet.getCell('A2'), wp.firmName);
  sheet.getCell('A2').font = { color: { argb: 'FF5B6475' } };

  const header: Array<[string, (cell: ExcelJS.Cell) => void]> = [
    ['Client', (cell) => sheets.text(cell, wp.clientName)],
    ['Account', (cell) => sheets.text(cell, formatAccount(wp))],
    ['Currency', (cell) => sheets.text(cell, wp.currency)],
    ['Period', (cell) => sheets.text(cell, `${wp.periodStart} to ${wp.statementDate}`)],
    ['Statement date', (cell) => sheets.date(cell, wp.statementDate)],
    ['Status', (cell) => sheets.text(cell, formatStatus(wp.status))],
    ['Prepared by', (cell) => sheets.text(cell, formatSignOff(wp.preparer, wp.assignedPreparer))],
    ['Reviewed by', (cell) => sheets.text(cell, formatSignOff(wp.reviewer, wp.assignedReviewer))],
    ['Generated', (cell) => sheets.text(cell, `by ${wp.generatedBy} at ${formatTimestampForDisplay(wp.generatedAt)}`)],
  ];
  let rowNumber = 4;
  for (const [label, write] of header) {
    const row = sheet.getRow(rowNumber);
    sheets.text(row.getCell(1), label);
    row.getCell(1).font = { bold: true };
    write(row.getCell(2));
    row.getCell(2).alignment = { horizontal: 'left' };
    rowNumber += 1;
  }

  rowNumber += 1;
  sheets.headerRow(sheet, rowNumber, ['Proof', `Amount (${wp.currency})`]);
  sheet.getRow(rowNumber).getCell(2).alignment = { horizontal: 'right' };
  for (const line of proofLines(wp.proof)) {
    rowNumber += 1;
    const row = sheet.getRow(rowNumber);
    sheets.text(row.getCell(1), line.label);
    sheets.amount(row.getCell(2), line.amountMinor);
    if (line.kind === 'total') {
      row.font = { bold: true };
      row.getCell(2).border = { top: THIN };
    } else if (line.kind === 'difference') {
      row.font = { bold: true };
      row.getCell(2).border = { top: THIN, bottom: { style: 'double' } };
    }
    if (line.kind === 'total') {
      // A blank line after each adjusted balance, as on a paper workpaper.
      rowNumber += 1;
    }
  }
  rowNumber += 2;
  const conclusion = sheet.getCell(rowNumber, 1);
  sheets.text(conclusion, formatProofConclusion(wp.proof.differenceMinor, wp.currency));
  conclusion.font = { bold: true, color: { argb: wp.proof.differenceMinor === 0 ? 'FF1E7B34' : 'FFB42318' } };
}

const ITEM_COLUMNS = ['Date', 'Reference', 'Description', 'Amount', 'Age (days)', 'Note'] as const;

function addOutstandingSheet(workbook: ExcelJS.Workbook, sheets: Sheets, wp: ReconciliationWorkpaper): void {
  const sheet = workbook.addWorksheet('Outstanding items', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [{ width: 12 }, { width: 14 }, { width: 44 }, { width: 16 }, { width: 11 }, { width: 40 }];
  const nextRow = writeItemSection(sheet, sheets, 1, 'Outstanding checks', wp.outstandingChecks);
  writeItemSection(sheet, sheets, nextRow, 'Deposits in transit', wp.depositsInTransit);
}

/** Writes a titled table of items with a total row; returns the next free row number. */
function writeItemSection(sheet: ExcelJS.Worksheet, sheets: Sheets, firstRow: number, title: string, items: readonly WorkpaperItem[]): number {
  const titleCell = sheet.getCell(firstRow, 1);
  sheets.text(titleCell, title);
  titleCell.font = { bold: true, size: 12 };
  sheets.headerRow(sheet, firstRow + 1, ITEM_COLUMNS.map((label) => (label === 'Amount' ? `Amount (${sheets.currency})` : label)));
  let rowNumber = firstRow + 2;
  let totalMinor = 0;
  for (const item of items) {
    const row = sheet.getRow(rowNumber);
    sheets.date(row.getCell(1), item.date);
    sheets.text(row.getCell(2), item.reference ?? '');
    sheets.text(row.getCell(3), item.description);
    sheets.amount(row.getCell(4), item.amountMinor);
    sheets.count(row.getCell(5), item.ageDays);
    sheets.text(row.getCell(6), item.note ?? '');
    totalMinor += item.amountMinor;
    rowNumber += 1;
  }
  const total = sheet.getRow(rowNumber);
  sheets.text(total.getCell(1), `Total ${title.toLowerCase()} (${items.length})`);
  sheets.amount(total.getCell(4), totalMinor);
  total.font = { bold: true };
  total.getCell(4).border = { top: THIN };
  return rowNumber + 2;
}

function addAdjustmentsSheet(workbook: ExcelJS.Workbook, sheets: Sheets, wp: ReconciliationWorkpaper): void {
  const sheet = workbook.addWorksheet('Adjustments', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = [{ width: 12 }, { width: 44 }, { width: 16 }, { width: 18 }, { width: 12 }, { width: 16 }];
  sheets.headerRow(sheet, 1, ['Date', 'Description', 'Reason', 'Account', 'Status', `Amount (${wp.currency})`]);
  let rowNumber = 2;
  const totals = { approved: 0, proposed: 0 };
  for (const adjustment of wp.adjustments) {
    const row = sheet.getRow(rowNumber);
    sheets.date(row.getCell(1), adjustment.date);
    sheets.text(row.getCell(2), adjustment.description);
    sheets.text(row.getCell(3), formatAdjustmentReason(adjustment.reasonCode));
    sheets.text(row.getCell(4), adjustment.account ?? '');
    sheets.text(row.getCell(5), adjustment.status === 'approved' ? 'Approved' : 'Proposed');
    sheets.amount(row.getCell(6), adjustment.amountMinor);
    totals[adjustment.status] += adjustment.amountMinor;
    rowNumber += 1;
  }
  for (const [label, minor] of [
    ['Total approved', totals.approved],
    ['Total proposed, awaiting approval', totals.proposed],
  ] as const) {
    const row = sheet.getRow(rowNumber);
    sheets.text(row.getCell(1), label);
    sheets.amount(row.getCell(6), minor);
    row.font = { bold: true };
    rowNumber += 1;
  }
}

function addMatchedSummarySheet(workbook: ExcelJS.Workbook, sheets: Sheets, wp: ReconciliationWorkpaper): void {
  const sheet = workbook.addWorksheet('Matched summary', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 40 }, { width: 10 }, { width: 12 }, { width: 13 }, { width: 18 }];
  sheets.headerRow(sheet, 1, ['Match reason', 'Groups', 'Bank lines', 'Ledger lines', `Amount (${wp.currency})`]);
  let rowNumber = 2;
  const total = { groups: 0, bankLines: 0, ledgerLines: 0, amountMinor: 0 };
  for (const summary of wp.matchedSummary) {
    const row = sheet.getRow(rowNumber);
    sheets.text(row.getCell(1), formatMatchReason(summary.reason));
    sheets.count(row.getCell(2), summary.groups);
    sheets.count(row.getCell(3), summary.bankLines);
    sheets.count(row.getCell(4), summary.ledgerLines);
    sheets.amount(row.getCell(5), summary.amountMinor);
    total.groups += summary.groups;
    total.bankLines += summary.bankLines;
    total.ledgerLines += summary.ledgerLines;
    total.amountMinor += summary.amountMinor;
    rowNumber += 1;
  }
  const row = sheet.getRow(rowNumber);
  sheets.text(row.getCell(1), 'Total matched');
  sheets.count(row.getCell(2), total.groups);
  sheets.count(row.getCell(3), total.bankLines);
  sheets.count(row.getCell(4), total.ledgerLines);
  sheets.amount(row.getCell(5), total.amountMinor);
  row.font = { bold: true };
}
