// eslint-disable-next-line no-restricted-imports -- the fixture test reads the shared bank files in place; the importer itself does no IO.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseOutcome } from '../statement';
import { decodeStatementBytes } from './text-decoding';
import { parseOfx, parseQfx } from './ofx';

/** Real bank files written and tested by other projects (see ../shared/fixtures/README.md). */
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
  (entry) => entry.format === 'ofx' || entry.format === 'qfx',
);


/**
 * Where the peers accept either outcome (`reject: null`), Tickmark refuses: a transaction
 * without a readable date or amount cannot be reconciled, and importing the rest would hide it.
 */
const REFUSED_WHEN_EITHER_IS_ACCEPTABLE: Record<string, { location: string; problem: string }> = {
  'ofx/jseutter-ofxparse__date_missing.ofx': { location: '<STMTTRN> 1', problem: 'the transaction has no posting date <DTPOSTED>' },
  'ofx/jseutter-ofxparse__decimal_error.ofx': { location: '<STMTTRN> 1 / <DTPOSTED>', problem: "'201120000000' is not a date" },
};

/** Decoded as an upload is: by byte-order mark, else UTF-8 when valid, else windows-1252. */
function readText(file: string): string {
  return decodeStatementBytes(fs.readFileSync(path.join(FIXTURES, file))).text;
}

function parseFixture(entry: FixtureExpectation): ParseOutcome {
  const text = readText(entry.file);
  return entry.format === 'qfx' ? parseQfx(text) : parseOfx(text);
}

describe('OFX and QFX fixtures from other projects', () => {
  it('covers every OFX and QFX entry of expectations.json', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(13);
  });

  it.each(expectations.map((entry) => [entry.file, entry] as const))('%s', (_file, entry) => {
    const outcome = parseFixture(entry);
    const deviation = REFUSED_WHEN_EITHER_IS_ACCEPTABLE[entry.file];
    if (deviation) {
      expect(outcome).toEqual({ ok: false, error: deviation });
      return;
    }
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

  it('reads the text of real files the way their authors meant it', () => {
    const qfx = parseQfx(readText('qfx/actualbudget-actual__html-vals.qfx'));
    const suncorp = parseOfx(readText('ofx/jseutter-ofxparse__suncorp.ofx'));
    const medium = parseOfx(readText('ofx/jseutter-ofxparse__bank_medium.ofx'));
    expect(qfx.ok && qfx.value.statements[0]?.transactions.map((t) => t.description)).toEqual([
      'PREAUTHORIZED DEBIT;B.C. HYDRO & POWER AUTHORITY;Electronic Funds Transfer',
      'TPAY <DEFTPYMT> / PREAUTHORIZED DEBIT;LUXMORE REALTY PPTY MGMT;Electronic Funds Transfer',
    ]);
    expect(suncorp.ok && suncorp.value.statements[0]?.transactions[0]).toEqual({
      date: '2013-12-15',
      amountMinor: -1685,
      description: 'EFTPOS WDL HANDYWAY ALDI STORE GEELONG WEST VICAU',
      reference: null,
      bankId: '1',
    });
    expect(medium.ok && medium.value.statements[0]).toMatchObject({ startDate: '2009-04-01', endDate: '2009-05-23' });
  });
});

describe('an investment statement with cash lines at fund precision', () => {
  it('rounds each line half to even to the cent and says so in its description', () => {
    const outcome = parseOfx(decodeStatementBytes(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'ofx/jseutter-ofxparse__fidelity-savings.ofx')))).text);
    expect(outcome.ok).toBe(true);
    const transactions = outcome.ok ? (outcome.value.statements[0]?.transactions ?? []) : [];
    expect(transactions.map((t) => t.amountMinor)).toEqual([-150000, 11583, -19711, -19712]);
    expect(transactions[1]?.description).toMatch(/amount in file \+115\.8331, rounded to the cent/);
    expect(transactions[0]?.description).not.toMatch(/rounded/);
  });
});
