import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../../dates';
import {
  collectStatements,
  transactionDateRange,
  type ParseOutcome,
  type ParsedStatementFile,
  type Statement,
  type StatementHeader,
  type StatementSink,
  type StatementTransaction,
} from '../statement';
import { createMt940Parser, parseMt940 } from './mt940';
import { writeMt940 } from './mt940.writer';

/** A two-message file in the usual bank shape: headers, balances, :61:/:86: pairs, a statement-level :86:. */
const STATEMENT = [
  ':20:STMT0001',
  ':25:NL91ABNA0417164300',
  ':28C:12/1',
  ':60F:C250228EUR1000,00',
  ':61:2503010301D12,50NTRFINV-2025-7//BANKREF001',
  ':86:/TRTP/SEPA OVERBOEKING/IBAN/NL20INGB0001234567/BIC/INGBNL2A/NAME/',
  'Acme Supplies BV/REMI/Invoice 7 March/EREF/E2E-778',
  ':61:2503030303C250,NMSCNONREF',
  ':86:Salary refund',
  'March',
  ':62F:C250303EUR1237,50',
  ':86:statement-level summary that is not a transaction',
  '-',
  ':20:STMT0002',
  ':25:NL91ABNA0417164300',
  ':28C:13/1',
  ':60F:C250303EUR1237,50',
  ':61:2503040304RD5,NCHGNONREF',
  ':61:2503050305RC7,25NCHGNONREF',
  ':62F:C250305EUR1235,25',
  '-',
].join('\n');

function parsed(text: string): ParsedStatementFile {
  const outcome = parseMt940(text);
  if (!outcome.ok) {
    throw new Error(`refused: ${outcome.error.location}: ${outcome.error.problem}`);
  }
  return outcome.value;
}

function refusal(text: string): { location: string; problem: string } {
  const outcome = parseMt940(text);
  if (outcome.ok) {
    throw new Error('expected the file to be refused');
  }
  return outcome.error;
}

/** A one-message file around the given lines, so a test shows only what it is about. */
function message(...lines: string[]): string {
  return [':20:REF', ':25:12345678', ':28C:1/1', ...lines, '-'].join('\r\n');
}

/** Parses by pushing `text` in pieces cut at `cuts`, as a network stream might deliver it. */
function parseInPieces(text: string, cuts: readonly number[]): ParseOutcome {
  return collectStatements('mt940', text, (sink) => {
    const parser = createMt940Parser(sink);
    return {
      write(whole: string) {
        let at = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          parser.write(whole.slice(at, cut));
          at = cut;
        }
        parser.write(whole.slice(at));
      },
      end: () => parser.end(),
    };
  });
}

describe('parseMt940', () => {
  it('reads accounts, balances, periods and transactions of every message', () => {
    const [first, second] = parsed(STATEMENT).statements;
    expect(first).toEqual({
      accountId: 'NL91ABNA0417164300',
      currency: 'EUR',
      openingBalanceMinor: 100000,
      closingBalanceMinor: 123750,
      startDate: '2025-02-28',
      endDate: '2025-03-03',
      transactions: [
        { date: '2025-03-01', amountMinor: -1250, description: 'Acme Supplies BV / Invoice 7 March', reference: 'INV-2025-7', bankId: 'BANKREF001' },
        { date: '2025-03-03', amountMinor: 25000, description: 'Salary refund March', reference: null, bankId: null },
      ],
    });
    expect(second?.transactions.map((t) => t.amountMinor)).toEqual([500, -725]);
  });

  it('treats RD (reversal of a debit) as money in and RC (reversal of a credit) as money out', () => {
    const [statement] = parsed(message(':60F:C250101EUR0,', ':61:250102RD1,NTRFNONREF', ':61:250102RC2,NTRFNONREF', ':62F:D250102EUR1,')).statements;
    expect(statement?.transactions.map((t) => t.amountMinor)).toEqual([100, -200]);
    expect(statement?.closingBalanceMinor).toBe(-100);
  });

  it('reads a funds code letter after the mark (CR, DF) without taking it for a reversal', () => {
    const [statement] = parsed(message(':60F:C250101EUR0,', ':61:2501020102CR3,10NTRFNONREF', ':61:2501020102DF1,NTRFNONREF')).statements;
    expect(statement?.transactions.map((t) => t.amountMinor)).toEqual([310, -100]);
  });

  it('reads amounts with the decimals of the statement currency', () => {
    const jpy = parsed(message(':60F:C250101JPY1000,', ':61:250102D500,NTRFNONREF', ':62F:C250102JPY500,')).statements[0];
    expect(jpy).toMatchObject({ currency: 'JPY', openingBalanceMinor: 1000, closingBalanceMinor: 500 });
    expect(jpy?.transactions[0]?.amountMinor).toBe(-500);
    const kwd = parsed(message(':60F:C250101KWD1,5', ':61:250102D0,125NTRFNONREF')).statements[0];
    expect(kwd?.openingBalanceMinor).toBe(1500);
    expect(kwd?.transactions[0]?.amountMinor).toBe(-125);
  });

  it('refuses an amount with more decimals than the currency allows instead of rounding it', () => {
    expect(refusal(message(':60F:C250101EUR0,', ':61:250102D12,345NTRFNONREF'))).toEqual({
      location: 'line 5',
      problem: "the :61: amount '12,345' has more decimals than EUR allows (2)",
    });
    expect(refusal(message(':60F:C250101JPY100,5')).problem).toBe("the :60F: amount '100,5' has more decimals than JPY allows (0)");
  });

  it('accepts zeros past the currency decimals, since nothing is rounded away', () => {
    expect(parsed(message(':60F:C250101EUR12,500')).statements[0]?.openingBalanceMinor).toBe(1250);
  });

  it('refuses a statement line without a debit/credit mark, naming its line and tag', () => {
    const error = refusal(message(':60F:C250101EUR0,', ':61:250102X12,00NTRFNONREF'));
    expect(error.location).toBe('line 5');
    expect(error.problem).toContain(':61:');
    expect(error.problem).toContain('debit/credit mark');
  });

  it('refuses an amount that is not a number', () => {
    expect(refusal(message(':60F:C250101EUR0,', ':61:250102D12,3,4NTRFNONREF')).problem).toBe("the :61: amount '12,3,4' is not an amount written like 1234,56");
  });

  it('refuses a statement line without a transaction type after its amount', () => {
    expect(refusal(message(':61:250102D12,34/NONREF')).problem).toContain('no transaction type');
  });

  it('refuses a balance it cannot read', () => {
    expect(refusal(message(':60F:C2501EUR12,00'))).toEqual({
      location: 'line 4',
      problem: "the :60F: balance 'C2501EUR12,00' cannot be read (expected C or D, a date YYMMDD, a currency and an amount, like C250131EUR1234,56)",
    });
  });

  it('refuses dates that cannot exist and reads 30 February as the last day of February', () => {
    expect(refusal(message(':61:250132D1,NTRFNONREF')).problem).toBe("the :61: value date '250132' is not a date written YYMMDD");
    expect(refusal(message(':61:251301D1,NTRFNONREF')).problem).toBe("the :61: value date '251301' is not a date written YYMMDD");
    expect(refusal(message(':61:2501021402D1,NTRFNONREF')).problem).toBe("the :61: entry date '1402' is not a date written MMDD");
    expect(parsed(message(':61:250230D1,NTRFNONREF')).statements[0]?.transactions[0]?.date).toBe('2025-02-28');
    expect(parsed(message(':61:240230D1,NTRFNONREF')).statements[0]?.transactions[0]?.date).toBe('2024-02-29');
  });

  it('reads two-digit years 00-79 as 2000-2079 and 80-99 as 1980-1999', () => {
    const dates = parsed(message(':61:791231D1,NTRFNONREF', ':61:800101D1,NTRFNONREF', ':61:991231D1,NTRFNONREF', ':61:000101D1,NTRFNONREF')).statements[0];
    expect(dates?.transactions.map((t) => t.date)).toEqual(['2079-12-31', '1980-01-01', '1999-12-31', '2000-01-01']);
  });

  it('dates a transaction by its value date even when the entry date falls in the next year', () => {
    const [statement] = parsed(message(':60F:C241231EUR0,', ':61:2412310102D1,NTRFNONREF', ':62F:C250102EUR0,')).statements;
    expect(statement?.transactions[0]?.date).toBe('2024-12-31');
  });

  it('refuses a second currency in one message', () => {
    expect(refusal(message(':60F:C250101EUR0,', ':62F:C250102USD0,'))).toEqual({
      location: 'line 5',
      problem: "the :62F: currency USD differs from the statement's currency EUR",
    });
  });

  it('refuses a currency that arrives after transactions were read with other decimals', () => {
    expect(refusal([':61:250102D1,NTRFNONREF', ':62F:C250102JPY1,', '-'].join('\n')).problem).toBe(
      'the :62F: currency JPY comes after transactions that were read with 2 decimals',
    );
  });

  it('refuses a field that appears after a message ended without a new :20:', () => {
    expect(refusal([':20:A', ':60F:C250101EUR0,', '-', ':61:250102D1,NTRFNONREF'].join('\n'))).toEqual({
      location: 'line 4',
      problem: 'the :61: field comes after the message that ended on line 3, and no new message (:20:) has started',
    });
  });

  it('refuses a line far longer than any MT940 line', () => {
    expect(refusal(`:20:A\n:86:${'x'.repeat(20_000)}\n`).location).toBe('line 2');
    expect(refusal(`:20:A\n:86:${'x'.repeat(20_000)}`).location).toBe('line 2');
  });

  it('reads MT942 interim reports: currency from the floor limit, no balances, period from the transactions', () => {
    const text = [
      ':20:INTRADAY1',
      ':25:DE89370400440532013000',
      ':28C:5/1',
      ':34F:EURD0,',
      ':34F:EURC0,',
      ':13D:2503051030+0100',
      ':61:2503050305D99,99NDDTNONREF',
      ':86:166?00SEPA-LASTSCHRIFT?20EREF+ABC-1?21SVWZ+Strom Maerz?32Stadtwerke',
      ':61:2503040304C10,NTRFNONREF',
      ':90D:1EUR99,99',
      ':90C:1EUR10,',
      '-',
    ].join('\n');
    expect(parsed(text).statements).toEqual([
      {
        accountId: 'DE89370400440532013000',
        currency: 'EUR',
        openingBalanceMinor: null,
        closingBalanceMinor: null,
        startDate: '2025-03-04',
        endDate: '2025-03-05',
        transactions: [
          { date: '2025-03-05', amountMinor: -9999, description: 'Stadtwerke / Strom Maerz', reference: 'ABC-1', bankId: null },
          { date: '2025-03-04', amountMinor: 1000, description: '', reference: null, bankId: null },
        ],
      },
    ]);
  });

  it('reads messages wrapped in SWIFT blocks, with block 4 text starting on the header line', () => {
    const text = [
      '{1:F01BANKDEFFAXXX0000000000}{2:O9401200250305BANKDEFFAXXX00000000002503051200N}{4:',
      ':20:A',
      ':60F:C250101EUR1,',
      ':62F:C250101EUR1,',
      '-}{5:{CHK:123456789ABC}}',
      '{1:F01BANKDEFFAXXX0000000000}{2:O940BANKDEFFAXXXN}{4::20:B',
      ':60F:C250102EUR2,',
      '-}',
    ].join('\r\n');
    expect(parsed(text).statements.map((s) => s.openingBalanceMinor)).toEqual([100, 200]);
  });

  it('starts a new statement at a block header even when the previous message lacks its -}', () => {
    const text = ['{1:F01BANKDEFFAXXX0000000000}{2:O940BANKDEFFAXXXN}{4:', ':20:A', ':60F:C250101EUR1,', '{1:F01BANKDEFFAXXX0000000000}{2:O940BANKDEFFAXXXN}', '{4:', ':20:B', ':60F:C250102EUR2,', '-}'].join('\n');
    expect(parsed(text).statements.map((s) => s.openingBalanceMinor)).toEqual([100, 200]);
  });

  it('reads a headerless fragment as one statement, with amounts in a default currency when given', () => {
    const fragment = ':61:250102D1500,NTRFNONREF\n:86:Fee\n';
    expect(parsed(fragment).statements).toEqual([
      { accountId: null, currency: null, openingBalanceMinor: null, closingBalanceMinor: null, startDate: '2025-01-02', endDate: '2025-01-02', transactions: [expect.objectContaining({ amountMinor: -150000 })] },
    ]);
    const outcome = parseMt940(fragment, { defaultCurrency: 'JPY' });
    expect(outcome.ok && outcome.value.statements[0]?.transactions[0]?.amountMinor).toBe(-1500);
  });

  it('yields no statements from a file without any MT940 tag', () => {
    expect(parsed('').statements).toEqual([]);
    expect(parsed('1\n2\n3\n').statements).toEqual([]);
  });

  it('drops a UTF-8 byte order mark and reads LF, CRLF and CR line endings alike', () => {
    const lf = parsed(STATEMENT);
    expect(parsed(`\uFEFF${STATEMENT}`)).toEqual(lf);
    expect(parsed(STATEMENT.replaceAll('\n', '\r\n'))).toEqual(lf);
    expect(parsed(STATEMENT.replaceAll('\n', '\r'))).toEqual(lf);
  });

  it('gives the same result for any chunking of the text, one character at a time included', () => {
    for (const text of [STATEMENT, `\uFEFF${STATEMENT.replaceAll('\n', '\r\n')}`, STATEMENT.replaceAll('\n', '\r')]) {
      const whole = parseMt940(text);
      expect(parseInPieces(text, Array.from({ length: text.length }, (_, i) => i))).toEqual(whole);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 40 }), (cuts) => {
          expect(parseInPieces(text, cuts)).toEqual(whole);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('refuses at the same line whatever the chunking', () => {
    const text = message(':60F:C250101EUR0,', ':61:250102D12,345NTRFNONREF');
    const whole = parseMt940(text);
    expect(whole.ok).toBe(false);
    expect(parseInPieces(text, Array.from({ length: text.length }, (_, i) => i))).toEqual(whole);
  });

  it('hands each transaction to the sink as soon as the next field shows it is complete', () => {
    const events: string[] = [];
    const sink: StatementSink = {
      beginStatement: () => events.push('begin'),
      transaction: (t: StatementTransaction) => events.push(`tx ${t.amountMinor}`),
      endStatement: (h: StatementHeader) => events.push(`end ${h.closingBalanceMinor}`),
    };
    const parser = createMt940Parser(sink);
    parser.write(':20:A\n:60F:C250101EUR0,\n:61:250102D1,NTRFNONREF\n:86:first\n');
    expect(events).toEqual(['begin']);
    parser.write(':61:250102D2,NTRFNONREF\n');
    expect(events).toEqual(['begin', 'tx -100']);
    parser.write(':62F:D250102EUR3,\n-\n');
    expect(events).toEqual(['begin', 'tx -100', 'tx -200', 'end -300']);
    parser.end();
    expect(events).toHaveLength(4);
  });
});

describe('MT940 descriptions and references', () => {
  function firstTransaction(...lines: string[]): StatementTransaction | undefined {
    return parsed(message(':60F:C250101EUR0,', ...lines)).statements[0]?.transactions[0];
  }

  it('builds the description from German ?-subfields: name and SEPA remittance text, EREF as reference', () => {
    expect(
      firstTransaction(
        ':61:2501020102CR50,NTRFNONREF//0724710333343453',
        ':86:166?00GUTSCHRIFT?100399?20EREF+EndToEndId TFNR 22 004?21 00001?22',
        'SVWZ+Verw CTSc-01 BC-PPP TF?23Nr 22 004?30DRESDEFF508?31DE1450880',
        '0500194785000?32KARL?33        KAUFMANN',
      ),
    ).toEqual({ date: '2025-01-02', amountMinor: 5000, description: 'KARL KAUFMANN / Verw CTSc-01 BC-PPP TFNr 22 004', reference: 'EndToEndId TFNR 22 004 00001', bankId: '0724710333343453' });
  });

  it('uses the posting text when ?-subfields name no counterparty, and leaves identifiers out of the text', () => {
    expect(firstTransaction(':61:250102D1,NMSCNONREF', ':86:159?00RETOURE?100399?20EREF+TFNR 40001 00005?21MTLG:Grund nicht s', 'pezifiziert')?.description).toBe(
      'RETOURE / MTLG:Grund nicht spezifiziert',
    );
  });

  it('reads > as the subfield mark too (Triodos)', () => {
    expect(firstTransaction(':61:250102D1,NMSCNONREF', ':86:000>100987654321', '>20 HUUR>21 KANTOOR - FEB 2010')?.description).toBe('HUUR KANTOOR - FEB 2010');
  });

  it('takes the EREF value when the :61: reference only says EREF', () => {
    expect(
      firstTransaction(':61:250102D25,00N102EREF            ', 'NL70ABNA0987654321', ':86:/EREF/01-01-2013 12:00 0030000987654321/BENM//NAME/CONTRA ACCOUN', 'T HOLDER/REMI//ISDT/2013-07-11'),
    ).toMatchObject({ description: 'CONTRA ACCOUNT HOLDER', reference: '01-01-2013 12:00 0030000987654321' });
  });

  it('finds the counterparty in ING /CNTP/ fields', () => {
    expect(
      firstTransaction(':61:250102D1,NTRFNONREF', ':86:/TRTP/SEPA OVERBOEKING/CNTP/NL20INGB0001234567/INGBNL2A/J. Jansen/AMSTERDAM/REMI/USTD//Huur maart/EREF/NOTPROVIDED'),
    ).toMatchObject({ description: 'J. Jansen / Huur maart', reference: null });
  });

  it('joins a full 65-character line to the next without a space and a shorter line with one', () => {
    const full = 'A'.repeat(60) + 'BCDEF';
    expect(firstTransaction(':61:250102D1,NMSCNONREF', `:86:${full}`, 'GHI', 'end of text')?.description).toBe(`${full}GHI end of text`);
  });

  it('joins several :86: fields and puts the counterparty written after the reference first (Rabobank)', () => {
    expect(
      firstTransaction(':61:110527D000000001213,28N0440121470966      W.P. Jansen                      ', ':86:Terugboeking     ', ':86:KOSTEN JUNI    '),
    ).toMatchObject({ reference: '0121470966', description: 'W.P. Jansen / Terugboeking KOSTEN JUNI' });
  });

  it('falls back to the supplementary details when there is no :86:', () => {
    expect(firstTransaction(':61:250102D1,NTRFNONREF//B1', 'Card payment Shop 12')).toMatchObject({ description: 'Card payment Shop 12', bankId: 'B1' });
  });

  it('reads a statement line broken after its mark and a tag broken after its colon', () => {
    const [statement] = parsed([':61:1811261126CR', '30,00N062NONREF', ':', '86:166?00GUTSCHR. UEBERWEISUNG?081542?20SVWZ+Test'].join('\n')).statements;
    expect(statement?.transactions).toEqual([{ date: '2018-11-26', amountMinor: 3000, description: 'GUTSCHR. UEBERWEISUNG / Test', reference: null, bankId: null }]);
  });

  it('keeps the first :25: of a message when a stray one follows', () => {
    expect(parsed(message(':61:250102D1,NTRFNONREF', ':25:garbage')).statements[0]?.accountId).toBe('12345678');
  });
});

// ---------------------------------------------------------------------------------------------
// Round trip: what writeMt940 writes, parseMt940 reads back as the same model.

const CURRENCIES = ['EUR', 'USD', 'JPY', 'KWD', 'CHF', 'HUF'] as const;
const MIN_DAY = toDayNumber('1980-01-01');
const MAX_DAY = toDayNumber('2079-12-31');
/** MT940 amounts are at most 15 characters with the comma: 14 digits. */
const MAX_AMOUNT = 99_999_999_999_999;
/** SWIFT x characters, plus text banks do send (umlauts, &, @, the euro sign) and runs of spaces. */
const TEXT_CHARS = [...'abcXYZ019/-?:().,\'+ {}&@#*_"ÄÖÜäöüß€éñ', '  ', '--', '//', '?2', '/NAME/'];

const arbitraryDate = fc.integer({ min: MIN_DAY, max: MAX_DAY }).map(fromDayNumber);
const arbitraryText = (maxLength: number) => fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength }).map((parts) => parts.join(''));
/** One line of 1..max characters without surrounding spaces, as :25:, :61: references and bank ids need. */
const arbitraryField = (max: number) =>
  arbitraryText(max)
    .map((text) => text.trim().slice(0, max).trim())
    .filter((text) => text !== '');
const arbitraryReference = arbitraryField(16).filter((text) => !text.includes('//') && !text.startsWith('/') && !text.endsWith('/'));

const arbitraryTransaction: fc.Arbitrary<StatementTransaction> = fc.record({
  date: arbitraryDate,
  amountMinor: fc.oneof(fc.constant(0), fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT })),
  description: fc.oneof(arbitraryText(150), fc.constantFrom('166?00GUTSCHRIFT?20SVWZ+x', '/EREF/x/REMI/y', '-starts with a dash', '')),
  reference: fc.option(arbitraryReference),
  bankId: fc.option(arbitraryField(16)),
});

const arbitraryStatement: fc.Arbitrary<Statement> = fc
  .record({
    accountId: fc.option(arbitraryField(35)),
    currency: fc.option(fc.constantFrom(...CURRENCIES)),
    balances: fc.option(fc.record({ opening: fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }), closing: fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }), start: arbitraryDate, end: arbitraryDate })),
    transactions: fc.array(arbitraryTransaction, { maxLength: 6 }),
  })
  .map(({ accountId, currency, balances, transactions }) => {
    // A balance needs a currency in MT940; without balances the period is the transactions' dates.
    const hasBalances = balances !== null && currency !== null;
    const range = transactionDateRange(transactions);
    return {
      accountId,
      currency,
      openingBalanceMinor: hasBalances ? balances.opening : null,
      closingBalanceMinor: hasBalances ? balances.closing : null,
      startDate: hasBalances ? balances.start : range.startDate,
      endDate: hasBalances ? balances.end : range.endDate,
      transactions,
    };
  });

/**
 * What MT940 cannot carry: whitespace in a description is collapsed (lines are re-wrapped), and
 * NONREF is the format's word for "no reference". MT940 has no escape characters; the writer keeps
 * '-' and ':' from starting a :86: line and puts a space before text that would read as
 * ?-subfields or /CODE/ fields, so descriptions full of those characters still come back intact.
 * The generators stay inside the format's limits (16-character references, 35-character account
 * ids, 15-character amounts, years 1980-2079), which the writer refuses to exceed.
 */
function asMt940Carries(statement: Statement): Statement {
  return {
    ...statement,
    transactions: statement.transactions.map((t) => ({
      ...t,
      description: t.description.replace(/\s+/g, ' ').trim(),
      reference: t.reference === 'NONREF' ? null : t.reference,
      bankId: t.bankId === 'NONREF' ? null : t.bankId,
    })),
  };
}

describe('writeMt940 → parseMt940', () => {
  it('reads back what it wrote, for any statements', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryStatement, { maxLength: 3 }),
        fc.record({ swiftBlocks: fc.boolean(), lineEnding: fc.constantFrom('\r\n' as const, '\n' as const) }),
        (statements, options) => {
          const text = writeMt940({ statements }, options);
          expect(parsed(text).statements).toEqual(statements.map(asMt940Carries));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads back the same whatever the chunking of the written file', () => {
    fc.assert(
      fc.property(fc.array(arbitraryStatement, { minLength: 1, maxLength: 2 }), fc.array(fc.nat(), { maxLength: 30 }), (statements, cuts) => {
        const text = writeMt940({ statements });
        expect(parseInPieces(text, cuts.map((cut) => cut % (text.length + 1)))).toEqual(parseMt940(text));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps :86: lines within 65 characters and never starts one with - or :', () => {
    const description = `${'word '.repeat(30)}-dash :colon ${'x'.repeat(70)}`;
    const text = writeMt940({
      statements: [{ accountId: 'A', currency: 'EUR', openingBalanceMinor: 0, closingBalanceMinor: 0, startDate: '2025-01-01', endDate: '2025-01-01', transactions: [{ date: '2025-01-01', amountMinor: 1, description, reference: null, bankId: null }] }],
    });
    const detailLines = text.split('\r\n').slice(text.split('\r\n').findIndex((line) => line.startsWith(':86:')) + 1, -3);
    expect(detailLines.length).toBeGreaterThan(1);
    for (const line of detailLines) {
      expect(line.length).toBeLessThanOrEqual(65);
      expect(line[0]).not.toMatch(/[-:]/);
    }
    expect(parsed(text).statements[0]?.transactions[0]?.description).toBe(description.trim());
  });

  it('refuses what MT940 cannot hold instead of writing it wrongly', () => {
    const base: Statement = { accountId: 'A', currency: 'EUR', openingBalanceMinor: null, closingBalanceMinor: null, startDate: null, endDate: null, transactions: [] };
    const tx: StatementTransaction = { date: '2025-01-01', amountMinor: 1, description: '', reference: null, bankId: null };
    expect(() => writeMt940({ statements: [{ ...base, transactions: [{ ...tx, date: '2080-01-01' }] }] })).toThrow(RangeError);
    expect(() => writeMt940({ statements: [{ ...base, transactions: [{ ...tx, amountMinor: 100_000_000_000_000 }] }] })).toThrow(RangeError);
    expect(() => writeMt940({ statements: [{ ...base, transactions: [{ ...tx, reference: 'A'.repeat(17) }] }] })).toThrow(RangeError);
    expect(() => writeMt940({ statements: [{ ...base, currency: null, openingBalanceMinor: 1, startDate: '2025-01-01' }] })).toThrow(RangeError);
  });
});
