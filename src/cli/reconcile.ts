import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { daysBetween } from '../domain/dates';
import { currencyExponent, formatMinor } from '../domain/money';
import { proposeMatches } from '../domain/reconciliation/matching/propose-matches';
import { DEFAULT_MATCH_OPTIONS, type Match, type MatchLine, type MatchResult } from '../domain/reconciliation/matching/types';
import type { ParsedStatementFile, StatementTransaction } from '../domain/reconciliation/statement';
import type { ReconciliationWorkpaper, WorkpaperItem } from '../domain/reconciliation/workpaper';
import { renderWorkpaperPdf } from '../server/exports/workpaper-pdf';
import { renderWorkpaperXlsx } from '../server/exports/workpaper-xlsx';
import { readStatementFile } from './parse-statement';

const USAGE = 'Usage: tickmark reconcile --bank FILE --ledger FILE [--window DAYS] [--json] [--out FILE.pdf|FILE.xlsx]';

/** The headless summary of SPEC 3; `differenceMinor` is the part of the proof nothing explains. */
export interface ReconcileSummary {
  bankLines: number;
  ledgerLines: number;
  matchedBank: number;
  matchedLedger: number;
  differenceMinor: number;
}

/**
 * `tickmark reconcile`: parses a bank file and a general-ledger file, runs the matcher and prints
 * the summary — or the SPEC 3 JSON with `--json` — and can write the workpaper.
 */
export async function reconcileCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { bank: { type: 'string' }, ledger: { type: 'string' }, json: { type: 'boolean', default: false }, out: { type: 'string' }, window: { type: 'string' } },
    });
  } catch (error) {
    process.stderr.write(`tickmark reconcile: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const { bank: bankFile, ledger: ledgerFile, json, out, window } = parsed.values;
  if (!bankFile || !ledgerFile) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const dateWindowDays = window === undefined ? DEFAULT_MATCH_OPTIONS.dateWindowDays : Number(window);
  if (!Number.isInteger(dateWindowDays) || dateWindowDays < 0 || dateWindowDays > 31) {
    process.stderr.write('tickmark reconcile: --window must be a whole number of days from 0 to 31\n');
    return 2;
  }
  if (out && !/\.(pdf|xlsx)$/i.test(out)) {
    process.stderr.write('tickmark reconcile: --out must name a .pdf or .xlsx file\n');
    return 2;
  }
  const bank = await readStatementFile(bankFile);
  if (!bank.ok) {
    process.stderr.write(`${bank.message}\n`);
    return 2;
  }
  const ledger = await readStatementFile(ledgerFile, undefined, { ledger: true });
  if (!ledger.ok) {
    process.stderr.write(`${ledger.message}\n`);
    return 2;
  }
  const bankLines = flatten(bank.value);
  const ledgerLines = flatten(ledger.value);
  const result = proposeMatches(bankLines, ledgerLines, { ...DEFAULT_MATCH_OPTIONS, dateWindowDays });
  const proof = proveHeadless(bank.value, ledger.value, bankLines, ledgerLines, result);
  const summary: ReconcileSummary = {
    bankLines: bankLines.length,
    ledgerLines: ledgerLines.length,
    matchedBank: bankLines.length - result.unmatchedBank.length,
    matchedLedger: ledgerLines.length - result.unmatchedLedger.length,
    differenceMinor: proof.differenceMinor,
  };
  if (out) {
    const workpaper = buildHeadlessWorkpaper({ bankFile, bank: bank.value, ledgerLines, result, proof });
    const bytes = /\.pdf$/i.test(out) ? await renderWorkpaperPdf(workpaper) : await renderWorkpaperXlsx(workpaper);
    fs.writeFileSync(out, bytes);
  }
  if (json) {
    const present = (m: Match) => ({ bankLines: m.bank.map((i) => i + 1), ledgerLines: m.ledger.map((i) => i + 1), reason: m.reason, confidence: m.confidence });
    process.stdout.write(
      `${JSON.stringify({
        summary,
        matches: result.matches.map(present),
        suggestions: result.suggestions.map(present),
        unmatchedBank: result.unmatchedBank.map((i) => i + 1),
        unmatchedLedger: result.unmatchedLedger.map((i) => i + 1),
      })}\n`,
    );
  } else {
    const exponent = currencyExponent(proof.currency);
    process.stdout.write(
      [
        `Bank:   ${summary.matchedBank} of ${summary.bankLines} lines matched (${result.unmatchedBank.length} unmatched)`,
        `Ledger: ${summary.matchedLedger} of ${summary.ledgerLines} lines matched (${result.unmatchedLedger.length} outstanding)`,
        `Suggestions to review: ${result.suggestions.length}`,
        `Difference: ${formatMinor(summary.differenceMinor, exponent)}${proof.currency ? ` ${proof.currency}` : ''}${summary.differenceMinor === 0 ? ' (reconciled)' : ' (unexplained)'}`,
        ...(out ? [`Workpaper written to ${out}`] : []),
        '',
      ].join('\n'),
    );
  }
  return 0;
}

/** Every transaction of a file in order; a line's number is its 1-based position here. */
function flatten(file: ParsedStatementFile): MatchLine[] {
  return file.statements.flatMap((s) => s.transactions.map((t: StatementTransaction) => ({ date: t.date, amountMinor: t.amountMinor, description: t.description, reference: t.reference, bankId: t.bankId })));
}

interface HeadlessProof {
  currency: string | null;
  statementBalanceMinor: number;
  bookBalanceMinor: number;
  depositsInTransitMinor: number;
  outstandingChecksMinor: number;
  adjustmentsMinor: number;
  differenceMinor: number;
}

/**
 * The proof from the two files: statement balance + deposits in transit − outstanding checks =
 * book balance + adjustments, where the adjustments are those the matcher proposed (rules,
 * tolerances). Bank lines left unmatched have no adjustment yet, so they show as the difference.
 * A file without a closing balance is taken to start where the other does (its balance is the
 * sum of its lines), so that only the lines are compared.
 */
function proveHeadless(bank: ParsedStatementFile, ledger: ParsedStatementFile, bankLines: MatchLine[], ledgerLines: MatchLine[], result: MatchResult): HeadlessProof {
  const closing = (file: ParsedStatementFile) => (file.statements.every((s) => s.closingBalanceMinor !== null) && file.statements.length > 0 ? file.statements.reduce((t, s) => t + (s.closingBalanceMinor ?? 0), 0) : null);
  const bankClosing = closing(bank);
  const bookClosing = closing(ledger);
  const bankTotal = bankLines.reduce((t, l) => t + l.amountMinor, 0);
  const ledgerTotal = ledgerLines.reduce((t, l) => t + l.amountMinor, 0);
  const statementBalanceMinor = bankClosing !== null && bookClosing !== null ? bankClosing : bankTotal;
  const bookBalanceMinor = bankClosing !== null && bookClosing !== null ? bookClosing : ledgerTotal;
  const outstanding = result.unmatchedLedger.map((i) => ledgerLines[i]?.amountMinor ?? 0);
  const depositsInTransitMinor = outstanding.filter((a) => a > 0).reduce((t, a) => t + a, 0);
  const outstandingChecksMinor = -outstanding.filter((a) => a < 0).reduce((t, a) => t + a, 0);
  const adjustmentsMinor = result.matches.reduce((t, m) => t + (m.adjustment?.amountMinor ?? 0), 0);
  const differenceMinor = statementBalanceMinor + depositsInTransitMinor - outstandingChecksMinor - (bookBalanceMinor + adjustmentsMinor);
  return { currency: bank.statements[0]?.currency ?? null, statementBalanceMinor, bookBalanceMinor, depositsInTransitMinor, outstandingChecksMinor, adjustmentsMinor, differenceMinor };
}

function buildHeadlessWorkpaper(input: { bankFile: string; bank: ParsedStatementFile; ledgerLines: MatchLine[]; result: MatchResult; proof: HeadlessProof }): ReconciliationWorkpaper {
  const { bank, ledgerLines, result, proof } = input;
  const first = bank.statements[0];
  const statementDate = bank.statements.map((s) => s.endDate).filter((d): d is string => d !== null).sort().at(-1) ?? ledgerLines.map((l) => l.date).sort().at(-1) ?? '1970-01-01';
  const periodStart = bank.statements.map((s) => s.startDate).filter((d): d is string => d !== null).sort()[0] ?? statementDate;
  const item = (line: MatchLine): WorkpaperItem => ({ date: line.date, description: line.description, reference: line.reference, amountMinor: line.amountMinor, ageDays: Math.max(0, daysBetween(line.date, statementDate)), note: null });
  const outstanding = result.unmatchedLedger.map((i) => ledgerLines[i]).filter((l): l is MatchLine => l !== undefined);
  const byReason = new Map<string, { groups: number; bankLines: number; ledgerLines: number; amountMinor: number }>();
  for (const m of result.matches) {
    const entry = byReason.get(m.reason) ?? { groups: 0, bankLines: 0, ledgerLines: 0, amountMinor: 0 };
    entry.groups += 1;
    entry.bankLines += m.bank.length;
    entry.ledgerLines += m.ledger.length;
    entry.amountMinor += m.ledger.reduce((t, i) => t + (ledgerLines[i]?.amountMinor ?? 0), 0);
    byReason.set(m.reason, entry);
  }
  return {
    firmName: '',
    clientName: path.basename(input.bankFile),
    accountName: first?.accountId ?? 'Bank account',
    accountNumber: first?.accountId ? `•••• ${first.accountId.slice(-4)}` : null,
    currency: proof.currency ?? 'USD',
    periodStart,
    statementDate,
    status: 'draft',
    preparer: null,
    reviewer: null,
    assignedPreparer: null,
    assignedReviewer: null,
    proof: {
      statementBalanceMinor: proof.statementBalanceMinor,
      depositsInTransitMinor: proof.depositsInTransitMinor,
      outstandingChecksMinor: proof.outstandingChecksMinor,
      adjustedBankBalanceMinor: proof.statementBalanceMinor + proof.depositsInTransitMinor - proof.outstandingChecksMinor,
      bookBalanceMinor: proof.bookBalanceMinor,
      adjustmentsMinor: proof.adjustmentsMinor,
      adjustedBookBalanceMinor: proof.bookBalanceMinor + proof.adjustmentsMinor,
      differenceMinor: proof.differenceMinor,
    },
    outstandingChecks: outstanding.filter((l) => l.amountMinor < 0).map(item),
    depositsInTransit: outstanding.filter((l) => l.amountMinor > 0).map(item),
    adjustments: result.matches
      .filter((m) => m.adjustment !== null)
      .map((m) => ({ date: statementDate, description: m.explanation, amountMinor: m.adjustment?.amountMinor ?? 0, reasonCode: m.adjustment?.reasonCode ?? '', account: m.adjustment?.account ?? null, status: 'proposed' as const })),
    matchedSummary: [...byReason.entries()].map(([reason, v]) => ({ reason, ...v })),
    generatedAt: new Date().toISOString(),
    generatedBy: 'tickmark reconcile',
  };
}
