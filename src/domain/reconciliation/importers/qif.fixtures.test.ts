// eslint-disable-next-line no-restricted-imports -- the fixture test reads the shared bank files in place; the importer itself does no IO.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseOutcome } from '../statement';
import { decodeStatementBytes } from './text-decoding';
import { parseQif } from './qif';

/** Real QIF files written and tested by other projects (see ../shared/fixtures/README.md). */
const FIXTURES = path.resolve(process.cwd(), '../shared/fixtures');

interface StatementExpectation {
  accountId: string | null;
  currency: string | null;
  openingBalanceMinor: number | null;
  closingBalanceMinor: number | null;
  transactions: number | null;
  sumAmountsMinor: number | null;
  firstAmountMinor: number | null;
  firstDate: string | null;
}

interface FixtureExpectation {
  file: string;
  format: string;
  reject: boolean | null;
  statements: number | null;
  transactionsTotal: number | null;
  perStatement: StatementExpectation[] | null;
  note: string;
}

const expectations = (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expectations.json'), 'utf8')) as FixtureExpectation[]).filter(
  (entry) => entry.format === 'qif',
);

/** Decoded as an upload is: by byte-order mark, else UTF-8 when valid, else windows-1252. */
function readText(file: string): string {
  return decodeStatementBytes(fs.readFileSync(path.join(FIXTURES, file))).text;
}

/** QIF states no date order: the fixtures are read as a user's import would, order detected. */
function parseFixture(entry: FixtureExpectation): ParseOutcome {
  return parseQif(readText(entry.file));
}

describe('QIF fixtures from other projects', () => {
  it('covers every QIF entry of expectations.json', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(2);
  });

  it.each(expectations.map((entry) => [entry.file, entry] as const))('%s', (_file, entry) => {
    const outcome = parseFixture(entry);
    if (entry.reject === true) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error.location).not.toBe('');
        expect(outcome.error.problem).not.toBe('');
      }
      return;
    }
    if (!outcome.ok) {
      throw new Error(`refused: ${outcome.error.location}: ${outcome.error.problem}`);
    }
    expect(outcome.value.format).toBe(entry.format);
    const statements = outcome.value.statements;
    if (entry.statements !== null) {
      expect(statements).toHaveLength(entry.statements);
    }
    if (entry.transactionsTotal !== null) {
      expect(statements.reduce((total, s) => total + s.transactions.length, 0)).toBe(entry.transactionsTotal);
    }
    (entry.perStatement ?? []).forEach((expected, index) => {
      const statement = statements[index];
      expect(statement, `statement ${index + 1}`).toBeDefined();
      if (!statement) {
        return;
      }
      const actual: StatementExpectation = {
        accountId: statement.accountId,
        currency: statement.currency,
        openingBalanceMinor: statement.openingBalanceMinor,
        closingBalanceMinor: statement.closingBalanceMinor,
        transactions: statement.transactions.length,
        sumAmountsMinor: statement.transactions.reduce((sum, t) => sum + t.amountMinor, 0),
        firstAmountMinor: statement.transactions[0]?.amountMinor ?? null,
        firstDate: statement.transactions[0]?.date ?? null,
      };
      for (const key of Object.keys(expected) as (keyof StatementExpectation)[]) {
        if (expected[key] !== null) {
          expect(actual[key], `statement ${index + 1} ${key}`).toBe(expected[key]);
        }
      }
    });
  });

  it('reads the payee, memo, dates and account of real files the way their authors meant it', () => {
    const account = parseQif(readText('qif/actualbudget-actual__qif-account.qif'));
    const category = parseQif(readText('qif/actualbudget-actual__qif-category.qif'));
    expect(account.ok && account.value.statements[0]).toMatchObject({ accountId: 'CHECKINGMAIN', startDate: '2018-12-19', endDate: '2018-12-19' });
    expect(account.ok && account.value.statements[0]?.transactions[0]?.description).toBe('COUNTY WASTE');
    expect(category.ok && category.value.statements[0]?.transactions).toEqual([
      { date: '2024-06-24', amountMinor: -10058, description: 'Pay Designer Outlet', reference: null, bankId: null },
      { date: '2024-06-23', amountMinor: -2015, description: 'GroceriesYou / Pay Groceries', reference: null, bankId: null },
    ]);
  });
});
