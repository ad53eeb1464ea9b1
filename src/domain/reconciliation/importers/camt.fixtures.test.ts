// eslint-disable-next-line no-restricted-imports -- the fixture test reads the shared bank files in place; the importer itself does no IO.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ParseOutcome } from '../statement';
import { parseCamt } from './camt';

/**
 * Every camt.052/053/054 file of the shared fixture set (real files from other projects), read
 * in place and checked against each figure of expectations.json that is not null.
 */
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
  reject: boolean;
  statements: number | null;
  transactionsTotal: number | null;
  perStatement: StatementExpectation[] | null;
  note: string;
}

const expectations = (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expectations.json'), 'utf8')) as FixtureExpectation[]).filter((entry) =>
  ['camt053', 'camt052', 'camt054'].includes(entry.format),
);

describe('camt fixtures from other projects', () => {
  it('finds the camt fixtures', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(11);
  });

  for (const expectation of expectations) {
    const verb = expectation.reject ? 'refuses' : 'reads';
    it(`${verb} ${expectation.file}`, () => {
      const outcome = parseCamt(decodeXmlFile(fs.readFileSync(path.join(FIXTURES, expectation.file))));
      checkExpectation(outcome, expectation);
    });
  }
});

/** UTF-8 (BOM dropped) unless the XML declaration names another encoding, as the latin-1 fixture does. */
function decodeXmlFile(bytes: Buffer): string {
  const declared = /^[^>]*encoding=["']([\w.-]+)["']/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared) && iconv.encodingExists(declared)) {
    return iconv.decode(bytes, declared);
  }
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
