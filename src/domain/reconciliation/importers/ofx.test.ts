import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../../dates';
import { createCollectingSink, type ParseOutcome, type Statement, type StatementSink, type StatementTransaction } from '../statement';
import { createOfxParser, parseOfx, parseQfx } from './ofx';
import { decodeEntities } from './ofx-tokenizer';
import { writeOfx, writeQfx } from './ofx.writer';

/** An OFX 1.02 file as banks write it: header block, leaves without closing tags, one line per aggregate. */
const SGML = [
  'OFXHEADER:100',
  'DATA:OFXSGML',
  'VERSION:102',
  'SECURITY:NONE',
  'ENCODING:USASCII',
  'CHARSET:1252',
  'COMPRESSION:NONE',
  'OLDFILEUID:NONE',
  'NEWFILEUID:NONE',
  '',
  '<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO<MESSAGE>OK</STATUS><DTSERVER>20090523122017<LANGUAGE>ENG<INTU.BID>00024</SONRS></SIGNONMSGSRSV1>',
  '<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>',
  '<STMTRS><CURDEF>CAD<BANKACCTFROM><BANKID>160000100<BRANCHID>00<ACCTID>12300 000012345678<ACCTTYPE>CHECKING</BANKACCTFROM>',
  '<BANKTRANLIST><DTSTART>20090401<DTEND>20090523122017.000[-5:EST]',
  "<STMTTRN><TRNTYPE>POS<DTPOSTED>20090401122017.000[-5:EST]<TRNAMT>-6.6<FITID>0001<NAME>MCDONALD'S #112<MEMO>POS MERCHANDISE;MCDONALD'S #112</STMTTRN>",
  '<STMTTRN><TRNTYPE>CHECK<DTPOSTED>20090402<TRNAMT>-316.67<FITID>0002<CHECKNUM>1042<NAME>Joe &amp; Sons<MEMO>Haircuts</STMTTRN>',
  '<STMTTRN><TRNTYPE>DEP<DTPOSTED>20090403<TRNAMT>+5<FITID>0003<REFNUM>REF-77<NAME>Deposit<BANKACCTTO><BANKID>1<ACCTID>999<ACCTTYPE>SAVINGS</BANKACCTTO></STMTTRN>',
  '</BANKTRANLIST><LEDGERBAL><BALAMT>382.34<DTASOF>20090523</LEDGERBAL><AVAILBAL><BALAMT>682.34<DTASOF>20090523</AVAILBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>',
  '',
].join('\n');

const SGML_STATEMENT: Statement = {
  accountId: '12300 000012345678',
  currency: 'CAD',
  openingBalanceMinor: null,
  closingBalanceMinor: 38234,
  startDate: '2009-04-01',
  endDate: '2009-05-23',
  transactions: [
    { date: '2009-04-01', amountMinor: -660, description: "POS MERCHANDISE;MCDONALD'S #112", reference: null, bankId: '0001' },
    { date: '2009-04-02', amountMinor: -31667, description: 'Joe & Sons / Haircuts', reference: '1042', bankId: '0002' },
    { date: '2009-04-03', amountMinor: 500, description: 'Deposit', reference: 'REF-77', bankId: '0003' },
  ],
};

/** The same statement as OFX 2.x XML with untidy whitespace, a comment and CDATA. */
const XML = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<?OFX OFXHEADER="200" VERSION="211" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX>
  <!-- exported by a bank -->
  <BANKMSGSRSV1>
    <STMTTRNRS>
      <STMTRS>
        <CURDEF>CAD</CURDEF>
        <BANKACCTFROM><BANKID>160000100</BANKID><ACCTID>12300 000012345678</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>
        <BANKTRANLIST>
          <DTSTART>20090401</DTSTART>
          <DTEND>20090523122017.000[-5:EST]</DTEND>
          <STMTTRN>
            <TRNTYPE>POS</TRNTYPE>
            <DTPOSTED>20090401122017.000[-5:EST]</DTPOSTED>
            <TRNAMT>  -6.6 </TRNAMT>
            <FITID>0001</FITID>
            <NAME>MCDONALD'S #112</NAME>
            <MEMO><![CDATA[POS MERCHANDISE;MCDONALD'S   #112]]></MEMO>
          </STMTTRN>
          <STMTTRN><TRNTYPE>CHECK</TRNTYPE><DTPOSTED>20090402</DTPOSTED><TRNAMT>-316.67</TRNAMT><FITID>0002</FITID><CHECKNUM>1042</CHECKNUM><NAME>Joe &amp; Sons</NAME><MEMO>Haircuts</MEMO></STMTTRN>
          <STMTTRN>
            <TRNTYPE>DEP</TRNTYPE><DTPOSTED>20090403</DTPOSTED><TRNAMT>+5</TRNAMT><FITID>0003</FITID><REFNUM>REF-77</REFNUM><NAME>Deposit</NAME>
            <BANKACCTTO><BANKID>1</BANKID><ACCTID>999</ACCTID><ACCTTYPE>SAVINGS</ACCTTYPE></BANKACCTTO>
            <EMPTY/>
          </STMTTRN>
        </BANKTRANLIST>
        <LEDGERBAL><BALAMT>382.34</BALAMT><DTASOF>20090523</DTASOF></LEDGERBAL>
        <AVAILBAL><BALAMT>682.34</BALAMT><DTASOF>20090523</DTASOF></AVAILBAL>
      </STMTRS>
    </STMTTRNRS>
  </BANKMSGSRSV1>
</OFX>
`;

const XML_STATEMENT: Statement = {
  ...SGML_STATEMENT,
  transactions: SGML_STATEMENT.transactions.map((t, i) => (i === 0 ? { ...t, description: "POS MERCHANDISE;MCDONALD'S #112" } : t)),
};

/** A minimal SGML file around the given `<STMTTRN>` bodies, in a statement of `currency`. */
function sgmlWith(transactions: string[], currency = 'USD', extra = ''): string {
  const body = transactions.map((t) => `<STMTTRN>${t}</STMTTRN>`).join('\n');
  return `OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>${currency}<BANKACCTFROM><ACCTID>1</BANKACCTFROM>\n<BANKTRANLIST>\n${body}\n</BANKTRANLIST>${extra}</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`;
}

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

/** Feeds `text` in the given chunk sizes (cycled) and returns what the sink collected. */
function parseInChunks(text: string, sizes: number[]): ParseOutcome {
  const sink = createCollectingSink();
  const parser = createOfxParser(sink);
  try {
    for (let offset = 0, k = 0; offset < text.length; k++) {
      const size = Math.max(1, sizes[k % sizes.length] ?? 1);
      parser.write(text.slice(offset, offset + size));
      offset += size;
    }
    parser.end();
  } catch (error) {
    if (error instanceof Error && 'location' in error && 'problem' in error) {
      return { ok: false, error: { location: String(error.location), problem: String(error.problem) } };
    }
    throw error;
  }
  return { ok: true, value: { format: 'ofx', statements: sink.statements } };
}

describe('OFX import', () => {
  it('reads an OFX 1.x SGML statement whose leaf elements have no closing tags', () => {
    expect(statementsOf(parseOfx(SGML))).toEqual([SGML_STATEMENT]);
  });

  it('reads the same statement written as OFX 2.x XML with untidy whitespace, a comment and CDATA', () => {
    expect(statementsOf(parseOfx(XML))).toEqual([XML_STATEMENT]);
  });

  it('reads a file with a byte-order mark, CRLF line endings and blank lines before the header', () => {
    const text = `\uFEFF\r\n\r\n${SGML.replaceAll('\n', '\r\n')}`;
    expect(statementsOf(parseOfx(text))).toEqual([SGML_STATEMENT]);
  });

  it('reads a file with old Mac CR line endings', () => {
    expect(statementsOf(parseOfx(SGML.replaceAll('\n', '\r')))).toEqual([SGML_STATEMENT]);
  });

  it('gives identical output when the file arrives one character at a time', () => {
    expect(parseInChunks(SGML, [1])).toEqual(parseOfx(SGML));
    expect(parseInChunks(XML, [1])).toEqual(parseOfx(XML));
  });

  it('gives identical output for any chunk sizes, including cuts inside tags, entities and CDATA', () => {
    const files = [SGML, XML, sgmlWith(['<DTPOSTED>20240101<TRNAMT>1<NAME>A &amp;lt;B&amp;gt; &#233;<MEMO><![CDATA[x <y> & z]]>'])];
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), (text, sizes) => {
        expect(parseInChunks(text, sizes)).toEqual(parseOfx(text));
      }),
      { numRuns: 300 },
    );
  });

  it('passes each transaction to the sink as soon as it is complete, before the file ends', () => {
    const seen: StatementTransaction[] = [];
    const sink: StatementSink = { beginStatement() {}, transaction: (t) => seen.push(t), endStatement() {} };
    const parser = createOfxParser(sink);
    const cut = SGML.indexOf('<STMTTRN><TRNTYPE>DEP');
    parser.write(SGML.slice(0, cut));
    expect(seen.map((t) => t.bankId)).toEqual(['0001', '0002']);
    parser.write(SGML.slice(cut));
    parser.end();
    expect(seen).toHaveLength(3);
  });

  describe('amounts', () => {
    const amountOf = (text: string, currency = 'USD') => statementsOf(parseOfx(sgmlWith([`<DTPOSTED>20240105<TRNAMT>${text}`], currency)))[0]?.transactions[0]?.amountMinor;

    it.each([
      ['-6.6', -660],
      ['+5', 500],
      ['.50', 50],
      ['-.5', -50],
      ['-6,60', -660],
      ['0', 0],
      ['-0.00', 0],
      ['12.500', 1250],
      ['-00000000001500.0000', -150000],
      ['90071992547409.91', 9007199254740991],
    ])('reads %s as %d minor units', (text, minor) => {
      expect(amountOf(text)).toBe(minor);
    });

    it('uses the decimals of the statement currency (JPY has none, KWD has three)', () => {
      expect(amountOf('1500', 'JPY')).toBe(1500);
      expect(amountOf('-1.234', 'KWD')).toBe(-1234);
    });

    it.each([
      ['12,3.4', "'12,3.4' is not an amount"],
      ['$20', "'$20' is not an amount"],
      ['1,234.56', "'1,234.56' is not an amount"],
      ['12.345', "'12.345' has more decimals than USD allows (2)"],
      ['115.8331', "'115.8331' has more decimals than USD allows (2)"],
      ['99999999999999999', "'99999999999999999' is too large to be an amount"],
    ])('refuses %s rather than guess or round', (text, problem) => {
      const error = refusalOf(parseOfx(sgmlWith(['<DTPOSTED>20240105<TRNAMT>1', '<DTPOSTED>20240105<TRNAMT>2', `<DTPOSTED>20240105<TRNAMT>${text}`])));
      expect(error).toEqual({ location: '<STMTTRN> 3 / <TRNAMT>', problem });
    });

    it('refuses an amount with decimals in a currency that has none', () => {
      expect(refusalOf(parseOfx(sgmlWith(['<DTPOSTED>20240105<TRNAMT>15.5'], 'JPY')))).toEqual({
        location: '<STMTTRN> 1 / <TRNAMT>',
        problem: "'15.5' has more decimals than JPY allows (0)",
      });
    });

    it('refuses a currency stated after transactions whose decimals it would change', () => {
      const text = sgmlWith(['<DTPOSTED>20240105<TRNAMT>15']).replace('<CURDEF>USD', '').replace('</BANKTRANLIST>', '</BANKTRANLIST><CURDEF>JPY');
      expect(refusalOf(parseOfx(text))).toEqual({ location: '<STMTRS> 1 / <CURDEF>', problem: 'the currency comes after transactions whose amounts depend on it' });
    });

    it('refuses a currency code that is not three letters', () => {
      expect(refusalOf(parseOfx(sgmlWith([], 'US Dollar')))).toEqual({ location: '<STMTRS> 1 / <CURDEF>', problem: "'US Dollar' is not a currency code" });
    });
  });

  describe('dates and period', () => {
    it('takes the date part of a date-time as written, without moving it across time zones', () => {
      const [statement] = statementsOf(parseOfx(sgmlWith(['<DTPOSTED>20120720235959.000[-4:EDT]<TRNAMT>1', '<DTPOSTED>20240229<TRNAMT>1'])));
      expect(statement?.transactions.map((t) => t.date)).toEqual(['2012-07-20', '2024-02-29']);
    });

    it('uses the first and last transaction dates when the file states no period', () => {
      const text = sgmlWith(['<DTPOSTED>20240310<TRNAMT>1', '<DTPOSTED>20240102<TRNAMT>1', '<DTPOSTED>20240205<TRNAMT>1']);
      const [statement] = statementsOf(parseOfx(text));
      expect([statement?.startDate, statement?.endDate]).toEqual(['2024-01-02', '2024-03-10']);
    });

    it('leaves the period empty for a statement with neither a period nor transactions', () => {
      const [statement] = statementsOf(parseOfx(sgmlWith([])));
      expect([statement?.startDate, statement?.endDate]).toEqual([null, null]);
    });

    it('refuses a transaction without a posting date, naming it', () => {
      expect(refusalOf(parseOfx(sgmlWith(['<DTPOSTED>20240105<TRNAMT>1', '<TRNAMT>1<NAME>x'])))).toEqual({
        location: '<STMTTRN> 2',
        problem: 'the transaction has no posting date <DTPOSTED>',
      });
    });

    it.each(['20120231', '201120000000', 'yesterday'])('refuses the impossible posting date %s', (date) => {
      expect(refusalOf(parseOfx(sgmlWith([`<DTPOSTED>${date}<TRNAMT>1`])))).toEqual({ location: '<STMTTRN> 1 / <DTPOSTED>', problem: `'${date}' is not a date` });
    });

    it('refuses a transaction without an amount', () => {
      expect(refusalOf(parseOfx(sgmlWith(['<DTPOSTED>20240105<TRNAMT></TRNAMT>'])))).toEqual({ location: '<STMTTRN> 1', problem: 'the transaction has no amount <TRNAMT>' });
    });

    it('refuses an unreadable statement period', () => {
      const text = sgmlWith([]).replace('<BANKTRANLIST>', '<BANKTRANLIST><DTSTART>2024-13-01');
      expect(refusalOf(parseOfx(text))).toEqual({ location: '<STMTRS> 1 / <DTSTART>', problem: "'2024-13-01' is not a date" });
    });
  });

  describe('balances and accounts', () => {
    it('takes the closing balance from LEDGERBAL, never AVAILBAL, and states no opening balance', () => {
      const [statement] = statementsOf(parseOfx(sgmlWith([], 'USD', '<AVAILBAL><BALAMT>9.99</AVAILBAL><LEDGERBAL><BALAMT>-123.45</LEDGERBAL>')));
      expect([statement?.openingBalanceMinor, statement?.closingBalanceMinor]).toEqual([null, -12345]);
    });

    it('leaves the balance null when BALAMT is blank, and the currency null when CURDEF is empty', () => {
      const text = sgmlWith([], '', '<LEDGERBAL><BALAMT> </BALAMT><DTASOF></DTASOF></LEDGERBAL>').replace('<CURDEF>', '<CURDEF></CURDEF>');
      const [statement] = statementsOf(parseOfx(text));
      expect([statement?.currency, statement?.closingBalanceMinor]).toEqual([null, null]);
    });

    it('refuses an unreadable closing balance', () => {
      expect(refusalOf(parseOfx(sgmlWith([], 'USD', '<LEDGERBAL><BALAMT>n/a</LEDGERBAL>')))).toEqual({ location: '<STMTRS> 1 / <LEDGERBAL> / <BALAMT>', problem: "'n/a' is not an amount" });
    });

    it('reads several bank and credit-card statements of one file as separate statements', () => {
      const card = '<CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>AUD<CCACCTFROM><ACCTID>4111</CCACCTFROM><BANKTRANLIST><STMTTRN><DTPOSTED>20170508<TRNAMT>-5.50<MEMO>SOME MEMO</STMTTRN></BANKTRANLIST><LEDGERBAL><BALAMT>-123.45</LEDGERBAL></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1>';
      const text = SGML.replace('</BANKMSGSRSV1>', `<STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>9200</BANKACCTFROM><LEDGERBAL><BALAMT>222</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>${card}`);
      const statements = statementsOf(parseOfx(text));
      expect(statements.map((s) => [s.accountId, s.currency, s.closingBalanceMinor, s.transactions.length])).toEqual([
        ['12300 000012345678', 'CAD', 38234, 3],
        ['9200', 'USD', 22200, 0],
        ['4111', 'AUD', -12345, 1],
      ]);
    });

    it('lists the accounts of an account-information response as empty statements', () => {
      const text =
        'OFXHEADER:100\n\n<OFX><SIGNUPMSGSRSV1><ACCTINFOTRNRS><ACCTINFORS><ACCTINFO><DESC>SAVINGS<BANKACCTINFO><BANKACCTFROM><BANKID>3<ACCTID>0001<ACCTTYPE>SAVINGS</BANKACCTFROM><SVCSTATUS>ACTIVE</BANKACCTINFO></ACCTINFO>' +
        '<ACCTINFO><DESC>CARD<CCACCTINFO><CCACCTFROM><ACCTID>4111</CCACCTFROM></CCACCTINFO></ACCTINFO></ACCTINFORS></ACCTINFOTRNRS></SIGNUPMSGSRSV1></OFX>';
      expect(statementsOf(parseOfx(text)).map((s) => [s.accountId, s.transactions.length, s.currency])).toEqual([
        ['0001', 0, null],
        ['4111', 0, null],
      ]);
    });

    it('imports no statement from a transaction response that only carries an error status', () => {
      const text = '<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>2000</CODE><SEVERITY>ERROR</SEVERITY><MESSAGE>General Server Error</MESSAGE></STATUS></STMTTRNRS></BANKMSGSRSV1></OFX>';
      expect(statementsOf(parseOfx(text))).toEqual([]);
    });
  });

  describe('transaction text', () => {
    const transactionOf = (body: string) => statementsOf(parseOfx(sgmlWith([`<DTPOSTED>20240105<TRNAMT>1${body}`])))[0]?.transactions[0];

    it('uses the memo alone when it already contains the payee, and joins them otherwise', () => {
      expect(transactionOf('<NAME>ALDI STORE  <MEMO>EFTPOS ALDI   STORE GEELONG')?.description).toBe('EFTPOS ALDI STORE GEELONG');
      expect(transactionOf('<NAME>ALDI STORE<MEMO>EFTPOS WDL ALDI STORE GEELONG')?.description).toBe('EFTPOS WDL ALDI STORE GEELONG');
      expect(transactionOf('<NAME>Rent<MEMO>March')?.description).toBe('Rent / March');
      expect(transactionOf('<MEMO>only memo')?.description).toBe('only memo');
      expect(transactionOf('<PAYEE><NAME>Acme Ltd<ADDR1>1 Main St</PAYEE>')?.description).toBe('Acme Ltd');
    });

    it('ignores a payee that is only a zero placeholder', () => {
      expect(transactionOf('<NAME>000000000000000<MEMO>PREAUTHORIZED DEBIT')?.description).toBe('PREAUTHORIZED DEBIT');
    });

    it('decodes entities, including text a bank escaped twice, and keeps a bare ampersand', () => {
      expect(transactionOf('<NAME>TPAY &amp;lt;DEFTPYMT&amp;gt;<MEMO>B.C. HYDRO & POWER &#233;&#x263A;')?.description).toBe('TPAY <DEFTPYMT> / B.C. HYDRO & POWER é☺');
      expect(decodeEntities('&amp;amp; &quot;x&apos; &unknown; &#0;')).toBe('& "x\' &unknown; &#0;');
    });

    it('takes the check number, else the reference number, and ignores zero placeholders', () => {
      expect(transactionOf('<CHECKNUM>319<REFNUM>R1')?.reference).toBe('319');
      expect(transactionOf('<CHECKNUM>0<REFNUM>R1')?.reference).toBe('R1');
      expect(transactionOf('<CHECKNUM>0')?.reference).toBeNull();
    });

    it('reads an empty FITID as no bank id, not as an empty id', () => {
      expect(transactionOf('<FITID><NAME>x')?.bankId).toBeNull();
      expect(transactionOf('<FITID></FITID><NAME>x')?.bankId).toBeNull();
    });
  });

  describe('files that must be refused', () => {
    it('refuses a file with no </STMTTRN> closing tag', () => {
      const text = SGML.replace("#112</STMTTRN>", '#112');
      expect(refusalOf(parseOfx(text))).toEqual({ location: '<STMTTRN> 1', problem: 'the transaction has no closing tag </STMTTRN>' });
    });

    it('refuses a last transaction whose closing tag is missing before </BANKTRANLIST>', () => {
      const text = SGML.replace('</BANKACCTTO></STMTTRN>', '</BANKACCTTO>');
      expect(refusalOf(parseOfx(text))).toEqual({ location: '<STMTTRN> 3', problem: 'the transaction has no closing tag </STMTTRN>' });
    });

    it.each([
      [SGML.indexOf('<TRNAMT>-316.67'), '<STMTTRN> 2', 'the file ends inside this transaction; it looks cut off'],
      [SGML.indexOf('<LEDGERBAL>'), '<STMTRS> 1', 'the file ends inside this statement; it looks cut off'],
      [SGML.indexOf('</BANKMSGSRSV1>'), '<OFX>', 'the file ends before </OFX>; it looks cut off'],
      [SGML.indexOf('<LEDGERBAL>') + 4, '<STMTRS> 1', 'the file ends in the middle of a tag; it looks cut off'],
    ])('refuses a file cut off at character %d', (at, location, problem) => {
      expect(refusalOf(parseOfx(SGML.slice(0, at)))).toEqual({ location, problem });
    });

    it.each([
      ['Date,Amount,Description\n2024-01-05,12.00,Coffee\n', 'line 1', 'not an OFX file: it should start with an OFXHEADER line or <OFX>'],
      ['\n\nhello', 'line 3', 'not an OFX file: it should start with an OFXHEADER line or <OFX>'],
      ['<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">', 'line 2', 'not an OFX file: it starts with <DOCUMENT> where <OFX> should be'],
      ['', 'line 1', 'the file is empty'],
      ['OFXHEADER:100\nDATA:OFXSGML\n', 'line 3', 'not an OFX file: no <OFX> element'],
    ])('refuses a file that is not OFX at all (%#)', (text, location, problem) => {
      expect(refusalOf(parseOfx(text))).toEqual({ location, problem });
    });

    it('refuses a transaction outside any statement', () => {
      expect(refusalOf(parseOfx('<OFX><STMTTRN><DTPOSTED>20240101<TRNAMT>1</STMTTRN></OFX>'))).toEqual({
        location: '<STMTTRN> 1',
        problem: 'a transaction outside any statement (<STMTRS> or <CCSTMTRS>)',
      });
    });

    it('reads the cash lines of an investment statement but refuses its trades', () => {
      const cash = '<INVBANKTRAN><STMTTRN><DTPOSTED>20120720<TRNAMT>-1500.0000<FITID>X1</STMTTRN><SUBACCTFUND>CASH</INVBANKTRAN>';
      const wrap = (list: string) => `<OFX><INVSTMTMSGSRSV1><INVSTMTTRNRS><INVSTMTRS><CURDEF>USD<INVACCTFROM><BROKERID>b<ACCTID>X0000001</INVACCTFROM><INVTRANLIST><DTSTART>20120710<DTEND>20120908${list}</INVTRANLIST></INVSTMTRS></INVSTMTTRNRS></INVSTMTMSGSRSV1></OFX>`;
      const [statement] = statementsOf(parseOfx(wrap(cash)));
      expect([statement?.accountId, statement?.transactions[0]?.amountMinor, statement?.startDate]).toEqual(['X0000001', -150000, '2012-07-10']);
      expect(refusalOf(parseOfx(wrap(`${cash}<BUYSTOCK><INVBUY><TOTAL>-100</INVBUY></BUYSTOCK>`)))).toEqual({
        location: '<INVSTMTRS> 1 / <BUYSTOCK>',
        problem: 'investment trades are not bank statement lines; import the cash account statement instead',
      });
    });
  });

  it('reports QFX files, with their Intuit elements, as format qfx', () => {
    const outcome = parseQfx(SGML);
    expect(outcome.ok && outcome.value.format).toBe('qfx');
    expect(statementsOf(outcome)).toEqual([SGML_STATEMENT]);
  });
});

describe('OFX writer', () => {
  it('writes OFX 1.02 SGML with a header block and OFX 2.2 XML with its declarations', () => {
    const file = { statements: [SGML_STATEMENT] };
    expect(writeOfx(file).startsWith('OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n')).toBe(true);
    expect(writeOfx(file, { dialect: 'xml' })).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="no"\?>\n<\?OFX OFXHEADER="200" VERSION="220"/);
    expect(writeQfx(file)).toContain('<INTU.BID>00000\n');
    expect(writeOfx(file, { accountKind: 'creditCard' })).toContain('<CCSTMTRS>');
  });

  it('keeps NAME within the 32 characters OFX allows and puts a longer description in MEMO', () => {
    const long = 'PREAUTHORIZED DEBIT B.C. HYDRO & POWER AUTHORITY';
    const text = writeOfx({ statements: [{ ...SGML_STATEMENT, transactions: [{ date: '2024-01-01', amountMinor: 1, description: long, reference: null, bankId: null }] }] });
    expect(text).toContain('<NAME>PREAUTHORIZED DEBIT B.C. HYDRO &amp;\n');
    expect(text).toContain(`<MEMO>${long.replace('&', '&amp;')}\n`);
  });

  /**
   * What OFX cannot carry, normalised before comparing: no opening balance; CURDEF is required,
   * so a statement always has a currency (generated non-null here); text is whitespace-collapsed
   * and trimmed; a zero-only reference is a placeholder (null) and zero-only descriptions are not
   * generated; the period falls back to the transaction dates. Text that looks like an entity
   * (`&lt;`) is not generated: double-escaped entities from banks are decoded on import.
   */
  const TEXT = [...'abcXYZ019 &<>"\';/#-éü中💶', '\t', '\n'];
  const text = (maxLength: number) =>
    fc
      .array(fc.constantFrom(...TEXT), { maxLength })
      .map((chars) => chars.join(''))
      .filter((s) => !/&(#\d|#x|amp;|lt;|gt;|quot;|apos;|nbsp;)/i.test(s) && !/^0+$/.test(s.trim()));
  const word = (minLength: number, maxLength: number) =>
    fc.array(fc.constantFrom(...'ABCxyz0123456789-/&'), { minLength, maxLength }).map((chars) => chars.join(''));
  const date = fc.integer({ min: toDayNumber('1990-01-01'), max: toDayNumber('2060-12-31') }).map(fromDayNumber);
  const transaction = fc.record({
    date,
    amountMinor: fc.oneof(fc.constant(0), fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }), fc.maxSafeInteger(), fc.constant(Number.MIN_SAFE_INTEGER)),
    description: text(60),
    reference: fc.option(word(1, 12)),
    bankId: fc.option(word(1, 30)),
  });
  const statement = fc
    .record({
      accountId: fc.option(word(1, 20)),
      currency: fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'CAD'),
      openingBalanceMinor: fc.option(fc.integer()),
      closingBalanceMinor: fc.option(fc.integer({ min: -1e12, max: 1e12 })),
      period: fc.option(fc.tuple(date, date).map(([a, b]) => (a <= b ? [a, b] : [b, a]))),
      transactions: fc.array(transaction, { maxLength: 6 }),
    })
    .map(({ period, ...rest }): Statement => ({ ...rest, startDate: period?.[0] ?? null, endDate: period?.[1] ?? null }));

  const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
  function normalise(s: Statement): Statement {
    const dates = s.transactions.map((t) => t.date).sort();
    return {
      ...s,
      accountId: s.accountId === null || s.accountId.trim() === '' ? null : s.accountId.trim(),
      openingBalanceMinor: null,
      startDate: s.startDate ?? dates[0] ?? null,
      endDate: s.endDate ?? dates.at(-1) ?? null,
      transactions: s.transactions.map((t) => ({
        ...t,
        description: collapse(t.description),
        reference: t.reference === null || /^0+$/.test(t.reference) ? null : t.reference,
      })),
    };
  }

  it('reads back exactly what it wrote, in both dialects and for both account kinds', () => {
    fc.assert(
      fc.property(
        fc.array(statement, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('sgml' as const, 'xml' as const),
        fc.constantFrom('bank' as const, 'creditCard' as const),
        (statements, dialect, accountKind) => {
          const written = writeOfx({ statements }, { dialect, accountKind });
          expect(statementsOf(parseOfx(written))).toEqual(statements.map(normalise));
        },
      ),
      { numRuns: 300 },
    );
  });
});
