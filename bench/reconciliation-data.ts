import { fromDayNumber, toDayNumber } from '../src/domain/dates';
import type { MatchLine, MatchRule } from '../src/domain/reconciliation/matching/types';

/**
 * Realistic synthetic bank and ledger lines with known ground truth, for the matcher benchmark.
 *
 * One busy operating account: about a thousand bank lines a day (at least 28 days). What happens,
 * per business event:
 * - card purchases at a few thousand merchants (popular ones far more often), cleared 0–4 days
 *   after they were booked (4% booked late), 6% of them at popular amounts (5.00, 10.00, 49.99 …);
 *   the date a card line prints is the purchase date;
 * - about sixty subscriptions billed monthly at fixed prices (vendors and prices repeat, as seats do);
 * - customer receipts and vendor ACH payments, some with invoice references on both sides;
 * - checks with numbers: 70% clear in 2–10 days, 30% in 10–30 days, 3% never; the bank gives the
 *   number as a reference with leading zeros or only in the description ("CHECK 1042");
 * - batch deposits, once or twice a day (2–6 receipts booked together 0–2 days before the deposit),
 *   and split payments every few days (one ledger payment, 2–3 bank debits);
 * - bank-only lines: fees, NSF, overdraft, interest (firm rules cover them);
 * - ledger-only lines: outstanding checks, deposits in transit, stray entries;
 * - genuine duplicates: two equal purchases at one merchant on one day;
 * - 10% of ledger lines came from the bank feed and carry the bank's transaction id.
 * Bank descriptions are upper-cased, truncated to the bank's column width, abbreviated, and carry
 * noise (card numbers, dates, store numbers, cities, "POS DEBIT"); ledger descriptions are a
 * bookkeeper's wording of the same payee.
 *
 * `truth` lists every bank↔ledger link (one-to-one, batch, split); bank-only and ledger-only lines
 * are in no link. Memory: one small object per line, date strings shared per day.
 */
export interface ReconciliationData {
  bank: MatchLine[];
  ledger: MatchLine[];
  truth: Array<{ bank: number[]; ledger: number[] }>;
  /** The firm rules a preparer would have for this account's fees and interest. */
  rules: MatchRule[];
}

const FIRST_WORDS = [
  'Harbor', 'Blue', 'Summit', 'Cedar', 'Granite', 'Maple', 'Silver', 'Golden', 'North', 'Pacific', 'Lakeside', 'Redwood', 'Pioneer',
  'Metro', 'Union', 'Liberty', 'Evergreen', 'Coastal', 'Prairie', 'Highland', 'Riverside', 'Sunrise', 'Oak', 'Pine', 'Copper', 'Iron',
  'Eagle', 'Falcon', 'Atlas', 'Beacon', 'Crescent', 'Delta', 'Emerald', 'Frontier', 'Garden', 'Horizon', 'Island', 'Jade', 'Keystone',
  'Landmark', 'Meridian', 'Nova', 'Orchard', 'Parkway', 'Quarry', 'Ridge', 'Sterling', 'Timber', 'Urban', 'Valley', 'Willow', 'Zenith',
  'Anchor', 'Bristol', 'Canyon', 'Dover', 'Elm', 'Fairview', 'Glacier', 'Hudson',
];
const SECOND_WORDS = [
  'Supply', 'Logistics', 'Cafe', 'Hardware', 'Printing', 'Electric', 'Plumbing', 'Foods', 'Market', 'Office', 'Software', 'Consulting',
  'Freight', 'Rentals', 'Insurance', 'Telecom', 'Catering', 'Cleaning', 'Design', 'Motors', 'Fuel', 'Pharmacy', 'Books', 'Travel',
  'Hotel', 'Airlines', 'Parking', 'Couriers', 'Staffing', 'Security', 'Landscaping', 'Roofing', 'Dental', 'Medical', 'Legal', 'Media',
  'Graphics', 'Packaging', 'Textiles', 'Lumber', 'Bakery', 'Brewing', 'Coffee', 'Deli', 'Grill', 'Tools', 'Paint', 'Glass', 'Steel', 'Labs',
];
const CATEGORIES = ['office supplies', 'meals', 'fuel', 'software', 'repairs', 'shipping', 'travel', 'utilities', 'marketing', 'equipment'];
const CITIES = ['SEATTLE WA', 'PORTLAND OR', 'DENVER CO', 'AUSTIN TX', 'BOSTON MA', 'CHICAGO IL', 'OAKLAND CA', 'TAMPA FL'];
const CARD_PREFIXES = ['POS DEBIT ', 'DEBIT CARD PURCHASE ', 'CHECKCARD ', 'POS PURCHASE ', '', ''];
const POPULAR_AMOUNTS = [500, 1000, 2000, 2500, 5000, 10000, 4999, 999];
const SUBSCRIPTION_VENDORS = ['NETFLIX', 'ADOBE', 'DROPBOX', 'ZOOM', 'SLACK', 'GOOGLE GSUITE', 'MICROSOFT', 'AWS', 'INTUIT', 'GITHUB', 'ATLASSIAN', 'HUBSPOT', 'DOCUSIGN', 'MAILCHIMP', 'CANVA'];
const SUBSCRIPTION_PRICES = [999, 1499, 1999, 2999, 4999, 9900];
const BANK_WIDTH = 32;

const FEES = [
  { text: 'SERVICE CHARGE', amounts: [1500, 1200] },
  { text: 'MONTHLY MAINTENANCE FEE', amounts: [1200, 2500] },
  { text: 'WIRE TRANSFER FEE', amounts: [2500, 3000, 4500] },
  { text: 'NSF FEE', amounts: [3500] },
  { text: 'OVERDRAFT FEE', amounts: [3400] },
  { text: 'ATM FEE', amounts: [250, 300, 350] },
];

export const BENCH_RULES: MatchRule[] = [
  ...FEES.map((fee, i): MatchRule => ({ id: `fee-${i}`, name: fee.text.toLowerCase(), descriptionContains: fee.text, kind: 'adjustment', direction: 'out', reasonCode: 'bank_fee', account: '6100' })),
  { id: 'interest', name: 'Interest earned', descriptionContains: 'INTEREST PAYMENT', kind: 'adjustment', direction: 'in', reasonCode: 'interest', account: '4900' },
];

interface Merchant {
  ledgerName: string;
  bankName: string;
  category: string;
  store: string;
  city: string;
}

/** Seeded data for about `size` bank lines and as many ledger lines. */
export function generateReconciliationData(size: number, seed = 20240301): ReconciliationData {
  const random = mulberry32(seed);
  const g = new Generator(size, random);
  g.run();
  return g.finish();
}

class Generator {
  private readonly days: number;
  private readonly start = toDayNumber('2022-01-03');
  private readonly dates: string[] = [];
  private readonly merchants: Merchant[];
  private readonly customers: string[];
  private readonly bank: MatchLine[] = [];
  private readonly bankDay: number[] = [];
  private readonly bankGroup: number[] = [];
  private readonly ledger: MatchLine[] = [];
  private readonly ledgerDay: number[] = [];
  private readonly ledgerGroup: number[] = [];
  private groups = 0;
  private checkNumber = 1001;
  private invoice = 10001;
  private bankSeq = 1;
  private readonly card: string;
  private readonly subscriptions: Array<{ vendor: string; price: number; dayOfMonth: number }>;

  constructor(
    private readonly size: number,
    private readonly random: () => number,
  ) {
    this.days = Math.max(28, Math.ceil(size / 1000));
    this.card = String(this.int(1000, 9999));
    for (let d = -60; d < this.days + 60; d++) {
      this.dates.push(fromDayNumber(this.start + d));
    }
    this.merchants = [];
    for (const first of FIRST_WORDS) {
      for (const second of SECOND_WORDS) {
        this.merchants.push(this.makeMerchant(first, second));
      }
    }
    shuffleInPlace(this.merchants, random);
    this.customers = Array.from({ length: 2000 }, (_, i) => `${this.pick(FIRST_WORDS)} ${this.pick(SECOND_WORDS)} ${['Inc', 'LLC', 'Co', 'Group'][i % 4] ?? ''}`);
    // About sixty subscriptions (two bills a day), whatever the size: some vendors and prices repeat, as seats do.
    this.subscriptions = Array.from({ length: 60 }, () => ({ vendor: this.pick(SUBSCRIPTION_VENDORS), price: this.pick(SUBSCRIPTION_PRICES), dayOfMonth: this.int(0, 27) }));
  }

  run(): void {
    for (let month = 0; month * 30 < this.days; month++) {
      for (const s of this.subscriptions) {
        const day = month * 30 + s.dayOfMonth;
        if (day < this.days) {
          const lag = this.int(0, 3);
          const text = `${s.vendor} ${this.pick(['SUBSCRIPTION', 'RECURRING', 'BILLING'])}`;
          this.link([{ day: day + lag, amount: -s.price, description: this.bankText(text, day) }], [{ day, amount: -s.price, description: `${titleCase(s.vendor)} subscription` }]);
        }
      }
    }
    // A business deposits its takings once or twice a day and pays payroll taxes every few days,
    // however many other lines the account has.
    for (let day = 0; day < this.days; day++) {
      for (let k = this.chance(0.3) ? 2 : 1; k > 0; k--) {
        this.batchDeposit(day);
      }
      if (this.chance(0.2)) {
        this.splitPayment(day);
      }
    }
    while (this.bank.length < this.size) {
      this.event(this.int(0, this.days - 1));
    }
  }

  finish(): ReconciliationData {
    const bankOrder = orderByDay(this.bankDay);
    const ledgerOrder = orderByDay(this.ledgerDay);
    const bank = bankOrder.map((i) => this.bank[i] as MatchLine);
    const ledger = ledgerOrder.map((i) => this.ledger[i] as MatchLine);
    const truth: Array<{ bank: number[]; ledger: number[] }> = Array.from({ length: this.groups }, () => ({ bank: [], ledger: [] }));
    bankOrder.forEach((original, index) => {
      const group = this.bankGroup[original] ?? -1;
      if (group >= 0) {
        truth[group]?.bank.push(index);
      }
    });
    ledgerOrder.forEach((original, index) => {
      const group = this.ledgerGroup[original] ?? -1;
      if (group >= 0) {
        truth[group]?.ledger.push(index);
      }
    });
    return { bank, ledger, truth: truth.filter((t) => t.bank.length > 0 && t.ledger.length > 0), rules: BENCH_RULES };
  }

  private event(day: number): void {
    const roll = this.random();
    if (roll < 0.5) {
      this.cardPurchase(day);
    } else if (roll < 0.62) {
      this.customerReceipt(day);
    } else if (roll < 0.72) {
      this.vendorAch(day);
    } else if (roll < 0.79) {
      this.check(day);
    } else if (roll < 0.82) {
      this.bankOnly(day);
    } else if (roll < 0.83) {
      this.ledgerOnly(day);
    } else if (roll < 0.85) {
      this.duplicatePurchases(day);
    } else {
      this.cardPurchase(day);
    }
  }

  private cardPurchase(day: number): void {
    const m = this.merchant();
    const amount = -this.purchaseAmount();
    const lag = this.chance(0.04) ? -this.int(1, 3) : this.pickWeighted([0, 1, 2, 3, 4], [15, 35, 25, 15, 10]);
    const bankDay = day + lag;
    this.link([{ day: bankDay, amount, description: this.cardText(m, day) }], [{ day, amount, description: this.ledgerText(m) }], this.chance(0.1));
  }

  private duplicatePurchases(day: number): void {
    const m = this.merchant();
    const amount = -this.purchaseAmount();
    const bankDay = day + this.int(0, 2);
    const bankText = this.cardText(m, day);
    const ledgerText = this.ledgerText(m);
    for (let k = 0; k < 2; k++) {
      this.link([{ day: bankDay, amount, description: bankText }], [{ day, amount, description: ledgerText }]);
    }
  }

  private customerReceipt(day: number): void {
    const customer = this.pick(this.customers);
    const amount = this.money(5.5, 1);
    const withInvoice = this.chance(0.3);
    const invoice = withInvoice ? `INV-${this.invoice++}` : null;
    const bankText = `ACH CREDIT ${customer.toUpperCase()}${invoice !== null && this.chance(0.5) ? ` ${invoice.replace('-', ' ')}` : ''}`;
    this.link(
      [{ day: day + this.int(0, 2), amount, description: truncate(bankText), reference: invoice !== null && this.chance(0.4) ? invoice : null }],
      [{ day, amount, description: `Payment from ${customer}`, reference: invoice }],
    );
  }

  private vendorAch(day: number): void {
    const m = this.merchant();
    const amount = -this.money(6, 1);
    const id = this.chance(0.5) ? String(this.int(100000, 999999)) : null;
    this.link(
      [{ day: day + this.int(0, 3), amount, description: truncate(`ACH DEBIT ${m.bankName} ${this.pick(['PAYMENTS', 'BILLPAY', 'VENDOR PMT'])}`), reference: id !== null && this.chance(0.6) ? id : null }],
      [{ day, amount, description: `${m.ledgerName} - ${m.category}`, reference: id }],
      this.chance(0.1),
    );
  }

  private check(day: number): void {
    const m = this.merchant();
    const number = this.checkNumber++;
    const amount = -(this.chance(0.4) ? this.int(1, 40) * 5000 : this.money(6, 0.9));
    const ledgerLine = { day, amount, description: this.chance(0.5) ? `Check ${number} - ${m.ledgerName}` : m.ledgerName, reference: String(number) };
    if (this.chance(0.03)) {
      this.ledgerLine(ledgerLine, -1);
      return;
    }
    const lag = this.chance(0.7) ? this.int(2, 10) : this.int(10, 30);
    const hasReference = this.chance(0.7);
    this.link([{ day: day + lag, amount, description: `CHECK ${number}`, reference: hasReference ? String(number).padStart(6, '0') : null }], [ledgerLine]);
  }

  /** The day's (or an earlier day's) receipts, booked together, deposited as one bank line. */
  private batchDeposit(day: number): void {
    const parts = this.int(2, 6);
    const booked = day - this.pickWeighted([0, 1, 2], [50, 35, 15]);
    const receipts = Array.from({ length: parts }, () => ({ day: booked, amount: this.money(4.5, 0.8), description: `Payment - ${this.pick(this.customers)}`, reference: null }));
    const total = receipts.reduce((sum, r) => sum + r.amount, 0);
    const text = `${this.pick(['DEPOSIT', 'BRANCH DEPOSIT', 'REMOTE DEPOSIT', 'MOBILE DEPOSIT'])} ${this.int(1000, 9999)}`;
    this.link([{ day, amount: total, description: text }], receipts);
  }

  private splitPayment(day: number): void {
    const total = this.money(7, 0.5);
    const pieces = this.int(2, 3);
    const bank: Array<{ day: number; amount: number; description: string }> = [];
    let left = total;
    for (let k = 0; k < pieces; k++) {
      const amount = k === pieces - 1 ? left : Math.max(1, Math.floor((left * this.int(30, 60)) / 100));
      left -= amount;
      bank.push({ day: day + this.int(0, 2), amount: -amount, description: this.pick(['EFTPS TAX PMT', 'IRS USATAXPYMT', 'STATE TAX DEPT PMT']) });
    }
    this.link(bank, [{ day, amount: -total, description: `Payroll taxes ${this.int(1, 4)}Q` }]);
  }

  private bankOnly(day: number): void {
    if (this.chance(0.3)) {
      this.bankLine({ day, amount: this.int(1, 5000), description: 'INTEREST PAYMENT' }, -1);
      return;
    }
    const fee = this.pick(FEES);
    this.bankLine({ day, amount: -this.pick(fee.amounts), description: fee.text }, -1);
  }

  private ledgerOnly(day: number): void {
    if (this.chance(0.5)) {
      this.ledgerLine({ day: Math.max(day, this.days - 3), amount: this.money(5, 1), description: `Deposit in transit - ${this.pick(this.customers)}` }, -1);
    } else {
      this.ledgerLine({ day, amount: -this.money(4, 1), description: `${this.pick(['Petty cash', 'Accrual reversal', 'Owner draw'])} ${this.int(1, 99)}` }, -1);
    }
  }

  /** Adds one linked event; a bank line dated after the statement period is not on the statement (the ledger side stays outstanding). */
  private link(bank: ReadonlyArray<LineDraft>, ledger: ReadonlyArray<LineDraft>, viaFeed = false): void {
    const onStatement = bank.every((b) => b.day >= 0 && b.day < this.days);
    const group = onStatement ? this.groups++ : -1;
    const ids: string[] = [];
    if (onStatement) {
      for (const b of bank) {
        ids.push(this.bankLine(b, group));
      }
    }
    ledger.forEach((l, k) => {
      this.ledgerLine(l, group, viaFeed && bank.length === 1 && ledger.length === 1 ? (ids[k] ?? null) : null);
    });
  }

  private bankLine(draft: LineDraft, group: number): string {
    const bankId = `FIT${this.bankSeq++}`;
    this.bank.push({ date: this.dateOf(draft.day), amountMinor: draft.amount, description: flat(draft.description), reference: draft.reference ?? null, bankId });
    this.bankDay.push(draft.day);
    this.bankGroup.push(group);
    return bankId;
  }

  private ledgerLine(draft: LineDraft, group: number, bankId: string | null = null): void {
    const day = Math.min(Math.max(draft.day, -59), this.days + 59);
    this.ledger.push({ date: this.dateOf(day), amountMinor: draft.amount, description: flat(draft.description), reference: draft.reference ?? null, bankId });
    this.ledgerDay.push(day);
    this.ledgerGroup.push(group);
  }

  private dateOf(day: number): string {
    return this.dates[Math.min(Math.max(day, -60), this.days + 59) + 60] ?? '2022-01-03';
  }

  private makeMerchant(first: string, second: string): Merchant {
    const full = `${first} ${second}`.toUpperCase();
    const style = this.random();
    const bankName = style < 0.5 ? full : style < 0.75 ? full.slice(0, this.int(8, 14)).trim() : `${abbreviate(first.toUpperCase())} ${second.toUpperCase()}`;
    return { ledgerName: `${first} ${second}`, bankName, category: this.pick(CATEGORIES), store: String(this.int(1, 9999)).padStart(4, '0'), city: this.pick(CITIES) };
  }

  private merchant(): Merchant {
    const u = this.random();
    return this.merchants[Math.floor(this.merchants.length * u * Math.sqrt(u))] as Merchant;
  }

  /** A card line as banks print it; the date in it is the purchase date, not the posting date. */
  private cardText(m: Merchant, day: number): string {
    const date = (this.dates[Math.min(Math.max(day, -60), this.days + 59) + 60] ?? '2022-01-03').slice(5).replace('-', '/');
    const noise = [` #${m.store}`, ` ${m.city}`, ` ${date}`, ` XXXX${this.card}`].filter(() => this.chance(0.5)).join('');
    return truncate(`${this.pick(CARD_PREFIXES)}${m.bankName}${noise}`);
  }

  private bankText(text: string, day: number): string {
    const date = (this.dates[Math.min(Math.max(day, -60), this.days + 59) + 60] ?? '2022-01-03').slice(5).replace('-', '/');
    return truncate(`${text} ${date}`);
  }

  private ledgerText(m: Merchant): string {
    const style = this.random();
    return style < 0.5 ? m.ledgerName : style < 0.8 ? `${m.ledgerName} - ${m.category}` : `Payment to ${m.ledgerName}`;
  }

  private purchaseAmount(): number {
    if (this.chance(0.06)) {
      return this.pick(POPULAR_AMOUNTS);
    }
    const amount = this.money(3.5, 1.2);
    return this.chance(0.03) ? Math.max(100, Math.round(amount / 100) * 100) : amount;
  }

  /** A log-normal amount in cents (median e^mu dollars). */
  private money(mu: number, sigma: number): number {
    const u1 = Math.max(this.random(), 1e-12);
    const u2 = this.random();
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.max(1, Math.round(Math.exp(mu + sigma * normal) * 100));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private pickWeighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((a, b) => a + b, 0);
    let roll = this.random() * total;
    for (let i = 0; i < items.length; i++) {
      roll -= weights[i] ?? 0;
      if (roll < 0) {
        return items[i] as T;
      }
    }
    return items[items.length - 1] as T;
  }

  private int(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1));
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }
}

interface LineDraft {
  day: number;
  amount: number;
  description: string;
  reference?: string | null;
}

/**
 * A flat copy of a string built by concatenation: a parser's lines are flat strings, and a tree of
 * joined pieces would both cost more memory and slow the first reading of every line.
 */
function flat(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function truncate(text: string): string {
  return text.length > BANK_WIDTH ? text.slice(0, BANK_WIDTH) : text;
}

function abbreviate(word: string): string {
  return word[0] + word.slice(1).replace(/[AEIOU]/g, '');
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** Indexes ordered by day, stable (generation order within a day). */
function orderByDay(days: readonly number[]): number[] {
  return days.map((_, i) => i).sort((a, b) => (days[a] ?? 0) - (days[b] ?? 0) || a - b);
}

function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
