import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../money';
import { createCollectingSink, type ParseOutcome, type Statement } from '../statement';
import { createCsvParser, detectCsvLayout, parseCsv } from './csv';
import { CsvMappingSchema, type CsvMapping } from './csv-mapping';
import { readPlainAmount } from './csv-values';
import { writeCsv, writeCsvWithMapping } from './csv.writer';

function statementsOf(outcome: ParseOutcome): Statement[] {
  if (!outcome.ok) {
    throw new Error(`${outcome.error.location}: ${outcome.error.problem}`);
  }
  return outcome.value.statements;
}

function problemOf(outcome: ParseOutcome): string {
  if (outcome.ok) {
    throw new Error('expected the file to be refused');
  }
  return `${outcome.error.location}: ${outcome.error.problem}`;
}

/** Parses text pushed in the given chunk sizes (cycled), as an upload arrives. */
function parseInChunks(text: string, sizes: readonly number[], mapping?: CsvMapping): Statement[] {
  const sink = createCollectingSink();
  const parser = createCsvParser(sink, mapping ? { mapping } : {});
  let at = 0;
  for (let i = 0; at < text.length; i += 1) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    parser.write(text.slice(at, at + size));
    at += size;
  }
  parser.end();
  return sink.statements;
}

const GERMAN_EXPORT = [
  '\uFEFFKontoauszug;Girokonto;',
  'IBAN;DE44 2004 0000 0538 9176 00',
  '',
  'Buchungstag;Valutadatum;Empfänger;Verwendungszweck;Betrag (EUR);Saldo',
  '02.01.2024;02.01.2024;Stadtwerke;"Abschlag Januar; Strom";-84,00;1.916,00',
  '03.01.2024;03.01.2024;"Müller ""Bau"" GmbH";"Rechnung 17',
  'zweite Zeile";1.250,50;3.166,50',
  '',
  '05.01.2024;04.01.2024;Bäckerei;Brötchen;-3,20;3.163,30',
  'Summe;;;;1.163,30;',
].join('\r\n');

describe('parseCsv', () => {
  it('reads a file with a preamble, quoted fields across lines and a totals row into minor units', () => {
    const [statement] = statementsOf(parseCsv(GERMAN_EXPORT));
    expect(statement).toEqual({
      accountId: 'DE44 2004 0000 0538 9176 00',
      currency: 'EUR',
      openingBalanceMinor: 200000,
      closingBalanceMinor: 316330,
      startDate: '2024-01-02',
      endDate: '2024-01-05',
      transactions: [
        { date: '2024-01-02', amountMinor: -8400, description: 'Stadtwerke / Abschlag Januar; Strom', reference: null, bankId: null },
        { date: '2024-01-03', amountMinor: 125050, description: 'Müller "Bau" GmbH / Rechnung 17 zweite Zeile', reference: null, bankId: null },
        { date: '2024-01-05', amountMinor: -320, description: 'Bäckerei / Brötchen', reference: null, bankId: null },
      ],
    });
  });

  it('gives identical output fed one character at a time and in random chunk sizes', () => {
    const whole = statementsOf(parseCsv(GERMAN_EXPORT));
    expect(parseInChunks(GERMAN_EXPORT, [1])).toEqual(whole);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        expect(parseInChunks(GERMAN_EXPORT, sizes)).toEqual(whole);
      }),
    );
  });

  it('ends lines at CRLF, bare CR and the broken CR CR LF alike', () => {
    const rows = ['Date,Amount,Payee', '2024-01-02,-1.00,A', '2024-01-03,2.00,B'];
    const expected = statementsOf(parseCsv(rows.join('\n')));
    for (const ending of ['\r\n', '\r', '\r\r\n']) {
      expect(statementsOf(parseCsv(rows.join(ending) + ending))).toEqual(expected);
      expect(parseInChunks(rows.join(ending), [1])).toEqual(expected);
    }
  });

  it('reads a row that lost its opening quote', () => {
    const text = ['"Account","Date","Amount"', '"NL01BANK0123456789","2024-01-02","-1,00"', 'NL01BANK0123456789","2024-01-03","2,00"'].join('\n');
    const statements = statementsOf(parseCsv(text));
    expect(statements).toHaveLength(1);
    expect(statements[0]?.accountId).toBe('NL01BANK0123456789');
    expect(statements[0]?.transactions.map((transaction) => transaction.amountMinor)).toEqual([-100, 200]);
  });

  it('refuses a quoted field that never closes, naming its line', () => {
    const text = ['Date,Amount,Payee', '2024-01-02,-1.00,A', '2024-01-03,-2.00,"B', '2024-01-04,-3.00,C'].join('\n');
    expect(problemOf(parseCsv(text))).toBe('line 3: a quoted field opened on this line is never closed');
  });

  it('refuses a row whose date cannot be read, naming the line and the format', () => {
    const text = ['Date;Amount;Payee', '30/01/2024;-1,00;A', '31/31/2024;-2,00;B'].join('\n');
    expect(problemOf(parseCsv(text))).toBe("line 3: date '31/31/2024' is not a date in DD/MM/YYYY");
  });

  it('refuses a row whose amount is not a number', () => {
    const text = ['Date,Amount,Payee', '2024-01-02,-1.00,A', '2024-01-03,12.3.4,B'].join('\n');
    expect(problemOf(parseCsv(text))).toBe("line 3: amount '12.3.4' is not a number");
  });

  it('refuses amounts with more decimals than the currency allows instead of rounding them', () => {
    const euro = ['Date,Amount,Currency,Payee', '2024-01-02,-1.00,EUR,A', '2024-01-03,-2.005,EUR,B'].join('\n');
    expect(problemOf(parseCsv(euro))).toBe("line 3: amount '-2.005' has more decimals than EUR allows; it is not rounded");
    const yen = ['Date,Amount,Currency,Payee', '2024-01-02,-100,JPY,A', '2024-01-03,-2.5,JPY,B'].join('\n');
    expect(problemOf(parseCsv(yen))).toBe("line 3: amount '-2.5' has more decimals than JPY allows; it is not rounded");
  });

  it('reads trailing zeros beyond the currency decimals, which change nothing', () => {
    const text = ['Date,Amount,Payee', '2024-01-02,-1.500,A', '2024-01-03,2.000,B'].join('\n');
    expect(statementsOf(parseCsv(text))[0]?.transactions.map((transaction) => transaction.amountMinor)).toEqual([-150, 200]);
  });

  it('refuses a decimal comma in a file read with a decimal point rather than reading it a hundred times too large', () => {
    const mapping = detectCsvLayout(['Date,Amount,Payee', '2024-01-02,-1.50,A'].join('\n')).mapping;
    expect(problemOf(parseCsv(['Date,Amount,Payee', '2024-01-02,-1.50,A', '2024-01-03,"2,50",B'].join('\n'), { mapping }))).toBe(
      "line 3: amount '2,50' is not a number written with '.' as the decimal mark",
    );
  });

  it('reads currency signs, explicit plus signs, parentheses and CR/DR suffixes', () => {
    const text = ['Date,Amount,Payee', '2024-01-02,£1.50,A', '2024-01-03,"+ £1,100.00",B', '2024-01-04,(12.00),C', '2024-01-05,7.00 DR,D', '2024-01-06,EUR -3.10,E'].join('\n');
    expect(statementsOf(parseCsv(text))[0]?.transactions.map((transaction) => transaction.amountMinor)).toEqual([150, 110000, -1200, -700, -310]);
  });

  it('skips blank lines, repeated header rows, totals rows and a footer', () => {
    const text = ['Date,Amount,Payee', '2024-01-02,-1.00,A', '', 'Date,Amount,Payee', '2024-01-03,-2.00,B', 'Total,-3.00,', 'Exported by Online Banking,Page 1 of 1,'].join('\n');
    expect(statementsOf(parseCsv(text))[0]?.transactions.map((transaction) => transaction.description)).toEqual(['A', 'B']);
  });

  it('refuses an unreadable row followed by more transactions: it is a broken row, not a footer', () => {
    const text = ['Date,Amount,Payee', '2024-01-02,-1.00,A', 'garbled,text,here', '2024-01-03,-2.00,B'].join('\n');
    expect(problemOf(parseCsv(text))).toBe("line 3: date 'garbled' is not a date in YYYY-MM-DD");
  });

  it('skips a row with neither a date nor an amount', () => {
    const text = ['Date;Amount;Payee', '02.01.2024;-1,00;A', 'A note from the bank;;', '03.01.2024;-2,00;B'].join('\n');
    expect(statementsOf(parseCsv(text))[0]?.transactions).toHaveLength(2);
  });

  it('adds a text-only row to the description of the transaction above it', () => {
    const text = ['Transaction date,Description,Withdrawals,Deposits', '18/04/2024,DEBIT PURCHASE,6.66,', ',UBER EATS 15/04,', '17/04/2024,SALARY,,1000.00'].join('\n');
    expect(statementsOf(parseCsv(text))[0]?.transactions.map((transaction) => transaction.description)).toEqual(['DEBIT PURCHASE / UBER EATS 15/04', 'SALARY']);
  });

  it('dates Pending card rows with the nearest booked date', () => {
    const text = ['Date Processed,Description,Amount,', 'Pending,SHOP A,£5.00,', '12-Dec-2019,SHOP B,£7.00,', '02-Dec-2019,PAYMENT,£10.00,CR'].join('\n');
    const [statement] = statementsOf(parseCsv(text));
    expect(statement?.transactions.map((transaction) => [transaction.date, transaction.amountMinor])).toEqual([
      ['2019-12-12', -500],
      ['2019-12-12', -700],
      ['2019-12-02', 1000],
    ]);
    expect(statement?.currency).toBe('GBP');
  });

  it('gives one statement per account when an account column names several', () => {
    const text = ['IBAN;Datum;Bedrag;Munt;Omschrijving', 'NL01BANK0000000001;02-01-2024;-1,00;EUR;A', 'NL01BANK0000000001;03-01-2024;-2,00;EUR;B', 'NL02BANK0000000002;02-01-2024;5,00;EUR;C'].join('\n');
    const statements = statementsOf(parseCsv(text));
    expect(statements.map((statement) => [statement.accountId, statement.transactions.length])).toEqual([
      ['NL01BANK0000000001', 2],
      ['NL02BANK0000000002', 1],
    ]);
  });

  it('joins the rows of one account when the accounts interleave, keeping each balance chain', () => {
    const text = [
      'Account,Date,Amount,Balance,Payee',
      'A,2024-01-02,-1.00,99.00,a1',
      'B,2024-01-02,5.00,55.00,b1',
      'A,2024-01-03,-2.00,97.00,a2',
      'B,2024-01-04,5.00,60.00,b2',
    ].join('\n');
    expect(parseInChunks(text, [7]).map((statement) => statement.accountId)).toEqual(['A', 'B', 'A', 'B']);
    const statements = statementsOf(parseCsv(text));
    expect(statements.map((statement) => [statement.accountId, statement.transactions.map((transaction) => transaction.description), statement.closingBalanceMinor, statement.endDate])).toEqual([
      ['A', ['a1', 'a2'], 9700, '2024-01-03'],
      ['B', ['b1', 'b2'], 6000, '2024-01-04'],
    ]);
  });

  it('takes the closing balance from the chronologically last row of a newest-first file', () => {
    const text = ['Date,Amount,Balance,Payee', '2024-01-03,-2.00,97.00,B', '2024-01-02,-1.00,99.00,A'].join('\n');
    const [statement] = statementsOf(parseCsv(text));
    expect(statement).toMatchObject({ closingBalanceMinor: 9700, openingBalanceMinor: 10000 });
  });

  it('leaves the opening balance unknown when the balances do not chain', () => {
    const text = ['Date,Amount,Balance,Payee', '2024-01-02,-1.00,99.00,A', '2024-01-03,-2.00,50.00,B'].join('\n');
    expect(statementsOf(parseCsv(text))[0]).toMatchObject({ closingBalanceMinor: 5000, openingBalanceMinor: null });
  });

  it('works out the order from the balance chain when every row has the same date', () => {
    const text = ['Date,Amount,Balance,Payee', '2024-01-02,-2.00,97.00,B', '2024-01-02,-1.00,99.00,A'].join('\n');
    expect(statementsOf(parseCsv(text))[0]).toMatchObject({ closingBalanceMinor: 9700, openingBalanceMinor: 10000 });
  });

  it('refuses an empty file', () => {
    expect(problemOf(parseCsv(''))).toBe('line 1: the file is empty');
  });

  it('refuses a file in which no column can be recognised', () => {
    expect(problemOf(parseCsv('just some text\nwith no dates\n'))).toBe('line 1: the columns could not be recognised (no row has both a date and an amount); map them by hand');
  });

  it('reads a header without rows as one empty statement', () => {
    const { mapping } = writeCsvWithMapping({ statements: [] });
    expect(statementsOf(parseCsv('Date,Description,Reference,Transaction ID,Amount\n', { mapping }))).toEqual([
      { accountId: null, currency: null, openingBalanceMinor: null, closingBalanceMinor: null, startDate: null, endDate: null, transactions: [] },
    ]);
  });

  it('detects the layout from the first 64 KiB of a long streamed file', () => {
    const transactions = Array.from({ length: 3000 }, (_, i) => ({ date: `2024-0${1 + (i % 9)}-1${i % 10}`, amountMinor: i * 13 - 20000, description: `Payee ${i}, "quoted"`, reference: `R${i}`, bankId: `B${i}` }));
    const text = writeCsv({ statements: [{ accountId: null, currency: 'USD', openingBalanceMinor: null, closingBalanceMinor: null, startDate: null, endDate: null, transactions }] }, { delimiter: ';', decimalMark: ',', dateFormat: 'DD.MM.YYYY' });
    expect(text.length).toBeGreaterThan(100_000);
    const statements = parseInChunks(text, [4096, 1000, 7]);
    expect(statements[0]?.transactions).toEqual(transactions);
  });
});

describe('saved mappings', () => {
  const original = ['Date,Payee,Amount,Reference', '2024-01-02,Shop,-1.00,R1'].join('\n');

  it('find their columns by name after the bank re-orders them', () => {
    const { mapping } = detectCsvLayout(original);
    const reordered = ['Bank export', 'Reference,Amount,Date,Extra,Payee', 'R9,-9.00,2024-02-03,x,Other'].join('\n');
    expect(statementsOf(parseCsv(reordered, { mapping }))[0]?.transactions).toEqual([{ date: '2024-02-03', amountMinor: -900, description: 'Other', reference: 'R9', bankId: null }]);
  });

  it('refuse a file whose header lacks a mapped column, naming it', () => {
    const { mapping } = detectCsvLayout(original);
    expect(problemOf(parseCsv(['Date,Payee,Value', '2024-01-02,Shop,-1.00'].join('\n'), { mapping }))).toBe("line 1: the header has no columns named 'Amount', 'Reference' (the column mapping expects them)");
  });

  it('are plain JSON checked by CsvMappingSchema', () => {
    const { mapping } = detectCsvLayout(original);
    expect(CsvMappingSchema.parse(JSON.parse(JSON.stringify(mapping)))).toEqual(mapping);
    expect(CsvMappingSchema.safeParse({ ...mapping, dateFormat: 'whenever' }).success).toBe(false);
    expect(CsvMappingSchema.safeParse({ ...mapping, amount: { kind: 'signed', column: -1 } }).success).toBe(false);
  });
});

describe('detectCsvLayout', () => {
  it('decides day-first from a day above 12 and is confident', () => {
    const layout = detectCsvLayout(['Date,Amount,Payee', '02/01/2024,-1.00,A', '13/01/2024,-2.00,B'].join('\n'));
    expect(layout.mapping.dateFormat).toBe('DD/MM/YYYY');
    expect(layout.confidence).toBe('high');
  });

  it('decides month-first from a day above 12 in the second place', () => {
    expect(detectCsvLayout(['Date,Amount,Payee', '01/02/2024,-1.00,A', '01/13/2024,-2.00,B'].join('\n')).mapping.dateFormat).toBe('MM/DD/YYYY');
  });

  it('says it guessed when no day is above 12', () => {
    const layout = detectCsvLayout(['Date,Amount,Payee', '01/02/2024,-1.00,A', '01/03/2024,-2.00,B'].join('\n'));
    expect(layout.confidence).toBe('low');
    expect(layout.warnings.join(' ')).toContain('DD/MM/YYYY and MM/DD/YYYY');
  });

  it('prefers the reading that keeps the rows in date order', () => {
    const layout = detectCsvLayout(['Datum;Bedrag;Omschrijving', '01/02/2024;-1,00;A', '02/02/2024;-2,00;B', '01/03/2024;-2,00;C'].join('\n'));
    expect(layout.mapping.dateFormat).toBe('DD/MM/YYYY');
  });

  it('reads a semicolon file with decimal commas, a currency column and an IBAN account', () => {
    const layout = detectCsvLayout(['IBAN/BBAN;Munt;Datum;Bedrag;Naam tegenpartij;Omschrijving-1', 'NL01BANK0123456789;EUR;2024-01-02;-1.234,50;Shop;Ref 1'].join('\n'));
    expect(layout.mapping).toMatchObject({ delimiter: ';', decimalMark: ',', accountColumn: 0, currencyColumn: 1, dateColumn: 2, amount: { kind: 'signed', column: 3 }, descriptionColumns: [4, 5] });
  });

  it('reads tab-separated files', () => {
    expect(detectCsvLayout(['Date\tAmount\tPayee', '2024-01-02\t-1.00\tA'].join('\n')).mapping.delimiter).toBe('\t');
  });

  it('reads debit and credit columns', () => {
    const text = ['Date,Details,Debit,Credit,Balance', '01/09/2024,Salary,,1000.00,1000.00', '02/09/2024,Rent,800.00,,200.00'].join('\n');
    const layout = detectCsvLayout(text);
    expect(layout.mapping.amount).toEqual({ kind: 'debitCredit', debitColumn: 2, creditColumn: 3 });
    expect(statementsOf(parseCsv(text))[0]).toMatchObject({ openingBalanceMinor: 0, closingBalanceMinor: 20000 });
  });

  it('reads an unsigned amount with a Dutch Af/Bij column', () => {
    const text = ['Datum,Naam / Omschrijving,Rekening,Tegenrekening,Code,Af Bij,Bedrag (EUR),Mutatiesoort,Mededelingen', '20240102,Albert Heijn,NL01INGB0000000001,,BA,Af,"12,50",Betaalautomaat,Pasvolgnr 001', '20240103,Werkgever BV,NL01INGB0000000001,NL02RABO0000000002,OV,Bij,"2000,00",Overschrijving,Salaris'].join('\n');
    const layout = detectCsvLayout(text);
    expect(layout.mapping.amount).toMatchObject({ kind: 'amountAndIndicator', column: 6, indicatorColumn: 5 });
    expect(statementsOf(parseCsv(text))[0]?.transactions.map((transaction) => [transaction.date, transaction.amountMinor])).toEqual([
      ['2024-01-02', -1250],
      ['2024-01-03', 200000],
    ]);
  });

  it('reads a German Soll/Haben column', () => {
    const text = ['Buchungstag;Umsatz;S/H;Verwendungszweck', '02.01.2024;12,50;S;Miete', '03.01.2024;100,00;H;Gutschrift'].join('\n');
    expect(statementsOf(parseCsv(text))[0]?.transactions.map((transaction) => transaction.amountMinor)).toEqual([-1250, 10000]);
  });

  it('takes the currency named in the amount header', () => {
    expect(detectCsvLayout(['Datum,Empfänger,Betrag (EUR)', '2024-01-02,Shop,-1.00'].join('\n')).mapping.currency).toBe('EUR');
  });

  it('reads a headerless file from its values, with low confidence', () => {
    const layout = detectCsvLayout(['02.01.2024;Shop A;-1,00;EUR', '03.01.2024;Shop B;2,00;EUR'].join('\n'));
    expect(layout.confidence).toBe('low');
    expect(layout.mapping).toMatchObject({ headerRowIndex: null, dateColumn: 0, amount: { kind: 'signed', column: 2 }, currencyColumn: 3, descriptionColumns: [1] });
  });

  it('finds a headerless running balance by its chain', () => {
    const layout = detectCsvLayout(['2024-01-02,Shop A,-1.00,99.00', '2024-01-03,Shop B,2.00,101.00', '2024-01-04,Shop C,-0.50,100.50'].join('\n'));
    expect(layout.mapping.balanceColumn).toBe(3);
  });

  it('shows the rows after the header for confirmation', () => {
    const layout = detectCsvLayout(['Statement of account', 'Date,Amount,Payee', '2024-01-02,-1.00,A'].join('\n'));
    expect(layout).toMatchObject({ headers: ['Date', 'Amount', 'Payee'], previewRows: [['2024-01-02', '-1.00', 'A']] });
    expect(layout.mapping.headerRowIndex).toBe(1);
  });
});

describe('readPlainAmount', () => {
  it('agrees with parseAmount on every plain amount it accepts', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,16}(\.\d{1,4})?$/), fc.integer({ min: 0, max: 4 }), (text, exponent) => {
        const fast = readPlainAmount(text, '.', exponent);
        if (fast !== null) {
          expect(fast).toBe(parseAmount(text, { exponent, decimalMark: '.' }));
        }
        expect(readPlainAmount(text.replace('.', ','), ',', exponent)).toBe(fast);
      }),
    );
  });
});

describe('writeCsv and parseCsv', () => {
  const currencies = [null, 'EUR', 'USD', 'JPY', 'KWD'] as const;
  const exponents: Record<string, number> = { EUR: 2, USD: 2, JPY: 0, KWD: 3 };
  const dateFormats = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY', 'YYYYMMDD', 'DD/MM/YY', 'D MMM YYYY', 'DD-MMM-YYYY'];
  const textArbitrary = fc.stringMatching(/^[ -~äöüéß€£"',;\t\n|]{0,30}$/);
  const dateArbitrary = fc.integer({ min: 0, max: 20000 }).map((day) => new Date(Date.UTC(2000, 0, 1) + day * 86_400_000).toISOString().slice(0, 10));

  /**
   * Statements as the format carries them: descriptions are trimmed with runs of white space
   * collapsed (a CSV cell is read that way), empty references and ids are null, dates ascend
   * (so the running balance proves the opening balance), balances chain (closing = opening +
   * the sum), and an opening balance needs two rows to be proven.
   */
  const statementsArbitrary = fc
    .record({
      currency: fc.constantFrom(...currencies),
      statements: fc.array(
        fc.record({
          hasBalance: fc.boolean(),
          opening: fc.integer({ min: -1e9, max: 1e9 }),
          transactions: fc.array(
            fc.record({
              date: dateArbitrary,
              amountMinor: fc.oneof(fc.constant(0), fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e12, max: 1e12 })),
              description: textArbitrary,
              reference: fc.option(fc.stringMatching(/^[A-Za-z0-9/-]{1,12}$/), { nil: null }),
              bankId: fc.option(fc.stringMatching(/^[A-Za-z0-9]{1,16}$/), { nil: null }),
            }),
            { minLength: 1, maxLength: 6 },
          ),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map(({ currency, statements }): Statement[] => {
      const withBalances = statements.some((statement) => statement.hasBalance);
      return statements.map((generated, index) => {
        const transactions = [...generated.transactions]
          .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
          .map((transaction) => ({ ...transaction, description: transaction.description.replace(/\s+/g, ' ').trim() }));
        const dates = transactions.map((transaction) => transaction.date);
        const sum = transactions.reduce((total, transaction) => total + transaction.amountMinor, 0);
        const hasOpening = withBalances && transactions.length >= 2;
        return {
          accountId: statements.length > 1 ? `ACCT${index + 1}` : null,
          currency,
          openingBalanceMinor: hasOpening ? generated.opening : null,
          closingBalanceMinor: withBalances ? generated.opening + sum : null,
          startDate: dates[0] ?? null,
          endDate: dates[dates.length - 1] ?? null,
          transactions,
        };
      });
    });

  it('reads back what it wrote, with the mapping the writer gives', () => {
    fc.assert(
      fc.property(
        statementsArbitrary,
        fc.constantFrom(',', ';', '\t', '|' as const),
        fc.constantFrom(...dateFormats),
        fc.constantFrom('.', ',' as const),
        fc.constantFrom('signed', 'debitCredit' as const),
        (statements, delimiter, dateFormat, decimalMark, amountStyle) => {
          const written = writeCsvWithMapping({ statements: withWritableBalances(statements) }, { delimiter, dateFormat, decimalMark, amountStyle });
          expect(statementsOf(parseCsv(written.text, { mapping: written.mapping }))).toEqual(statements);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads back what it wrote by auto-detection alone', () => {
    fc.assert(
      fc.property(statementsArbitrary, fc.constantFrom(',', ';' as const), fc.constantFrom('signed', 'debitCredit' as const), (statements, delimiter, amountStyle) => {
        // Unambiguous dates; the decimal mark follows the delimiter as banks do.
        const decimalMark = delimiter === ';' ? ',' : '.';
        const text = writeCsv({ statements: withWritableBalances(statements) }, { delimiter, dateFormat: 'YYYY-MM-DD', decimalMark, amountStyle });
        expect(statementsOf(parseCsv(text))).toEqual(statements);
      }),
      { numRuns: 300 },
    );
  });

  /** The writer writes a running balance from the opening balance: give it one when only the closing is known. */
  function withWritableBalances(statements: Statement[]): Statement[] {
    return statements.map((statement) => {
      if (statement.openingBalanceMinor !== null || statement.closingBalanceMinor === null) {
        return statement;
      }
      const sum = statement.transactions.reduce((total, transaction) => total + transaction.amountMinor, 0);
      return { ...statement, openingBalanceMinor: statement.closingBalanceMinor - sum };
    });
  }

  it('uses the exponent of each currency', () => {
    expect(exponents.JPY).toBe(0);
    const text = writeCsv({ statements: [{ accountId: null, currency: 'KWD', openingBalanceMinor: null, closingBalanceMinor: null, startDate: null, endDate: null, transactions: [{ date: '2024-01-02', amountMinor: -1234, description: 'A', reference: null, bankId: null }] }] });
    expect(text).toContain('-1.234,KWD');
    expect(statementsOf(parseCsv(text))[0]?.transactions[0]?.amountMinor).toBe(-1234);
  });
});
