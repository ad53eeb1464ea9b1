// eslint-disable-next-line no-restricted-imports -- the fixture test reads the shared bank files in place; the importer itself does no IO.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ParseOutcome } from '../statement';
import { parseBai2 } from './bai2';

/**
 * Every BAI2 file of the shared fixture set (real files from other projects), read in place and
 * checked against each figure of expectations.json that is not null.
 */
const FIXTURES = path.resolve(process.cwd(), '../shared/fixtures');

/**
 * Two moov-io samples were assembled by hand for a continuation-record test: an account from
 * another file was pasted in, so their 49/98/99 trailers contradict their contents (account
 * 107049932's trailer claims a total of -1260161341762 over 26 records for 3 details; the group
 * trailer counts 4 of the 5 accounts). Tickmark refuses such a file by default — that is how a
 * damaged transmission shows — and reads it exactly as the expectations say when the user
 * imports it without the trailer check.
 */
const FILES_WITH_WRONG_TRAILERS: ReadonlyMap<string, string> = new Map([
  ['bai2/moov-io-bai2__sample4-continuations-newline-delimited.txt', 'line 22'],
  ['bai2/moov-io-bai2__sample5-issue113.txt', 'line 22'],
]);

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
  reject: boolean;
  statements: number | null;
  transactionsTotal: number | null;
  perStatement: StatementExpectation[] | null;
  note: string;
}

const expectations = (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expectations.json'), 'utf8')) as FixtureExpectation[]).filter(
  (entry) => entry.format === 'bai2',
);

describe('BAI2 fixtures from other projects', () => {
  it('finds the BAI2 fixtures', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(10);
  });

  for (const expectation of expectations) {
    const wrongTrailerLine = FILES_WITH_WRONG_TRAILERS.get(expectation.file);
    if (wrongTrailerLine !== undefined) {
      it(`refuses ${expectation.file} when control totals are verified, naming the account trailer that does not add up`, () => {
        const outcome = parseBai2(readFixture(expectation.file), { verifyControlTotals: true });
        expect(outcome).toMatchObject({ ok: false, error: { location: wrongTrailerLine } });
        expect(outcome.ok ? '' : outcome.error.problem).toMatch(/account trailer \(49\).*control total/);
      });
      it(`reads ${expectation.file} as expected by default (its peer accepts it; its totals do not add up)`, () => {
        checkExpectation(parseBai2(readFixture(expectation.file)), expectation);
      });
      continue;
    }
    it(`${expectation.reject ? 'refuses' : 'reads'} ${expectation.file}`, () => {
      checkExpectation(parseBai2(readFixture(expectation.file)), expectation);
    });
  }
});

/** UTF-8 (BOM dropped), else windows-1252. */
function readFixture(file: string): string {
  const bytes = fs.readFileSync(path.join(FIXTURES, file));
  const isUtf8 = (() => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return true;
    } catch {
      // Not valid UTF-8: read as windows-1252 below.
      return false;
    }
  })();
  return isUtf8 ? iconv.decode(bytes, 'utf-8', { stripBOM: true }) : iconv.decode(bytes, 'windows-1252');
}

function checkExpectation(outcome: ParseOutcome, expectation: FixtureExpectation): void {
  if (expectation.reject) {
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
  const statements = outcome.value.statements;
  if (expectation.statements !== null) {
    expect(statements).toHaveLength(expectation.statements);
  }
  if (expectation.transactionsTotal !== null) {
    expect(statements.reduce((total, statement) => total + statement.transactions.length, 0)).toBe(expectation.transactionsTotal);
  }
  (expectation.perStatement ?? []).forEach((expected, index) => {
    const statement = statements[index];
    expect(statement, `statement ${index + 1}`).toBeDefined();
    if (statement === undefined) {
      return;
    }
    const actual: StatementExpectation = {
      accountId: statement.accountId,
      currency: statement.currency,
      openingBalanceMinor: statement.openingBalanceMinor,
      closingBalanceMinor: statement.closingBalanceMinor,
      transactions: statement.transactions.length,
      sumAmountsMinor: statement.transactions.reduce((sum, transaction) => sum + transaction.amountMinor, 0),
      firstAmountMinor: statement.transactions[0]?.amountMinor ?? null,
      firstDate: statement.transactions[0]?.date ?? null,
    };
    for (const key of Object.keys(expected) as (keyof StatementExpectation)[]) {
      if (expected[key] !== null) {
        expect(actual[key], `statement ${index + 1} ${key}`).toBe(expected[key]);
      }
    }
  });
}
