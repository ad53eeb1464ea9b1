/**
 * Named matching cases with the pairing a preparer expects, including the false positives the
 * matcher must avoid. Add every production mistake here as a new case (STYLE 11).
 *
 * `matches` lists every applied match (order does not matter); `suggested`, when given, lists
 * line groups that must be offered as suggestions. Indexes are positions in `bank` / `ledger`.
 */
import type { MatchLine, MatchOptions, MatchReason } from './types';

export interface GoldenCase {
  name: string;
  bank: MatchLine[];
  ledger: MatchLine[];
  options?: Partial<MatchOptions>;
  matches: Array<{ bank: number[]; ledger: number[]; reason: MatchReason }>;
  suggested?: Array<{ bank: number[]; ledger: number[] }>;
}

function line(date: string, amount: string, description: string, extra: Partial<MatchLine> = {}): MatchLine {
  // Amounts are written as text for readability and read exactly (no floats).
  const [whole = '0', cents = '00'] = amount.replace('-', '').split('.');
  const minor = Number(whole) * 100 + Number(cents.padEnd(2, '0'));
  return { date, amountMinor: amount.startsWith('-') ? -minor : minor, description, reference: null, bankId: null, ...extra };
}

const FEE_RULES: MatchOptions['rules'] = [
  { id: 'fees', name: 'Bank fees', descriptionContains: 'SERVICE CHARGE', kind: 'adjustment', direction: 'out', reasonCode: 'bank_fee', account: '6100' },
  { id: 'interest', name: 'Interest', descriptionContains: 'INTEREST', kind: 'adjustment', direction: 'in', reasonCode: 'interest', account: '4900' },
];

export const GOLDEN_CASES: GoldenCase[] = [
  {
    name: 'pairs a truncated, noisy card payment with its ledger entry',
    bank: [line('2024-03-05', '-123.45', 'POS DEBIT AMAZON MKTPL*2K4 SEATT')],
    ledger: [line('2024-03-04', '-123.45', 'Amazon Marketplace - office supplies')],
    matches: [{ bank: [0], ledger: [0], reason: 'amount+date' }],
  },
  {
    name: 'pairs a line imported from the bank feed by its bank transaction id',
    bank: [line('2024-03-05', '-60.00', 'ACH DEBIT CITY WATER', { bankId: 'FIT-88812' })],
    ledger: [line('2024-03-01', '-60.00', 'Water bill', { bankId: 'FIT-88812' })],
    matches: [{ bank: [0], ledger: [0], reason: 'bank-id' }],
  },
  {
    name: 'pairs a check that cleared three weeks later by its number',
    bank: [line('2024-03-25', '-1200.00', 'CHECK', { reference: '001042' })],
    ledger: [line('2024-03-03', '-1200.00', 'Rent - Harbor Properties', { reference: '1042' })],
    matches: [{ bank: [0], ledger: [0], reason: 'amount+reference' }],
  },
  {
    name: 'finds the check number in the bank description when the bank gives no reference',
    bank: [line('2024-03-20', '-845.10', 'CHECK 1043')],
    ledger: [line('2024-03-06', '-845.10', 'Cedar Plumbing', { reference: '1043' })],
    matches: [{ bank: [0], ledger: [0], reason: 'amount+reference' }],
  },
  {
    name: 'never pairs two checks of the same amount with different numbers',
    bank: [line('2024-03-10', '-500.00', 'CHECK', { reference: '1001' })],
    ledger: [line('2024-03-08', '-500.00', 'Check 1002 - Blue Summit', { reference: '1002' })],
    matches: [],
  },
  {
    name: 'treats a bank fee that looks like a payment as a fee, not as the payment',
    bank: [line('2024-03-12', '-25.00', 'SERVICE CHARGE')],
    ledger: [line('2024-03-11', '-25.00', 'Office Depot')],
    options: { rules: FEE_RULES },
    matches: [{ bank: [0], ledger: [], reason: 'rule' }],
  },
  {
    name: 'does not apply a round-amount pair whose descriptions share nothing',
    bank: [line('2024-03-05', '-500.00', 'TRANSFER TO SAVINGS 4471')],
    ledger: [line('2024-03-04', '-500.00', 'Payment - Harbor Supply')],
    matches: [],
    suggested: [{ bank: [0], ledger: [0] }],
  },
  {
    name: 'pairs two genuine same-day duplicates one to one',
    bank: [line('2024-03-03', '-25.00', 'COFFEE CORNER 03/03', { bankId: 'A1' }), line('2024-03-03', '-25.00', 'COFFEE CORNER 03/03', { bankId: 'A2' })],
    ledger: [line('2024-03-03', '-25.00', 'Coffee Corner'), line('2024-03-03', '-25.00', 'Coffee Corner')],
    matches: [
      { bank: [0], ledger: [0], reason: 'amount+date' },
      { bank: [1], ledger: [1], reason: 'amount+date' },
    ],
  },
  {
    name: 'leaves the third of three identical bank lines when the books hold two',
    bank: [line('2024-03-03', '-9.99', 'STREAMFLIX'), line('2024-03-03', '-9.99', 'STREAMFLIX'), line('2024-03-03', '-9.99', 'STREAMFLIX')],
    ledger: [line('2024-03-03', '-9.99', 'Streamflix'), line('2024-03-03', '-9.99', 'Streamflix')],
    matches: [
      { bank: [0], ledger: [0], reason: 'amount+date' },
      { bank: [1], ledger: [1], reason: 'amount+date' },
    ],
  },
  {
    name: 'offers, but does not apply, a payment with two equally good candidates',
    bank: [line('2024-03-04', '-49.99', 'STREAMFLIX SUBSCRIPTION')],
    ledger: [line('2024-03-02', '-49.99', 'Streamflix subscription'), line('2024-03-06', '-49.99', 'Streamflix subscription')],
    matches: [],
    suggested: [
      { bank: [0], ledger: [0] },
      { bank: [0], ledger: [1] },
    ],
  },
  {
    name: 'lets the description decide between two round-amount candidates',
    bank: [line('2024-03-05', '-100.00', 'HARBOR SUPPLY #12 SEATTLE')],
    ledger: [line('2024-03-04', '-100.00', 'Harbor Supply'), line('2024-03-04', '-100.00', 'Blue Summit Logistics')],
    matches: [{ bank: [0], ledger: [0], reason: 'amount+date' }],
  },
  {
    name: 'pairs crosswise when that is what the descriptions say, whatever the input order',
    bank: [line('2024-03-01', '-10.00', 'COFFEE CORNER'), line('2024-03-01', '-10.00', 'CITY PARKING')],
    ledger: [line('2024-03-01', '-10.00', 'City parking garage'), line('2024-03-01', '-10.00', 'Coffee Corner')],
    matches: [
      { bank: [0], ledger: [1], reason: 'amount+date' },
      { bank: [1], ledger: [0], reason: 'amount+date' },
    ],
  },
  {
    name: 'resolves a chain of look-alike payments from the end that is certain',
    bank: [line('2024-03-10', '-20.00', 'CITY PARKING'), line('2024-03-15', '-20.00', 'CITY PARKING')],
    ledger: [line('2024-03-09', '-20.00', 'City parking'), line('2024-03-14', '-20.00', 'City parking')],
    matches: [
      { bank: [0], ledger: [0], reason: 'amount+date' },
      { bank: [1], ledger: [1], reason: 'amount+date' },
    ],
  },
  {
    name: 'pairs a batch deposit with the receipts it adds up to',
    bank: [line('2024-03-08', '1234.56', 'BRANCH DEPOSIT 4471')],
    ledger: [line('2024-03-07', '400.10', 'Payment - Acme Co'), line('2024-03-07', '512.33', 'Payment - Pioneer LLC'), line('2024-03-07', '322.13', 'Payment - Delta Inc'), line('2024-03-07', '77.77', 'Payment - Nova Group')],
    matches: [{ bank: [0], ledger: [0, 1, 2], reason: 'one-to-many' }],
  },
  {
    name: 'only suggests a batch deposit that two combinations add up to',
    bank: [line('2024-03-08', '300.00', 'DEPOSIT')],
    ledger: [line('2024-03-08', '100.00', 'Payment - A'), line('2024-03-08', '200.00', 'Payment - B'), line('2024-03-08', '150.00', 'Payment - C'), line('2024-03-08', '150.01', 'Payment - D'), line('2024-03-08', '149.99', 'Payment - E')],
    matches: [],
    suggested: [
      { bank: [0], ledger: [0, 1] },
      { bank: [0], ledger: [3, 4] },
    ],
  },
  {
    name: 'pairs a payment the bank split in two with its single ledger entry',
    bank: [line('2024-03-11', '-600.20', 'EFTPS TAX PMT'), line('2024-03-12', '-400.17', 'STATE TAX DEPT PMT')],
    ledger: [line('2024-03-10', '-1000.37', 'Payroll taxes Q1')],
    matches: [{ bank: [0, 1], ledger: [0], reason: 'many-to-one' }],
  },
  {
    name: 'pairs the two legs of a transfer between two of the client’s accounts',
    bank: [line('2024-03-05', '-250.00', 'TRANSFER TO SAVINGS', { accountKey: 'checking' }), line('2024-03-06', '250.00', 'TRANSFER FROM CHECKING', { accountKey: 'savings' })],
    ledger: [],
    matches: [{ bank: [0, 1], ledger: [], reason: 'transfer' }],
  },
  {
    name: 'never pairs lines of two different accounts as one payment',
    bank: [line('2024-03-05', '-75.31', 'HARBOR SUPPLY', { accountKey: 'checking' })],
    ledger: [line('2024-03-05', '-75.31', 'Harbor Supply', { accountKey: 'savings' })],
    matches: [],
  },
  {
    name: 'lets a tolerance rule pair a wire received net of the bank’s fee',
    bank: [line('2024-03-07', '985.00', 'WIRE IN ACME CORP')],
    ledger: [line('2024-03-05', '1000.00', 'Receipt - Acme Corp invoice 881')],
    options: { rules: [{ id: 'wire', name: 'Incoming wire fees', descriptionContains: 'WIRE IN', kind: 'tolerance', reasonCode: 'bank_fee', account: '6100', amountToleranceMinor: 2500 }] },
    matches: [{ bank: [0], ledger: [0], reason: 'tolerance' }],
  },
  {
    name: 'proposes interest as an adjustment only for money in',
    bank: [line('2024-03-31', '4.12', 'INTEREST PAYMENT'), line('2024-03-31', '-3.00', 'INTEREST CHARGE REVERSAL')],
    ledger: [],
    options: { rules: FEE_RULES },
    matches: [{ bank: [0], ledger: [], reason: 'rule' }],
  },
  {
    name: 'pairs an amount with cents that nothing else has, even when the bank description says nothing',
    bank: [line('2024-03-09', '-37.42', 'POS 4417 XXXX1234')],
    ledger: [line('2024-03-08', '-37.42', 'Office supplies')],
    matches: [{ bank: [0], ledger: [0], reason: 'amount+date' }],
  },
  {
    name: 'stops at the edge of the date window',
    bank: [line('2024-03-10', '-61.17', 'CEDAR HARDWARE'), line('2024-03-10', '-88.04', 'GRANITE TOOLS')],
    ledger: [line('2024-03-05', '-61.17', 'Cedar Hardware'), line('2024-03-04', '-88.04', 'Granite Tools')],
    matches: [{ bank: [0], ledger: [0], reason: 'amount+date' }],
  },
];
