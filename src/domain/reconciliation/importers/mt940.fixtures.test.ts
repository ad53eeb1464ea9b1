/**
 * Real MT940/MT942 files from other open-source projects, read in place from the shared fixtures
 * folder and checked against every figure expectations.json knows (null = unknown, not checked).
 */
// eslint-disable-next-line no-restricted-imports -- the test reads the shared fixture files in place; the importer itself does no IO.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { collectStatements, type StatementSink } from '../statement';
import { createMt940Parser, parseMt940 } from './mt940';

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

const FIXTURES = path.resolve(process.cwd(), '../shared/fixtures');
// The shared expectations file is trusted test data; its shape is the interface above.
const expectations = (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expectations.json'), 'utf8')) as FixtureExpectation[]).filter(
  (entry) => entry.format === 'mt940',
);

/** UTF-8 (BOM dropped) when the bytes are valid UTF-8, else windows-1252, as an upload would be decoded. */
function readText(file: string): string {
  const bytes = fs.readFileSync(path.join(FIXTURES, file));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'win1252');
  }
}

describe('MT940 fixtures from other projects', () => {
  it('covers the twenty MT940 files the fixture set lists', () => {
    expect(expectations).toHaveLength(20);
  });

  it.each(expectations.map((entry) => [entry.file, entry] as const))('reads %s as expected', (file, expected) => {
    const outcome = parseMt940(readText(file));
    if (expected.reject) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error.location).not.toBe('');
        expect(outcome.error.problem).not.toBe('');
      }
      return;
    }
    if (!outcome.ok) {
      throw new Error(`${file} was refused: ${outcome.error.location}: ${outcome.error.problem}`);
    }
    const statements = outcome.value.statements;
    if (expected.statements !== null) {
      expect(statements).toHaveLength(expected.statements);
    }
    if (expected.transactionsTotal !== null) {
      expect(statements.reduce((total, statement) => total + statement.transactions.length, 0)).toBe(expected.transactionsTotal);
    }
    (expected.perStatement ?? []).forEach((want, index) => {
      const got = statements[index];
      expect(got, `statement ${index + 1}`).toBeDefined();
      if (got === undefined) {
        return;
      }
      const amounts = got.transactions.map((transaction) => transaction.amountMinor);
      const actual: Record<keyof StatementExpectation, unknown> = {
        accountId: got.accountId,
        currency: got.currency,
        openingBalanceMinor: got.openingBalanceMinor,
        closingBalanceMinor: got.closingBalanceMinor,
        transactions: got.transactions.length,
        sumAmountsMinor: amounts.reduce((sum, amount) => sum + amount, 0),
        firstAmountMinor: amounts[0] ?? null,
        firstDate: got.transactions[0]?.date ?? null,
      };
      // Object.keys loses the key type; `actual` has exactly the expectation's keys.
      for (const key of Object.keys(actual) as (keyof StatementExpectation)[]) {
        if (want[key] !== null) {
          expect(actual[key], `statement ${index + 1} ${key}`).toBe(want[key]);
        }
      }
    });
  });
});

/** Pushes `text` in pieces of the given sizes (cycled), as a stream with awkward boundaries would. */
function parseInPieces(text: string, sizes: readonly number[]) {
  return collectStatements('mt940', text, (sink: StatementSink) => {
    const parser = createMt940Parser(sink);
    return {
      write(whole: string) {
        for (let at = 0, i = 0; at < whole.length; i += 1) {
          const size = sizes[i % sizes.length] ?? 1;
          parser.write(whole.slice(at, at + size));
          at += size;
        }
      },
      end: () => parser.end(),
    };
  });
}

describe('MT940 fixtures fed in pieces', () => {
  it.each(expectations.map((entry) => [entry.file] as const))('reads %s the same one character at a time and in uneven chunks', (file) => {
    const text = readText(file);
    const whole = parseMt940(text);
    expect(parseInPieces(text, [1])).toEqual(whole);
    expect(parseInPieces(text, [7, 1, 64, 2, 3, 130, 5])).toEqual(whole);
  });
});

describe('what the MT940 fixtures show a user', () => {
  function statementsOf(file: string) {
    const outcome = parseMt940(readText(`mt940/${file}`));
    if (!outcome.ok) {
      throw new Error(`${file} was refused: ${outcome.error.problem}`);
    }
    return outcome.value.statements;
  }

  it('describes a German SEPA credit by payer and remittance text, with its end-to-end and bank references', () => {
    expect(statementsOf('WoLpH-mt940__sepa_snippet.sta')[0]?.transactions[0]).toEqual({
      date: '2007-09-07',
      amountMinor: 5099005,
      description: 'KARL KAUFMANN / Verw CTSc-01 BC-PPP TFNr 22 004',
      reference: 'EndToEndId TFNR 22 004 00001',
      bankId: '0724710333343453',
    });
  });

  it('describes a Rabobank SEPA payment by counterparty and takes its EREF as the reference', () => {
    expect(statementsOf('WoLpH-mt940__rabobank-iban.sta')[0]?.transactions).toEqual([
      { date: '2013-01-01', amountMinor: -2500, description: 'CONTRA ACCOUNT HOLDER', reference: '01-01-2013 12:00 0030000987654321', bankId: null },
      { date: '2013-01-02', amountMinor: -1000, description: 'JOHN DOE / Reference 201301234', reference: null, bankId: null },
    ]);
  });

  it('puts the counterparty an old Rabobank line carries after its reference in front of the :86: text', () => {
    expect(statementsOf('WoLpH-mt940__rabobank.sta')[0]?.transactions[0]).toMatchObject({
      reference: '0121470966',
      description: 'W.P. Jansen / Terugboeking NIET AKKOORD MET AFSCHRIJVING KOSTEN KINDEROPVANG JUNI 20095731',
    });
  });

  it('reads 30 February 2016 as the last day of that February and states the balance dates as the period', () => {
    const [statement] = statementsOf('WoLpH-mt940__february_30.sta');
    expect(statement).toMatchObject({ startDate: '2016-02-29', endDate: '2016-03-01' });
    expect(statement?.transactions[0]).toMatchObject({ date: '2016-02-29', description: 'ENTGELTABSCHLUSS / Pauschalen' });
  });

  it('does not take a supplementary /OCMT/ line for a transaction', () => {
    expect(statementsOf('a-fas-mt940js__test1.mt940')[1]?.transactions.map((t) => t.description)).toEqual([
      'FACTUUR 201403110, 201403113 REK: NL65INGB0123456789/NAAM: PICQER',
      '12160475 0050001631430920 ORDERID: 264267 MEDIA MARKT ONLINE NE REK: NL84INGB0234561789/NAAM: MMS ONLINE NEDERLAND B.V.',
    ]);
  });
});
