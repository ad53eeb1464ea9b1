import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../../dates';
import { createCollectingSink, type ParseOutcome, type Statement, type StatementTransaction } from '../statement';
import { createBai2Parser, parseBai2, type Bai2ParserOptions } from './bai2';
import { writeBai2 } from './bai2.writer';

/**
 * A BAI2 file with one group (as-of 2024-03-15, USD) and one account whose records after the 03
 * are `details`; the trailers are computed unless given.
 */
function bai2File(details: string[], options: { account?: string; trailer?: string; groupTrailer?: string; fileTrailer?: string } = {}): string {
  const account = options.account ?? '03,1234567,USD,010,100000,,,015,90000,,/';
  // Several records may share a line ("…/ 16,…"); each counts.
  const records = [account, ...details].flatMap((line) => line.split(/\/\s+(?=\d\d,)/));
  const total = records.flatMap(recordAmounts).reduce((sum, value) => sum + value, 0n);
  const accountRecords = records.length + 1;
  const lines = [
    '01,BANKID,CUSTID,240316,0200,1,,,2/',
    '02,CUSTID,BANKID,1,240315,,USD,2/',
    account,
    ...details,
    options.trailer ?? `49,${total},${accountRecords}/`,
    options.groupTrailer ?? `98,${total},1,${accountRecords + 2}/`,
    options.fileTrailer ?? `99,${total},1,${accountRecords + 4}/`,
  ];
  return lines.join('\n');
}

/** The amounts a trailer adds up for the test records used here (03 summaries, 16 amounts). */
function recordAmounts(record: string): bigint[] {
  const fields = record.replace(/\/$/, '').split(',');
  if (fields[0] === '16') {
    return /^\d+$/.test(fields[2] ?? '') ? [BigInt(fields[2] ?? '0')] : [];
  }
  if (fields[0] === '03') {
    const amounts: bigint[] = [];
    for (let i = 3; i + 1 < fields.length; i += 4) {
      if (/^[+-]?\d+$/.test(fields[i + 1] ?? '')) {
        amounts.push(BigInt(fields[i + 1] ?? '0'));
      }
    }
    return amounts;
  }
  return [];
}

function statementsOf(outcome: ParseOutcome): Statement[] {
  if (!outcome.ok) {
    throw new Error(`refused: ${outcome.error.location}: ${outcome.error.problem}`);
  }
  return outcome.value.statements;
}

function transactionsOf(outcome: ParseOutcome): StatementTransaction[] {
  return statementsOf(outcome).flatMap((statement) => statement.transactions);
}

function parseInChunks(text: string, sizes: readonly number[], options: Bai2ParserOptions = {}): ParseOutcome {
  const sink = createCollectingSink();
  const parser = createBai2Parser(sink, options);
  let position = 0;
  for (let i = 0; position < text.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    parser.write(text.slice(position, position + size));
    position += size;
  }
  parser.end();
  return { ok: true, value: { format: 'bai2', statements: sink.statements } };
}

const DETAILS = [
  '16,195,5000,Z,BANKREF1,CUSTREF1,INCOMING WIRE FROM',
  '88,ACME CORP INV 08/18/23',
  '16,475,2500,V,240314,1200,,1001,CHECK PAID/',
  '16,699,12500,S,1000,2000,9500,FEE-9,,MONTHLY FEE/ 16,890,0,Z,,,NOTE ONLY/',
];

const RICH_FILE = `\uFEFF${bai2File(DETAILS).replace(/\n/g, '\r\n')}\r\n`;

describe('parseBai2', () => {
  it('reads an account: number, currency, ledger balances and signed details', () => {
    expect(statementsOf(parseBai2(RICH_FILE))).toEqual([
      {
        accountId: '1234567',
        currency: 'USD',
        openingBalanceMinor: 100000,
        closingBalanceMinor: 90000,
        startDate: '2024-03-15',
        endDate: '2024-03-15',
        transactions: [
          { date: '2024-03-15', amountMinor: 5000, description: 'INCOMING WIRE FROM ACME CORP INV 08/18/23', reference: 'CUSTREF1', bankId: 'BANKREF1' },
          { date: '2024-03-15', amountMinor: -2500, description: 'CHECK PAID', reference: '1001', bankId: null },
          { date: '2024-03-15', amountMinor: -12500, description: 'MONTHLY FEE', reference: null, bankId: 'FEE-9' },
        ],
      },
    ]);
  });

  it('gives identical output when the text arrives one character at a time', () => {
    expect(parseInChunks(RICH_FILE, [1])).toEqual(parseBai2(RICH_FILE));
  });

  it('gives identical output for any chunk sizes and line endings', () => {
    const whole = parseBai2(RICH_FILE);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\r'), (sizes, lineEnd) => {
        expect(parseInChunks(RICH_FILE.replace(/\r\n/g, lineEnd), sizes)).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('counts lines right when an empty chunk falls between a carriage return and its line feed', () => {
    const text = bai2File([]).replace(/\n/g, '\r\n').replace('240315', '240230');
    const sink = createCollectingSink();
    const parser = createBai2Parser(sink);
    const split = text.indexOf('\n');
    expect(() => {
      parser.write(text.slice(0, split));
      parser.write('');
      parser.write(text.slice(split));
      parser.end();
    }).toThrow(expect.objectContaining({ location: 'line 2' }) as Error);
  });

  it('refuses a file that does not start with a file header, naming the line', () => {
    expect(parseBai2('00,0004,1/2/345,06/0321,0829,001,80,1,2/')).toEqual({
      ok: false,
      error: { location: 'line 1', problem: "record type '00' is not a BAI2 record; a BAI2 file starts with a 01 file header" },
    });
  });

  it('refuses an account whose control total does not match its amounts', () => {
    expect(parseBai2(bai2File(['16,195,5000,Z,,,X/'], { trailer: '49,195001,3/' }), { verifyControlTotals: true })).toEqual({
      ok: false,
      error: {
        location: 'line 5',
        problem: "the account trailer (49) gives a control total of 195001 but account 1234567's amounts add up to 195000; the file may be incomplete or altered",
      },
    });
  });

  it('refuses a trailer that miscounts records, accounts or groups', () => {
    expect(parseBai2(bai2File([], { trailer: '49,190000,3/' }), { verifyControlTotals: true })).toMatchObject({ ok: false, error: { location: 'line 4' } });
    expect(parseBai2(bai2File([], { groupTrailer: '98,190000,2,6/' }), { verifyControlTotals: true })).toMatchObject({ ok: false, error: { location: 'line 5' } });
    expect(parseBai2(bai2File([], { fileTrailer: '99,190000,1,9/' }), { verifyControlTotals: true })).toMatchObject({ ok: false, error: { location: 'line 6' } });
  });

  it('checks control totals beyond 2^53 exactly', () => {
    const big = '9007199254740991';
    const account = `03,1234567,USD,010,${big},,,015,${big},,/`;
    const exact = bai2File([], { account });
    expect(parseBai2(exact, { verifyControlTotals: true }).ok).toBe(true);
    const offByOne = bai2File([], { account, trailer: '49,18014398509481983,2/', groupTrailer: '98,18014398509481983,1,4/', fileTrailer: '99,18014398509481983,1,6/' });
    expect(parseBai2(offByOne, { verifyControlTotals: true })).toMatchObject({ ok: false, error: { location: 'line 4' } });
  });

  it('does not check blank trailer fields', () => {
    expect(parseBai2(bai2File([], { trailer: '49,,2/' })).ok).toBe(true);
  });

  it('imports a file with wrong or missing trailers when asked not to verify them', () => {
    const wrong = bai2File(['16,195,5000,Z,,,X/'], { trailer: '49,1,1/' });
    expect(transactionsOf(parseBai2(wrong, { verifyTrailers: false }))).toHaveLength(1);
    const cutShort = bai2File(['16,195,5000,Z,,,X/']).split('\n').slice(0, 4).join('\n');
    expect(parseBai2(cutShort)).toEqual({ ok: false, error: { location: 'line 4', problem: 'the file ends before its file trailer (99); it may be cut short' } });
    expect(statementsOf(parseBai2(cutShort, { verifyTrailers: false }))).toHaveLength(1);
  });

  it('refuses an account without its trailer when verifying', () => {
    const lines = bai2File([]).split('\n');
    const twoAccounts = [...lines.slice(0, 3), '03,7654321,USD/', ...lines.slice(3)].join('\n');
    const outcome = parseBai2(twoAccounts);
    expect(outcome).toMatchObject({ ok: false, error: { location: 'line 4' } });
    expect(outcome.ok ? '' : outcome.error.problem).toBe('account 1234567 has no account trailer (49) before an account record (03)');
  });

  it('refuses an amount with a decimal mark rather than guessing its decimals', () => {
    expect(parseBai2(bai2File(['16,195,50.00,Z,,,X/']))).toEqual({
      ok: false,
      error: { location: 'line 4', problem: "amount '50.00' has a decimal mark; BAI2 amounts are whole numbers of the currency's minor unit" },
    });
  });

  it('refuses a signed transaction amount', () => {
    expect(parseBai2(bai2File(['16,195,-5000,Z,,,X/']))).toMatchObject({ ok: false, error: { location: 'line 4' } });
  });

  it('refuses a balance type code in a transaction detail, and skips non-monetary details', () => {
    expect(parseBai2(bai2File(['16,015,5000,Z,,,X/']))).toMatchObject({ ok: false, error: { location: 'line 4' } });
    expect(transactionsOf(parseBai2(bai2File(['16,890,0,Z,,,INFO/', '16,721,300,Z,,,LOAN INTEREST/'])))).toEqual([]);
  });

  it('reads custom credit and debit type codes', () => {
    expect(transactionsOf(parseBai2(bai2File(['16,930,100,Z,,,/', '16,970,200,Z,,,/']))).map((t) => t.amountMinor)).toEqual([100, -200]);
  });

  it('skips the extra fields of funds types V, S and D before the references', () => {
    const details = ['16,195,100,V,240315,0900,B1,C1,TEXT V/', '16,195,200,S,50,50,100,B2,C2,TEXT S/', '16,195,300,D,2,0,100,1,200,B3,C3,TEXT D/'];
    expect(transactionsOf(parseBai2(bai2File(details))).map((t) => [t.bankId, t.reference, t.description])).toEqual([
      ['B1', 'C1', 'TEXT V'],
      ['B2', 'C2', 'TEXT S'],
      ['B3', 'C3', 'TEXT D'],
    ]);
  });

  it('refuses an unknown funds type', () => {
    expect(parseBai2(bai2File(['16,195,100,Q,,,X/']))).toMatchObject({ ok: false, error: { location: 'line 4' } });
  });

  it('continues an account record on 88 records at field boundaries', () => {
    const text = bai2File(['88,-100,,,015,-250,,/'], {
      account: '03,1234567,USD,040,7,,,010/',
      trailer: '49,-343,3/',
      groupTrailer: '98,-343,1,5/',
      fileTrailer: '99,-343,1,7/',
    });
    expect(statementsOf(parseBai2(text))[0]).toMatchObject({ openingBalanceMinor: -100, closingBalanceMinor: -250 });
  });

  it('reads several records on one line and a text wrapped onto the next line', () => {
    const text = bai2File([]).replace('03,1234567,USD,010,100000,,,015,90000,,/', '03,1234567,USD,010,100000,,,015,90000,,/  16,142,700,Z,,,ACH SETTLEMENT\nFOR MARCH/');
    expect(transactionsOf(parseBai2(text, { verifyTrailers: false }))).toEqual([
      { date: '2024-03-15', amountMinor: 700, description: 'ACH SETTLEMENT FOR MARCH', reference: null, bankId: null },
    ]);
  });

  it('reads a file whose records all share one very long line, whole or in chunks', () => {
    const details = Array.from({ length: 30_000 }, (_, i) => `16,142,${i + 1},Z,B${i},C${i},ACH CREDIT NUMBER ${i}/`);
    const oneLine = bai2File(details).replace(/\n/g, ' ');
    expect(oneLine.length).toBeGreaterThan(1 << 20);
    const whole = parseBai2(oneLine);
    expect(transactionsOf(whole)).toHaveLength(30_000);
    expect(transactionsOf(whole)[29_999]).toEqual({ date: '2024-03-15', amountMinor: 30_000, description: 'ACH CREDIT NUMBER 29999', reference: 'C29999', bankId: 'B29999' });
    expect(parseInChunks(oneLine, [65_536])).toEqual(whole);
  });

  it('takes "88:" for a continuation record', () => {
    const text = bai2File(['16,195,100,Z,,,PAID', '88:EREF 42'], { trailer: '49,190100,4/', groupTrailer: '98,190100,1,6/', fileTrailer: '99,190100,1,8/' });
    expect(transactionsOf(parseBai2(text))[0]?.description).toBe('PAID EREF 42');
  });

  it('keeps slashes inside references and texts', () => {
    const [transaction] = transactionsOf(parseBai2(bai2File(['16,195,100,,GS/1,AB/CD/EF,PAID 08/18/23 IN FULL'])));
    expect(transaction).toMatchObject({ bankId: 'GS/1', reference: 'AB/CD/EF', description: 'PAID 08/18/23 IN FULL' });
  });

  it('refuses an as-of date that is not a date', () => {
    expect(parseBai2(bai2File([]).replace('240315', '240230'))).toEqual({
      ok: false,
      error: { location: 'line 2', problem: "the group's as-of date '240230' is not a date (YYMMDD)" },
    });
  });

  it('reads two-digit years 69–99 as 19xx and 00–68 as 20xx', () => {
    expect(statementsOf(parseBai2(bai2File([]).replace('240315', '990315')))[0]?.startDate).toBe('1999-03-15');
    expect(statementsOf(parseBai2(bai2File([]).replace('240315', '680315')))[0]?.startDate).toBe('2068-03-15');
  });

  it('refuses a transaction detail outside an account', () => {
    const text = bai2File([]).replace('03,1234567,USD,010,100000,,,015,90000,,/', '16,195,100,Z,,,X/');
    expect(parseBai2(text)).toMatchObject({ ok: false, error: { location: 'line 3' } });
  });
});

describe('writeBai2', () => {
  it('writes a statement spanning several days as one group per day, balances carried forward', () => {
    const statement: Statement = {
      accountId: '998877',
      currency: 'USD',
      openingBalanceMinor: 1000,
      closingBalanceMinor: 1250,
      startDate: '2024-03-01',
      endDate: '2024-03-02',
      transactions: [
        { date: '2024-03-01', amountMinor: 500, description: 'A', reference: null, bankId: null },
        { date: '2024-03-02', amountMinor: -250, description: 'B', reference: null, bankId: null },
      ],
    };
    expect(statementsOf(parseBai2(writeBai2({ statements: [statement] }))).map((s) => [s.startDate, s.openingBalanceMinor, s.closingBalanceMinor, s.transactions.length])).toEqual([
      ['2024-03-01', 1000, 1500, 1],
      ['2024-03-02', 1500, 1250, 1],
    ]);
  });

  it('refuses a reference with a comma', () => {
    const statement: Statement = {
      accountId: '1',
      currency: 'USD',
      openingBalanceMinor: null,
      closingBalanceMinor: null,
      startDate: '2024-03-01',
      endDate: '2024-03-01',
      transactions: [{ date: '2024-03-01', amountMinor: 1, description: '', reference: 'A,B', bankId: null }],
    };
    expect(() => writeBai2({ statements: [statement] })).toThrow(RangeError);
  });

  it('reads back what it writes (property)', () => {
    fc.assert(
      fc.property(fc.array(statementArbitrary, { minLength: 1, maxLength: 3 }), (statements) => {
        expect(parseBai2(writeBai2({ statements }))).toEqual({ ok: true, value: { format: 'bai2', statements: statements.map(expectedAfterRoundTrip) } });
      }),
      { numRuns: 150 },
    );
  });
});

// What BAI2 cannot carry, and the test therefore leaves out or normalises: one date per group,
// so each generated statement has its transactions on its one date (multi-day statements are
// covered above); whitespace inside texts (collapsed); commas, line breaks and surrounding
// spaces in ids and references (not allowed in BAI2 fields); a "/" followed by spaces and a
// record code inside a text (it reads as a second record on the line); years outside 1969–2068.
const text = fc
  .string({ unit: fc.constantFrom(...'abcXYZ019 ,;:&<>"\'/-_.äß€\t\n'.split('')), maxLength: 200 })
  .filter((value) => !/\/\s+(0[123]|16|49|88|9[89]),/.test(value.replace(/\s+/g, ' ')));
const field = fc.string({ unit: fc.constantFrom(...'ABCdef0123456789-_/&'.split('')), minLength: 1, maxLength: 25 });
const date = fc.integer({ min: toDayNumber('1969-01-01'), max: toDayNumber('2068-12-31') }).map(fromDayNumber);
const amount = fc.oneof(fc.constant(0), fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }));

const statementArbitrary: fc.Arbitrary<Statement> = date.chain((day) =>
  fc.record({
    accountId: field.filter((value) => !value.includes('/')),
    currency: fc.constantFrom('USD', 'CAD', 'JPY', 'BHD', null),
    openingBalanceMinor: fc.option(amount, { nil: null }),
    closingBalanceMinor: fc.option(amount, { nil: null }),
    startDate: fc.constant(day),
    endDate: fc.constant(day),
    transactions: fc.array(
      fc.record({
        date: fc.constant(day),
        amountMinor: amount,
        description: text,
        reference: fc.option(field, { nil: null }),
        bankId: fc.option(field, { nil: null }),
      }),
      { maxLength: 5 },
    ),
  }),
);

function expectedAfterRoundTrip(statement: Statement): Statement {
  return {
    ...statement,
    transactions: statement.transactions.map((transaction) => ({ ...transaction, description: transaction.description.replace(/\s+/g, ' ').trim() })),
  };
}
