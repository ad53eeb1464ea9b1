// eslint-disable-next-line no-restricted-imports -- the fixture test reads the shared bank files in place; the importer itself does no IO.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { decodeStatementBytes } from './text-decoding';

/**
 * Real bank exports from other projects (../shared/fixtures, read in place): every one must be
 * read by auto-detection alone, with no mapping written for it.
 */
interface Expectation {
  file: string;
  format: string;
  reject: boolean;
  statements: number | null;
  transactionsTotal: number | null;
  perStatement: Array<{
    accountId: string | null;
    currency: string | null;
    openingBalanceMinor: number | null;
    closingBalanceMinor: number | null;
    transactions: number | null;
    sumAmountsMinor: number | null;
    firstAmountMinor: number | null;
    firstDate: string | null;
  }> | null;
  note: string;
}

const fixturesDir = path.resolve(process.cwd(), '../shared/fixtures');
const expectations = (JSON.parse(readFileSync(path.join(fixturesDir, 'expectations.json'), 'utf8')) as Expectation[]).filter((entry) => entry.format === 'csv');

describe('CSV fixtures from real banks', () => {
  it('has the 18 bank files to check', () => {
    expect(expectations).toHaveLength(18);
  });

  for (const expectation of expectations) {
    it(`reads ${path.basename(expectation.file)} as expected without a hand-written mapping`, () => {
      const { text } = decodeStatementBytes(new Uint8Array(readFileSync(path.join(fixturesDir, expectation.file))));
      const outcome = parseCsv(text);

      if (expectation.reject) {
        expect(outcome.ok).toBe(false);
        if (!outcome.ok) {
          expect(outcome.error.location).not.toBe('');
          expect(outcome.error.problem).not.toBe('');
        }
        return;
      }
      if (!outcome.ok) {
        throw new Error(`${outcome.error.location}: ${outcome.error.problem}`);
      }
      const { statements } = outcome.value;
      if (expectation.statements !== null) {
        expect(statements).toHaveLength(expectation.statements);
      }
      if (expectation.transactionsTotal !== null) {
        expect(statements.reduce((sum, statement) => sum + statement.transactions.length, 0)).toBe(expectation.transactionsTotal);
      }
      (expectation.perStatement ?? []).forEach((expected, index) => {
        const statement = statements[index];
        expect(statement, `statement ${index + 1}`).toBeDefined();
        if (!statement) {
          return;
        }
        const actual = {
          accountId: statement.accountId,
          currency: statement.currency,
          openingBalanceMinor: statement.openingBalanceMinor,
          closingBalanceMinor: statement.closingBalanceMinor,
          transactions: statement.transactions.length,
          sumAmountsMinor: statement.transactions.reduce((sum, transaction) => sum + transaction.amountMinor, 0),
          firstAmountMinor: statement.transactions[0]?.amountMinor ?? null,
          firstDate: statement.transactions[0]?.date ?? null,
        };
        for (const [key, value] of Object.entries(expected)) {
          if (value !== null) {
            expect(actual[key as keyof typeof actual], `${key} of statement ${index + 1}`).toBe(value);
          }
        }
      });
    });
  }
});
