import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../../dates';
import { createCollectingSink, StatementFormatError, type ParseOutcome, type Statement, type StatementSink, type StatementTransaction } from '../statement';
import { createQifParser, MAX_WAITING_RECORDS, parseQif, readQifAmount, type QifParserOptions } from './qif';
import { writeQif } from './qif.writer';

/** Quicken's export of one account: the account record, the type header, three records. */
const QUICKEN = [
  '!Account',
  'NChecking Main',
  'TBank',
  '^',
  '!Type:Bank',
  'D12/19/18',
  'T-1,025.00',
  'N1042',
  'PCOUNTY WASTE',
  'MBin collection',
  'LUtilities:Waste',
  'CX',
  '^',
  "D 1/ 5'19",
  'U2,500.00',
  'T2,500.00',
  'PPAYROLL',
  'SIncome:Salary',
  '$2,600.00',
  'SPayroll tax',
  '$-100.00',
  '^',
  'D1/31/2019',
  'T-.5',
  'MBank fee',
  '^',
  '',
].join('\n');

const QUICKEN_STATEMENT: Statement = {
  accountId: 'CHECKINGMAIN',
  currency: null,
  openingBalanceMinor: null,
  closingBalanceMinor: null,
  startDate: '2018-12-19',
  endDate: '2019-01-31',
  transactions: [
    { date: '2018-12-19', amountMinor: -102500, description: 'COUNTY WASTE / Bin collection', reference: '1042', bankId: null },
    { date: '2019-01-05', amountMinor: 250000, description: 'PAYROLL', reference: null, bankId: null },
    { date: '2019-01-31', amountMinor: -50, description: 'Bank fee', reference: null, bankId: null },
  ],
};

function statementsOf(outcome: ParseOutcome): Statement[] {
  if (!outcome.ok) {
    throw new Error(`refused: ${outcome.error.location}: ${outcome.error.problem}`);
  }
  return outcome.value.statements;
}

function refusalOf(outcome: ParseOutcome): { location: string; problem: string } {
  if (outcome.ok) {
    throw new Error('expected the file to be refused');
  }
  return outcome.error;
}

function datesOf(text: string, options: QifParserOptions = {}): string[] {
  return statementsOf(parseQif(text, options)).flatMap((s) => s.transactions.map((t) => t.date));
}

/** A bank section with one record per date (amount 1.00). */
function withDates(dates: string[]): string {
  return `!Type:Bank\n${dates.map((d) => `D${d}\nT1.00\n^\n`).join('')}`;
}

function parseInChunks(text: string, sizes: number[], options: QifParserOptions = {}): ParseOutcome {
  const sink = createCollectingSink();
  const parser = createQifParser(sink, options);
  try {
    for (let offset = 0, k = 0; offset < text.length; k++) {
      const size = Math.max(1, sizes[k % sizes.length] ?? 1);
      parser.write(text.slice(offset, offset + size));
      offset += size;
    }
    parser.end();
  } catch (error) {
    if (error instanceof StatementFormatError) {
      return { ok: false, error: { location: error.location, problem: error.problem } };
    }
    throw error;
  }
  return { ok: true, value: { format: 'qif', statements: sink.statements } };
}

describe('QIF import', () => {
  it('reads a Quicken bank export: account name, dates, grouped amounts, number, payee and memo', () => {
    expect(statementsOf(parseQif(QUICKEN))).toEqual([QUICKEN_STATEMENT]);
  });

  it('reads a file with a byte-order mark and CRLF or CR line endings', () => {
    expect(statementsOf(parseQif(`\uFEFF${QUICKEN.replaceAll('\n', '\r\n')}`))).toEqual([QUICKEN_STATEMENT]);
    expect(statementsOf(parseQif(QUICKEN.replaceAll('\n', '\r')))).toEqual([QUICKEN_STATEMENT]);
  });

  it('gives identical output when the file arrives one character at a time or in any chunks', () => {
    const files = [QUICKEN, QUICKEN.replaceAll('\n', '\r\n'), QUICKEN.replaceAll('\n', '\r'), withDates(['01/02/2024', '03/04/2024', '13/04/2024'])];
    for (const text of files) {
      expect(parseInChunks(text, [1])).toEqual(parseQif(text));
    }
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 10 }), (text, sizes) => {
        expect(parseInChunks(text, sizes)).toEqual(parseQif(text));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a last record without its closing ^', () => {
    const [statement] = statementsOf(parseQif('!Type:CCard\nD6/24/2024\nT-100.58\nPOutlet'));
    expect(statement?.transactions).toEqual([{ date: '2024-06-24', amountMinor: -10058, description: 'Outlet', reference: null, bankId: null }]);
  });

  it('reads each account section as its own statement, named by the !Account record before it', () => {
    const text = `!Option:AutoSwitch\n!Account\nNSavings\nTBank\n^\nNVisa Card\nTCCard\n^\n!Clear:AutoSwitch\n!Account\nNSavings\nTBank\n^\n!Type:Bank\nD1/2/2024\nT5\n^\n!Account\nNVisa Card\nTCCard\n^\n!Type:CCard\nD1/3/2024\nT-7\n^\n!Type:Cat\nNGroceries\nE\n^\n!Type:Oth L\nD1/4/2024\nT-1\n^\n`;
    expect(statementsOf(parseQif(text)).map((s) => [s.accountId, s.transactions.map((t) => t.amountMinor)])).toEqual([
      ['SAVINGS', [500]],
      ['VISACARD', [-700]],
      [null, [-100]],
    ]);
  });

  it('uses the currency the caller names for the decimals and the header, as QIF states none', () => {
    const [statement] = statementsOf(parseQif('!Type:Bank\nD1/2/2024\nT1,500\n^\n', { currency: 'jpy' }));
    expect([statement?.currency, statement?.transactions[0]?.amountMinor]).toEqual(['JPY', 1500]);
    expect(refusalOf(parseQif('!Type:Bank\nD1/2/2024\nT15.5\n^\n', { currency: 'JPY' }))).toEqual({ location: 'line 3', problem: "'15.5' has more decimals than JPY allows (0)" });
  });

  describe('amounts', () => {
    it.each([
      ['-25.00', -2500],
      ['1,234.56', 123456],
      ['-1,234,567.8', -123456780],
      ['1.234,56', 123456],
      ['12,34', 1234],
      ['1,234', 123400],
      ['+5', 500],
      ['.5', 50],
      ['- 25', -2500],
      ['0', 0],
      ['12.500', 1250],
    ])('reads %s as %d minor units', (text, minor) => {
      expect(readQifAmount(text, 2, null)).toEqual({ ok: true, minor });
    });

    it.each([
      ['12,3.4', "'12,3.4' is not an amount"],
      ['$20', "'$20' is not an amount"],
      ['12.345', "'12.345' has more than 2 decimals"],
      ['1.234', "'1.234' has more than 2 decimals"],
    ])('refuses %s rather than guess or round', (text, problem) => {
      expect(readQifAmount(text, 2, null)).toEqual({ ok: false, problem });
      expect(refusalOf(parseQif(`!Type:Bank\nD1/2/2024\nT1\n^\nD1/2/2024\nT${text}\n^\n`))).toEqual({ location: 'line 6', problem });
    });

    it('takes U when a record has no T', () => {
      expect(statementsOf(parseQif('!Type:Bank\nD1/2/2024\nU-3.10\n^\n'))[0]?.transactions[0]?.amountMinor).toBe(-310);
    });
  });

  describe('dates', () => {
    it.each([
      ['12/19/2018', '2018-12-19'],
      ['12/19/18', '2018-12-19'],
      ['12/31/99', '1999-12-31'],
      [" 1/ 5'04", '2004-01-05'],
      ["1/1' 0", '2000-01-01'],
      ['12-19-2018', '2018-12-19'],
      ['2018-12-19', '2018-12-19'],
      ['20181219', '2018-12-19'],
      ['2/29/2024', '2024-02-29'],
    ])('reads %s as %s', (written, date) => {
      expect(datesOf(withDates([written]))).toEqual([date]);
    });

    it('reads an ambiguous file month first, as QIF comes from US software', () => {
      expect(datesOf(withDates(['01/02/2024', '03/04/2024']))).toEqual(['2024-01-02', '2024-03-04']);
    });

    it('reads the whole file day first when any date proves it, including the records before that date', () => {
      expect(datesOf(withDates(['01/02/2024', '03/04/2024', '25/04/2024', '05/06/2024']))).toEqual(['2024-02-01', '2024-04-03', '2024-04-25', '2024-06-05']);
    });

    it('settles the order across statements, since one program wrote the whole file', () => {
      const text = `${withDates(['01/02/2024'])}!Type:CCard\nD13.02.2024\nT1\n^\n`;
      const statements = statementsOf(parseQif(text));
      expect(statements.map((s) => [s.startDate, s.transactions[0]?.date])).toEqual([
        ['2024-02-01', '2024-02-01'],
        ['2024-02-13', '2024-02-13'],
      ]);
    });

    it('uses the order the caller chose instead of guessing', () => {
      expect(datesOf(withDates(['01/02/2024']), { dateOrder: 'dmy' })).toEqual(['2024-02-01']);
      expect(datesOf(withDates(['24/02/01']), { dateOrder: 'ymd' })).toEqual(['2024-02-01']);
      expect(refusalOf(parseQif(withDates(['01/13/2024']), { dateOrder: 'dmy' }))).toEqual({ location: 'line 2', problem: "'01/13/2024' is not a date (read day first)" });
    });

    it('refuses a file whose dates use both orders', () => {
      expect(refusalOf(parseQif(withDates(['05/01/2024', '25/01/2024', '01/13/2024'])))).toEqual({
        location: 'line 8',
        problem: "date '01/13/2024' has the month first, but earlier dates have the day first like line 5 ('25/01/2024'); a file must use one date order",
      });
    });

    it.each(['13/13/2024', '2/30/2024', '00/10/2024', 'Jan 5 2024', '1/5/123'])('refuses the impossible date %s', (written) => {
      const error = refusalOf(parseQif(withDates([written])));
      expect(error.location).toBe('line 2');
      expect(error.problem).toMatch(new RegExp(`^'${written}' is not a date`));
    });

    it('passes records on as soon as the order is known, and holds only the undecided ones', () => {
      const seen: StatementTransaction[] = [];
      const sink: StatementSink = { beginStatement() {}, transaction: (t) => seen.push(t), endStatement() {} };
      const parser = createQifParser(sink);
      parser.write(withDates(['01/02/2024', '2024-03-01']));
      expect(seen).toHaveLength(0);
      parser.write('D14/02/2024\nT1\n^\nD03/04/2024\nT1\n^\n');
      expect(seen.map((t) => t.date)).toEqual(['2024-02-01', '2024-03-01', '2024-02-14', '2024-04-03']);
      parser.end();
    });

    it(`settles month first after ${MAX_WAITING_RECORDS} undecided records and refuses a later day-first date with advice`, () => {
      const seen: StatementTransaction[] = [];
      const sink: StatementSink = { beginStatement() {}, transaction: (t) => seen.push(t), endStatement() {} };
      const parser = createQifParser(sink);
      parser.write('!Type:Bank\n');
      parser.write('D01/02/2024\nT1\n^\n'.repeat(MAX_WAITING_RECORDS + 1));
      expect(seen).toHaveLength(MAX_WAITING_RECORDS + 1);
      expect(() => parser.write('D25/02/2024\nT1\n^\n')).toThrow(/import the file again with the date order set to day first/);
    });
  });

  describe('files that must be refused', () => {
    it('refuses a record without a date or without an amount, naming its first line', () => {
      expect(refusalOf(parseQif('!Type:Bank\nD1/2/2024\nT1\n^\nPNo date\nT5\n^\n'))).toEqual({ location: 'line 5', problem: 'the transaction has no date (D line)' });
      expect(refusalOf(parseQif('!Type:Bank\nD1/2/2024\nPNo amount\n^\n'))).toEqual({ location: 'line 2', problem: 'the transaction has no amount (T line)' });
    });

    it('refuses an investment account', () => {
      expect(refusalOf(parseQif('!Type:Invst\nD1/2/2024\nNBuy\nYACME\nI10\nQ5\nT50\n^\n'))).toEqual({
        location: 'line 1',
        problem: "'!Type:Invst' is an investment account, not a bank statement; export the cash or bank account instead",
      });
    });

    it.each([
      ['Date,Amount\n2024-01-02,5\n', 'line 1', 'not a QIF file: it should start with a !Type: or !Account line'],
      ['\n\nD1/2/2024\n', 'line 3', 'not a QIF file: it should start with a !Type: or !Account line'],
      ['', 'line 1', 'the file is empty'],
      ['!Type:Unknown\n', 'line 1', "'!Type:Unknown' is not a QIF account type Tickmark reads (Bank, Cash, CCard, Oth A, Oth L)"],
      ['!Type:Bank\n!Bogus\n', 'line 2', "'!Bogus' is not a QIF header"],
    ])('refuses a file that is not a QIF bank statement (%#)', (text, location, problem) => {
      expect(refusalOf(parseQif(text))).toEqual({ location, problem });
    });
  });
});

describe('QIF writer', () => {
  it('writes an account record, a type header and records with grouped amounts, as Quicken does', () => {
    const text = writeQif({ statements: [{ ...QUICKEN_STATEMENT, accountId: 'Checking Main', transactions: QUICKEN_STATEMENT.transactions.slice(0, 1) }] });
    expect(text).toBe('!Account\nNChecking Main\nTBank\n^\n!Type:Bank\nD12/19/2018\nT-1,025.00\nN1042\nPCOUNTY WASTE / Bin collection\n^\n');
  });

  /**
   * What QIF cannot carry, normalised before comparing: no balances or bank ids; the currency is
   * the one passed to the parser; the account is the upper-case key of letters and digits; the
   * period is the transaction dates; text is one whitespace-collapsed line.
   */
  const date = fc.integer({ min: toDayNumber('1970-01-01'), max: toDayNumber('2069-12-31') }).map(fromDayNumber);
  const text = fc.array(fc.constantFrom(...'abcXYZ019 &<>^!"\';/#-éü中💶\t\n'), { maxLength: 50 }).map((chars) => chars.join(''));
  const word = fc.array(fc.constantFrom(...'ABCxyz0123456789-/# '), { minLength: 1, maxLength: 12 }).map((chars) => chars.join('').trim()).filter((s) => s !== '');
  const transaction = fc.record({
    date,
    amountMinor: fc.oneof(fc.constant(0), fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }), fc.maxSafeInteger(), fc.constant(Number.MIN_SAFE_INTEGER)),
    description: text,
    reference: fc.option(word),
    bankId: fc.option(word),
  });
  const statementOf = (currency: string | null) =>
    fc.record({
      accountId: fc.option(word),
      currency: fc.constant(currency),
      openingBalanceMinor: fc.option(fc.integer()),
      closingBalanceMinor: fc.option(fc.integer()),
      startDate: fc.option(date),
      endDate: fc.option(date),
      transactions: fc.array(transaction, { maxLength: 6 }),
    });
  const file = fc.constantFrom(null, 'USD', 'JPY', 'KWD').chain((currency) => fc.tuple(fc.constant(currency), fc.array(statementOf(currency), { minLength: 1, maxLength: 3 })));

  function normalise(s: Statement): Statement {
    const dates = s.transactions.map((t) => t.date).sort();
    const key = s.accountId?.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '') ?? '';
    return {
      accountId: key === '' ? null : key,
      currency: s.currency,
      openingBalanceMinor: null,
      closingBalanceMinor: null,
      startDate: dates[0] ?? null,
      endDate: dates.at(-1) ?? null,
      transactions: s.transactions.map((t) => ({ ...t, description: t.description.replace(/\s+/g, ' ').trim(), bankId: null })),
    };
  }

  it('reads back exactly what it wrote, in every date order', () => {
    fc.assert(
      fc.property(file, fc.constantFrom('mdy' as const, 'dmy' as const, 'ymd' as const), ([currency, statements], dateOrder) => {
        const written = writeQif({ statements }, { dateOrder });
        const options: QifParserOptions = currency === null ? { dateOrder } : { dateOrder, currency };
        expect(statementsOf(parseQif(written, options))).toEqual(statements.map(normalise));
      }),
      { numRuns: 300 },
    );
  });

  it('reads back month-first files without being told the order', () => {
    fc.assert(
      fc.property(file, ([currency, statements]) => {
        const written = writeQif({ statements });
        expect(statementsOf(parseQif(written, currency === null ? {} : { currency }))).toEqual(statements.map(normalise));
      }),
      { numRuns: 200 },
    );
  });
});
