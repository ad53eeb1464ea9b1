/**
 * Demo bank and ledger data: a deterministic month-by-month simulation of one small business's
 * operating account, written as the files a client would really send — the bank's statement (OFX,
 * CAMT.053 or MT940) and the general-ledger detail of the cash account (QuickBooks Online, Xero or
 * NetSuite CSV). Because both files come from one simulation, the reconciliation proves: checks
 * clear days or weeks later (some into the next month), deposits are batches of receipts, card
 * settlements lag a day, and the bank charges fees and pays interest the books learn of later.
 */
import { addDays, daysBetween } from '../../domain/dates';
import { formatMinor } from '../../domain/money';
import type { Statement, StatementTransaction } from '../../domain/reconciliation/statement';
import { writeCamt } from '../../domain/reconciliation/importers/camt.writer';
import { writeMt940 } from '../../domain/reconciliation/importers/mt940.writer';
import { writeOfx } from '../../domain/reconciliation/importers/ofx.writer';

export type DemoBankFormat = 'ofx' | 'camt' | 'mt940';
export type DemoLedgerFormat = 'quickbooks-online' | 'xero' | 'netsuite';

export interface DemoBankProfile {
  client: string;
  accountName: string;
  institution: string;
  identifier: string;
  glAccount: string;
  bankFormat: DemoBankFormat;
  ledgerFormat: DemoLedgerFormat;
  seed: number;
  openingBalanceMinor: number;
  customers: string[];
  vendors: Array<{ name: string; bankText: string; minMinor: number; maxMinor: number; byCheck: boolean }>;
  processor: { name: string; bankText: string } | null;
}

export interface DemoMonthFiles {
  periodStart: string;
  periodEnd: string;
  bank: { fileName: string; text: string; statement: Statement };
  ledger: { fileName: string; text: string; lines: LedgerEntry[]; closingBalanceMinor: number };
}

interface LedgerEntry {
  date: string;
  amountMinor: number;
  type: string;
  number: string | null;
  name: string;
  memo: string;
  id: string;
}

export const DEMO_BANK_PROFILES: DemoBankProfile[] = [
  {
    client: 'Copperline Bakery Co.',
    accountName: 'Operating checking',
    institution: 'First Harbor Bank',
    identifier: '000114402210',
    glAccount: '1010 Operating Checking',
    bankFormat: 'ofx',
    ledgerFormat: 'quickbooks-online',
    seed: 11,
    openingBalanceMinor: 4_182_655,
    customers: ['Maple Street Cafe', 'Northgate Grocers', 'Riverside Catering', 'Hollis Hotel Group', 'Bayview School District'],
    vendors: [
      { name: 'Harbor Flour Mill', bankText: 'CHECK', minMinor: 180_000, maxMinor: 420_000, byCheck: true },
      { name: 'Dairyland Supply Co', bankText: 'CHECK', minMinor: 60_000, maxMinor: 210_000, byCheck: true },
      { name: 'Gusto Payroll', bankText: 'GUSTO PAYROLL NET PAY', minMinor: 1_150_000, maxMinor: 1_420_000, byCheck: false },
      { name: 'Seaboard Power & Light', bankText: 'SEABOARD P&L AUTOPAY', minMinor: 48_000, maxMinor: 91_000, byCheck: false },
      { name: 'Wharf Street Properties', bankText: 'ACH DEBIT WHARF ST PROPERTIES RENT', minMinor: 650_000, maxMinor: 650_000, byCheck: false },
    ],
    processor: { name: 'Square', bankText: 'SQUARE INC DEPOSIT' },
  },
  {
    client: 'Meridian Dental Partners',
    accountName: 'Practice operating',
    institution: 'Commonwealth Savings',
    identifier: 'US64CWSB00004471182205',
    glAccount: '1000 Operating Account',
    bankFormat: 'camt',
    ledgerFormat: 'xero',
    seed: 23,
    openingBalanceMinor: 8_861_040,
    customers: ['Delta Dental', 'Blue Harbor Health Plan', 'Cigna Dental', 'Patient payments'],
    vendors: [
      { name: 'Henry Schein', bankText: 'HENRY SCHEIN INC ACH', minMinor: 220_000, maxMinor: 580_000, byCheck: false },
      { name: 'Coastal Dental Lab', bankText: 'CHECK', minMinor: 90_000, maxMinor: 310_000, byCheck: true },
      { name: 'ADP Payroll', bankText: 'ADP WAGE PAY', minMinor: 2_450_000, maxMinor: 2_780_000, byCheck: false },
      { name: 'Meridian Plaza LLC', bankText: 'MERIDIAN PLAZA RENT', minMinor: 1_200_000, maxMinor: 1_200_000, byCheck: false },
    ],
    processor: { name: 'Stripe', bankText: 'STRIPE TRANSFER ST-' },
  },
  {
    client: 'Tidewater Marine Supply',
    accountName: 'Main operating',
    institution: 'Tidewater National Bank',
    identifier: 'TNBKUS33/88102237',
    glAccount: '10100 Cash - Operating',
    bankFormat: 'mt940',
    ledgerFormat: 'netsuite',
    seed: 37,
    openingBalanceMinor: 12_940_512,
    customers: ['Port Jefferson Marina', 'Bluewater Charters', 'Sound Yacht Club', 'Harbormaster Services', 'Cape Rigging Co'],
    vendors: [
      { name: 'Atlantic Rope & Line', bankText: 'CHECK', minMinor: 240_000, maxMinor: 880_000, byCheck: true },
      { name: 'Mercury Marine Parts', bankText: 'MERCURY MARINE EFT', minMinor: 510_000, maxMinor: 1_640_000, byCheck: false },
      { name: 'Paychex', bankText: 'PAYCHEX INC PAYROLL', minMinor: 1_880_000, maxMinor: 2_210_000, byCheck: false },
      { name: 'Shoreline Fuel Co', bankText: 'CHECK', minMinor: 70_000, maxMinor: 190_000, byCheck: true },
    ],
    processor: null,
  },
];

/**
 * Files for consecutive months (`months` are [start, end] pairs, oldest first). Items still open
 * at the end of a month appear in later months' bank files, so carry-forward is real.
 */
export function buildDemoBankMonths(profile: DemoBankProfile, months: Array<{ start: string; end: string }>): DemoMonthFiles[] {
  const random = mulberry32(profile.seed);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const bankEvents: Array<StatementTransaction> = [];
  const ledgerEvents: LedgerEntry[] = [];
  let checkNumber = 1040 + profile.seed;
  let entryNumber = 100 * profile.seed;
  const nextId = () => `${profile.ledgerFormat === 'netsuite' ? '' : 'JE'}${++entryNumber}`;

  for (const [m, month] of months.entries()) {
    const days = daysBetween(month.start, month.end) + 1;
    // Customer receipts, deposited in batches of two or three the next business day.
    for (let batch = 0; batch < 4; batch++) {
      const day = addDays(month.start, Math.min(days - 2, 2 + batch * 7 + between(0, 2)));
      const count = between(2, 3);
      let total = 0;
      for (let i = 0; i < count; i++) {
        const amount = between(35_000, 480_000);
        total += amount;
        const customer = pick(profile.customers);
        ledgerEvents.push({ date: day, amountMinor: amount, type: 'Payment', number: `${between(2000, 9999)}`, name: customer, memo: `Payment received - invoice ${between(1100, 1999)}`, id: nextId() });
      }
      bankEvents.push({ date: addDays(day, 1), amountMinor: total, description: `DEPOSIT BRANCH ${between(10, 48)}`, reference: null, bankId: `D${month.start.replace(/-/g, '')}${batch}` });
    }
    // Card-processor settlements: the books record them the day before they land.
    if (profile.processor) {
      for (let i = 0; i < 6; i++) {
        const day = addDays(month.start, 1 + i * 4 + between(0, 2));
        const amount = between(80_000, 260_000);
        ledgerEvents.push({ date: day, amountMinor: amount, type: 'Deposit', number: null, name: profile.processor.name, memo: `${profile.processor.name} settlement`, id: nextId() });
        bankEvents.push({ date: addDays(day, 1), amountMinor: amount, description: `${profile.processor.bankText}${between(100000, 999999)}`, reference: null, bankId: `P${month.start.replace(/-/g, '')}${i}` });
      }
    }
    // Vendor payments: checks clear 3–12 days later; electronic payments the same day or next.
    for (const [v, vendor] of profile.vendors.entries()) {
      const times = vendor.byCheck ? 2 : 1;
      for (let t = 0; t < times; t++) {
        const day = addDays(month.start, Math.min(days - 1, 4 + v * 3 + t * 12 + between(0, 2)));
        const amount = -between(vendor.minMinor, vendor.maxMinor);
        if (vendor.byCheck) {
          const number = String(++checkNumber);
          ledgerEvents.push({ date: day, amountMinor: amount, type: 'Check', number, name: vendor.name, memo: `${vendor.name} - inv ${between(40000, 99999)}`, id: nextId() });
          bankEvents.push({ date: addDays(day, between(3, 12)), amountMinor: amount, description: `CHECK ${number}`, reference: number, bankId: `C${number}` });
        } else {
          ledgerEvents.push({ date: day, amountMinor: amount, type: 'Expense', number: null, name: vendor.name, memo: `${vendor.name} ${month.start.slice(0, 7)}`, id: nextId() });
          bankEvents.push({ date: addDays(day, between(0, 1)), amountMinor: amount, description: `${vendor.bankText} ${between(10000, 99999)}`, reference: null, bankId: `A${month.start.replace(/-/g, '')}${v}${t}` });
        }
      }
    }
    // Month end: a receipt recorded on the last day is deposited next month (deposit in transit),
    // and the last check of the month is still outstanding when the statement is cut.
    const lastDay = month.end;
    const lateReceipt = between(120_000, 360_000);
    const lateCustomer = pick(profile.customers);
    ledgerEvents.push({ date: lastDay, amountMinor: lateReceipt, type: 'Payment', number: `${between(2000, 9999)}`, name: lateCustomer, memo: `Payment received - invoice ${between(1100, 1999)}`, id: nextId() });
    bankEvents.push({ date: addDays(lastDay, 2), amountMinor: lateReceipt, description: `DEPOSIT BRANCH ${between(10, 48)}`, reference: null, bankId: `D${lastDay.replace(/-/g, '')}L` });
    const lateCheck = String(++checkNumber);
    const lateAmount = -between(45_000, 160_000);
    const lateVendor = profile.vendors.find((v) => v.byCheck) ?? profile.vendors[0];
    ledgerEvents.push({ date: addDays(lastDay, -1), amountMinor: lateAmount, type: 'Check', number: lateCheck, name: lateVendor?.name ?? 'Vendor', memo: `${lateVendor?.name ?? 'Vendor'} - inv ${between(40000, 99999)}`, id: nextId() });
    bankEvents.push({ date: addDays(lastDay, between(6, 14)), amountMinor: lateAmount, description: `CHECK ${lateCheck}`, reference: lateCheck, bankId: `C${lateCheck}` });
    // Bank-only items: the monthly service charge and interest, which the books record only
    // after the reconciliation proposes them — dated at the statement date of that month.
    const fee = -between(1_500, 4_500);
    const interest = between(90, 1_900);
    bankEvents.push({ date: lastDay, amountMinor: fee, description: 'MONTHLY SERVICE CHARGE', reference: null, bankId: `F${lastDay.replace(/-/g, '')}` });
    bankEvents.push({ date: lastDay, amountMinor: interest, description: 'INTEREST PAYMENT', reference: null, bankId: `I${lastDay.replace(/-/g, '')}` });
    if (m > 0) {
      // Last month's adjusting entries, posted at the start of this month.
      const previous = months[m - 1];
      if (previous) {
        const prior = bankEvents.filter((e) => e.date === previous.end && (e.description === 'MONTHLY SERVICE CHARGE' || e.description === 'INTEREST PAYMENT'));
        for (const item of prior) {
          ledgerEvents.push({ date: previous.end, amountMinor: item.amountMinor, type: 'Journal Entry', number: null, name: profile.institution, memo: item.amountMinor < 0 ? 'Bank service charge per statement' : 'Interest earned per statement', id: nextId() });
        }
      }
    }
  }

  const result: DemoMonthFiles[] = [];
  let bankBalance = profile.openingBalanceMinor;
  let bookBalance = profile.openingBalanceMinor;
  const bankSorted = [...bankEvents].sort((a, b) => a.date.localeCompare(b.date) || (a.bankId ?? '').localeCompare(b.bankId ?? ''));
  const ledgerSorted = [...ledgerEvents].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  for (const month of months) {
    // Adjusting entries dated at the previous month's end belong to that month's books but are
    // recorded later: they enter the running book balance here, before this month's lines.
    const transactions = bankSorted.filter((e) => e.date >= month.start && e.date <= month.end);
    const opening = bankBalance;
    bankBalance += transactions.reduce((sum, t) => sum + t.amountMinor, 0);
    const statement: Statement = { accountId: profile.identifier, currency: 'USD', openingBalanceMinor: opening, closingBalanceMinor: bankBalance, startDate: month.start, endDate: month.end, transactions };
    const lateAdjustments = ledgerSorted.filter((e) => e.type === 'Journal Entry' && e.date < month.start && !e.memo.endsWith('(posted)'));
    for (const adjustment of lateAdjustments) {
      bookBalance += adjustment.amountMinor;
      adjustment.memo += ' (posted)';
    }
    const lines = ledgerSorted.filter((e) => e.date >= month.start && e.date <= month.end && e.type !== 'Journal Entry');
    const bookOpening = bookBalance;
    bookBalance += lines.reduce((sum, l) => sum + l.amountMinor, 0);
    const stamp = month.end.slice(0, 7);
    result.push({
      periodStart: month.start,
      periodEnd: month.end,
      bank: { fileName: bankFileName(profile, stamp), text: writeBankFile(profile, statement), statement },
      ledger: { fileName: `${slug(profile.client)}-general-ledger-${stamp}.csv`, text: writeLedgerFile(profile, month, lines, bookOpening), lines, closingBalanceMinor: bookBalance },
    });
  }
  return result;
}

function bankFileName(profile: DemoBankProfile, stamp: string): string {
  const extension = profile.bankFormat === 'ofx' ? 'ofx' : profile.bankFormat === 'camt' ? 'xml' : 'sta';
  return `${slug(profile.institution)}-${stamp}.${extension}`;
}

function writeBankFile(profile: DemoBankProfile, statement: Statement): string {
  switch (profile.bankFormat) {
    case 'ofx':
      return writeOfx({ statements: [statement] });
    case 'camt':
      return writeCamt({ statements: [statement] });
    case 'mt940':
      return writeMt940({ statements: [statement] });
  }
}

/** The general ledger of the cash account as the client's accounting system exports it. */
function writeLedgerFile(profile: DemoBankProfile, month: { start: string; end: string }, lines: LedgerEntry[], openingMinor: number): string {
  const csv = (cells: Array<string | number | null>) => cells.map((c) => quote(c === null ? '' : String(c))).join(',');
  const money = (minor: number) => formatMinor(minor, 2);
  const us = (date: string) => `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}`;
  const rows: string[] = [];
  let balance = openingMinor;
  switch (profile.ledgerFormat) {
    case 'quickbooks-online': {
      rows.push(csv([profile.client]), csv(['General Ledger']), csv([`${us(month.start)} - ${us(month.end)}`]), '');
      rows.push(csv(['', 'Date', 'Transaction Type', 'Num', 'Name', 'Memo/Description', 'Split', 'Amount', 'Balance']));
      rows.push(csv([profile.glAccount, '', '', '', '', '', '', '', '']));
      rows.push(csv(['Beginning Balance', '', '', '', '', '', '', '', money(openingMinor)]));
      for (const line of lines) {
        balance += line.amountMinor;
        rows.push(csv(['', us(line.date), line.type, line.number, line.name, line.memo, line.amountMinor > 0 ? 'Accounts Receivable (A/R)' : 'Accounts Payable (A/P)', money(line.amountMinor), money(balance)]));
      }
      rows.push(csv([`Total for ${profile.glAccount}`, '', '', '', '', '', '', money(balance - openingMinor), '']));
      break;
    }
    case 'xero': {
      rows.push(csv(['Account Transactions']), csv([profile.client]), csv([`From ${month.start} to ${month.end}`]), '');
      rows.push(csv(['Date', 'Source', 'Contact', 'Description', 'Reference', 'Debit', 'Credit', 'Running Balance', 'Gross', 'GST']));
      rows.push(csv(['', 'Opening Balance', '', '', '', '', '', money(openingMinor), '', '']));
      for (const line of lines) {
        balance += line.amountMinor;
        const source = line.amountMinor > 0 ? 'Receivable Payment' : 'Spend Money';
        rows.push(csv([line.date, source, line.name, line.memo, line.number, line.amountMinor > 0 ? money(line.amountMinor) : '', line.amountMinor < 0 ? money(-line.amountMinor) : '', money(balance), money(line.amountMinor), '0.00']));
      }
      rows.push(csv(['', `Total ${profile.glAccount}`, '', '', '', '', '', money(balance), '', '']));
      break;
    }
    case 'netsuite': {
      rows.push(csv([profile.client]), csv(['Transaction Detail']), csv([`${us(month.start)} - ${us(month.end)}`]), '');
      rows.push(csv(['Internal ID', 'Date', 'Type', 'Document Number', 'Name', 'Memo', 'Account', 'Amount', 'Balance']));
      for (const line of lines) {
        balance += line.amountMinor;
        rows.push(csv([line.id, us(line.date), line.type === 'Check' ? 'Check' : line.amountMinor > 0 ? 'Customer Payment' : 'Bill Payment', line.number, line.name, line.memo, profile.glAccount, money(line.amountMinor), money(balance)]));
      }
      break;
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A small deterministic generator, so every demo firm gets the same files. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
