import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdfText } from '../server/exports/pdf-text';
import { buildDemoBankMonths, DEMO_BANK_PROFILES } from '../server/db/seed-bank-data';

const bin = path.resolve('bin/tickmark.mjs');
const fixtures = path.resolve(process.cwd(), '../shared/fixtures');

function tickmark(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' }, timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function demoFiles() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tm-rec-'));
  const profile = DEMO_BANK_PROFILES[0];
  if (!profile) {
    throw new Error('no demo profile');
  }
  const [month] = buildDemoBankMonths(profile, [{ start: '2026-09-01', end: '2026-09-30' }]);
  if (!month) {
    throw new Error('no demo month');
  }
  const bank = path.join(dir, month.bank.fileName);
  const ledger = path.join(dir, month.ledger.fileName);
  fs.writeFileSync(bank, month.bank.text);
  fs.writeFileSync(ledger, month.ledger.text);
  return { dir, bank, ledger, month };
}

describe('tickmark parse-statement', () => {
  it('prints the SPEC 3 JSON of a real OFX file: format, account, balances and transactions', () => {
    const run = tickmark('parse-statement', path.join(fixtures, 'ofx/jseutter-ofxparse__bank_medium.ofx'), '--json');
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.out);
    expect(Object.keys(parsed)).toEqual(['format', 'statements']);
    expect(parsed.format).toBe('ofx');
    const [statement] = parsed.statements;
    expect(Object.keys(statement)).toEqual(['accountId', 'currency', 'openingBalanceMinor', 'closingBalanceMinor', 'startDate', 'endDate', 'transactions']);
    expect(statement).toMatchObject({ accountId: '12300 000012345678', currency: 'CAD', openingBalanceMinor: null, closingBalanceMinor: 38234 });
    expect(statement.transactions).toHaveLength(3);
    expect(Object.keys(statement.transactions[0])).toEqual(['date', 'amountMinor', 'description', 'reference', 'bankId']);
    expect(statement.transactions[0].amountMinor).toBe(-660);
  });

  it('refuses a malformed file with exit code 2 and one line naming the file, line and problem', () => {
    const run = tickmark('parse-statement', path.join(fixtures, 'bai2/moov-io-bai2__sample-parseError.txt'), '--json');
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    const lines = run.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^moov-io-bai2__sample-parseError\.txt, line 1: /);
  });

  it('refuses a missing file and an unknown format without a stack trace', () => {
    const missing = tickmark('parse-statement', '/nonexistent/statement.ofx');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no such file/);
    const format = tickmark('parse-statement', path.join(fixtures, 'ofx/jseutter-ofxparse__bank_medium.ofx'), '--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.err).toMatch(/unknown format "pdf"/);
  });
});

describe('tickmark reconcile', () => {
  it('matches a statement against a ledger export and prints the SPEC 3 JSON with 1-based line numbers', () => {
    const { bank, ledger, month } = demoFiles();
    const run = tickmark('reconcile', '--bank', bank, '--ledger', ledger, '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out);
    expect(Object.keys(result)).toEqual(['summary', 'matches', 'suggestions', 'unmatchedBank', 'unmatchedLedger']);
    const { summary } = result;
    expect(summary.bankLines).toBe(month.bank.statement.transactions.length);
    expect(summary.ledgerLines).toBe(month.ledger.lines.length);
    const bankSeen = result.matches.flatMap((m: { bankLines: number[] }) => m.bankLines);
    expect(new Set(bankSeen).size).toBe(bankSeen.length);
    expect(bankSeen.length + result.unmatchedBank.length).toBe(summary.bankLines);
    expect(Math.min(...bankSeen, ...result.unmatchedBank)).toBe(1);
    // Only the bank's service charge and interest are left: they are the whole difference.
    const unmatched = result.unmatchedBank.map((n: number) => month.bank.statement.transactions[n - 1]);
    expect(unmatched.map((t: { description: string }) => t.description).sort()).toEqual(['INTEREST PAYMENT', 'MONTHLY SERVICE CHARGE']);
    expect(summary.differenceMinor).toBe(-unmatched.reduce((s: number, t: { amountMinor: number }) => s + t.amountMinor, 0) * -1);
    for (const m of result.matches) {
      expect(typeof m.reason).toBe('string');
      expect(m.confidence).toBeGreaterThan(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('writes a PDF workpaper whose text carries the proof figures', async () => {
    const { dir, bank, ledger } = demoFiles();
    const out = path.join(dir, 'workpaper.pdf');
    const run = tickmark('reconcile', '--bank', bank, '--ledger', ledger, '--out', out);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Difference: -?\d+\.\d{2} USD/);
    const text = await extractPdfText(new Uint8Array(fs.readFileSync(out)));
    expect(text).toMatch(/Bank reconciliation/);
    expect(text).toContain('57,005.85');
  });
});
