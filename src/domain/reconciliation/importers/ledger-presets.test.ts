import { describe, expect, it } from 'vitest';
import type { ParseOutcome, Statement } from '../statement';
import { detectLedgerPreset, LEDGER_PRESETS, parseLedgerCsv } from './ledger-presets';

// Sample exports written for these tests: invented companies and amounts, laid out as each
// system lays out the report (titles above the header, section and balance rows, totals).

const QUICKBOOKS_GENERAL_LEDGER = `Harbor Vale Books LLC
General Ledger
"January 1 - January 31, 2024"

,Date,Transaction Type,Num,Name,Memo/Description,Split,Amount,Balance
Checking,,,,,,,,
,Beginning Balance,,,,,,,"10,000.00"
,01/02/2024,Deposit,,Acme Corp,Invoice 1001 payment,Undeposited Funds,"1,250.00","11,250.00"
,01/05/2024,Check,1042,Office Supply Co,Printer paper,Office Expenses,-89.99,"11,160.01"
,01/15/2024,Expense,,City Power,January electricity,Utilities,-312.40,"10,847.61"
,01/31/2024,Bill Payment (Check),1043,"Lawson, Pike & Co",Audit fee,Accounts Payable (A/P),"-1,500.00","9,347.61"
Total for Checking,,,,,,,"$-652.39",
,,,,,,,,
TOTAL,,,,,,,"$-652.39",
,,,,,,,,
"Accrual Basis Monday, February 5, 2024 09:14 AM GMT-08:00",,,,,,,,
`;

const XERO_ACCOUNT_TRANSACTIONS = `Account Transactions
Harbor Vale Books Ltd
For the period 1 March 2024 to 31 March 2024

Date,Source,Contact,Description,Reference,Debit,Credit,Running Balance,Gross,GST
Business Cheque Account
Opening Balance,,,,,,,"5,000.00",,
04 Mar 2024,Receivable Payment,Tui Gardens,Payment: INV-0042,INV-0042,"1,150.00",,"6,150.00","1,150.00",0.00
07 Mar 2024,Spend Money,Fuel Stop,Fleet fuel,CARD 5521,,86.25,"6,063.75",86.25,11.25
15 Mar 2024,Payable Payment,Kauri Legal,Payment: BILL-88,BILL-88,,"1,200.00","4,863.75","1,200.00",0.00
28 Mar 2024,Bank Transfer,,Transfer from savings,,"2,000.00",,"6,863.75","2,000.00",0.00
Total Business Cheque Account,,,,,"3,150.00","1,286.25",,,
Closing Balance,,,,,,,"6,863.75",,
`;

const SAGE_INTACCT_GL_DETAIL = `Harbor Vale Books Inc.
General Ledger Detail
Period: 02/01/2024 - 02/29/2024
Account: 1010 - Operating Cash

Posting date,Doc,Description,JE no.,Debit,Credit,Balance
,,Beginning balance,,,,"48,210.55"
02/01/2024,DEP-0201,Customer receipts batch,GJ-1188,"12,400.00",,"60,610.55"
02/06/2024,CHK-7781,Rent February,AP-2231,,"6,500.00","54,110.55"
02/14/2024,ACH-0214,Payroll funding,PR-0456,,"18,322.17","35,788.38"
02/27/2024,WIRE-88,Customer wire Northwind,CR-0997,"9,875.40",,"45,663.78"
,,Ending balance,,,,"45,663.78"
Total,,,,"22,275.40","24,822.17",
`;

const NETSUITE_TRANSACTION_DETAIL = `Harbor Vale Books Inc.
Transaction Detail
"Jan 2024 - Mar 2024"

Internal ID,Date,Type,Document Number,Name,Memo,Account,Clr,Amount,Balance
4410,1/3/2024,Deposit,DEP00112,Coastal Foods,Deposit - January receipts,1000 Operating Account,,"3,400.00","3,400.00"
4419,1/9/2024,Check,10211,Harbor Property Mgmt,January rent,1000 Operating Account,,"-2,750.00",650.00
4433,1/22/2024,Bill Payment,BP-3301,Gulf Freight LLC,Freight invoice 8812,1000 Operating Account,,-418.75,231.25
4440,2/1/2024,Journal,JE-0077,,Bank service charge,1000 Operating Account,,-25.00,206.25
Total - 1000 Operating Account,,,,,,,,206.25,
`;

function statementsOf(outcome: ParseOutcome): Statement[] {
  if (!outcome.ok) {
    throw new Error(`${outcome.error.location}: ${outcome.error.problem}`);
  }
  return outcome.value.statements;
}

describe('LEDGER_PRESETS', () => {
  it('offers the four accounting systems', () => {
    expect(LEDGER_PRESETS.map((preset) => preset.id)).toEqual(['quickbooks-online', 'xero', 'sage-intacct', 'netsuite']);
  });

  it('recognises each system only from its own report header', () => {
    const headers: Record<string, string[]> = {
      'quickbooks-online': ['', 'Date', 'Transaction Type', 'Num', 'Name', 'Memo/Description', 'Split', 'Amount', 'Balance'],
      xero: ['Date', 'Source', 'Contact', 'Description', 'Reference', 'Debit', 'Credit', 'Running Balance', 'Gross', 'GST'],
      'sage-intacct': ['Posting date', 'Doc', 'Description', 'JE no.', 'Debit', 'Credit', 'Balance'],
      netsuite: ['Internal ID', 'Date', 'Type', 'Document Number', 'Name', 'Memo', 'Account', 'Clr', 'Amount', 'Balance'],
    };
    for (const preset of LEDGER_PRESETS) {
      for (const [id, header] of Object.entries(headers)) {
        expect(preset.recognises(header), `${preset.id} on ${id}`).toBe(preset.id === id);
      }
    }
  });
});

describe('parseLedgerCsv', () => {
  it('reads a QuickBooks Online general ledger: beginning balance, check numbers, totals skipped', () => {
    expect(detectLedgerPreset(QUICKBOOKS_GENERAL_LEDGER)).toMatchObject({ preset: 'quickbooks-online', confidence: 'high' });
    const [statement] = statementsOf(parseLedgerCsv(QUICKBOOKS_GENERAL_LEDGER));
    expect(statement).toEqual({
      accountId: null,
      currency: null,
      openingBalanceMinor: 1000000,
      closingBalanceMinor: 934761,
      startDate: '2024-01-02',
      endDate: '2024-01-31',
      transactions: [
        { date: '2024-01-02', amountMinor: 125000, description: 'Acme Corp / Invoice 1001 payment', reference: null, bankId: null },
        { date: '2024-01-05', amountMinor: -8999, description: 'Office Supply Co / Printer paper', reference: '1042', bankId: null },
        { date: '2024-01-15', amountMinor: -31240, description: 'City Power / January electricity', reference: null, bankId: null },
        { date: '2024-01-31', amountMinor: -150000, description: 'Lawson, Pike & Co / Audit fee', reference: '1043', bankId: null },
      ],
    });
  });

  it('reads a Xero account transactions report with debits as money into the bank', () => {
    expect(detectLedgerPreset(XERO_ACCOUNT_TRANSACTIONS)?.preset).toBe('xero');
    const [statement] = statementsOf(parseLedgerCsv(XERO_ACCOUNT_TRANSACTIONS));
    expect(statement).toMatchObject({ openingBalanceMinor: 500000, closingBalanceMinor: 686375, startDate: '2024-03-04', endDate: '2024-03-28' });
    expect(statement?.transactions.map((transaction) => [transaction.amountMinor, transaction.reference, transaction.description])).toEqual([
      [115000, 'INV-0042', 'Tui Gardens / Payment: INV-0042'],
      [-8625, 'CARD 5521', 'Fuel Stop / Fleet fuel'],
      [-120000, 'BILL-88', 'Kauri Legal / Payment: BILL-88'],
      [200000, null, 'Transfer from savings'],
    ]);
  });

  it('reads a Sage Intacct GL detail with journal numbers as the system id', () => {
    expect(detectLedgerPreset(SAGE_INTACCT_GL_DETAIL)?.preset).toBe('sage-intacct');
    const [statement] = statementsOf(parseLedgerCsv(SAGE_INTACCT_GL_DETAIL));
    expect(statement).toMatchObject({ openingBalanceMinor: 4821055, closingBalanceMinor: 4566378 });
    expect(statement?.transactions.map((transaction) => [transaction.date, transaction.amountMinor, transaction.reference, transaction.bankId])).toEqual([
      ['2024-02-01', 1240000, 'DEP-0201', 'GJ-1188'],
      ['2024-02-06', -650000, 'CHK-7781', 'AP-2231'],
      ['2024-02-14', -1832217, 'ACH-0214', 'PR-0456'],
      ['2024-02-27', 987540, 'WIRE-88', 'CR-0997'],
    ]);
  });

  it('reads a NetSuite transaction detail with internal ids, document numbers and the account', () => {
    expect(detectLedgerPreset(NETSUITE_TRANSACTION_DETAIL)?.preset).toBe('netsuite');
    const [statement] = statementsOf(parseLedgerCsv(NETSUITE_TRANSACTION_DETAIL));
    expect(statement).toMatchObject({ accountId: '1000 Operating Account', openingBalanceMinor: 0, closingBalanceMinor: 20625, startDate: '2024-01-03', endDate: '2024-02-01' });
    expect(statement?.transactions.map((transaction) => [transaction.date, transaction.amountMinor, transaction.reference, transaction.bankId])).toEqual([
      ['2024-01-03', 340000, 'DEP00112', '4410'],
      ['2024-01-09', -275000, '10211', '4419'],
      ['2024-01-22', -41875, 'BP-3301', '4433'],
      ['2024-02-01', -2500, 'JE-0077', '4440'],
    ]);
  });

  it('reads another system’s export by detection, turning Debit/Credit round for the ledger', () => {
    const text = ['Date,Journal,Reference,Description,Debit,Credit,Balance', '2024-04-02,Receipts,R-1,Customer payment,500.00,,500.00', '2024-04-03,Payments,P-7,Supplier payment,,120.00,380.00'].join('\n');
    expect(detectLedgerPreset(text)).toMatchObject({ preset: 'generic', confidence: 'low', mapping: { amount: { kind: 'debitCredit', debitColumn: 5, creditColumn: 4 } } });
    expect(statementsOf(parseLedgerCsv(text))[0]?.transactions.map((transaction) => transaction.amountMinor)).toEqual([50000, -12000]);
  });

  it('keeps withdrawals and deposits columns the bank way round', () => {
    const text = ['Date,Payee,Withdrawal,Deposit', '2024-04-02,Customer,,500.00', '2024-04-03,Supplier,120.00,'].join('\n');
    expect(statementsOf(parseLedgerCsv(text))[0]?.transactions.map((transaction) => transaction.amountMinor)).toEqual([50000, -12000]);
  });

  it('uses the preset it is told to, and refuses a file that is not that system’s export', () => {
    expect(statementsOf(parseLedgerCsv(XERO_ACCOUNT_TRANSACTIONS, { preset: 'xero' }))[0]?.transactions).toHaveLength(4);
    expect(parseLedgerCsv(XERO_ACCOUNT_TRANSACTIONS, { preset: 'netsuite' })).toEqual({ ok: false, error: { location: 'line 1', problem: 'the file is not a NetSuite export: its header row was not found' } });
  });

  it('uses a confirmed mapping as it is', () => {
    const layout = detectLedgerPreset(QUICKBOOKS_GENERAL_LEDGER);
    expect(layout).not.toBeNull();
    const outcome = parseLedgerCsv(QUICKBOOKS_GENERAL_LEDGER, { mapping: { ...layout!.mapping, descriptionColumns: [5] } });
    expect(statementsOf(outcome)[0]?.transactions[0]?.description).toBe('Invoice 1001 payment');
  });
});
