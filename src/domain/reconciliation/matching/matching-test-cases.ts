/**
 * Seeded random bank/ledger cases for the matcher's property and differential tests: small on
 * purpose (the reference matcher is brute force), and adversarial where it counts — round
 * amounts, same-day duplicates, many equal amounts, batch deposits, split payments, dates at the
 * window's edge, transfers, rules and empty sides.
 */
import { addDays } from '../../dates';
import type { MatchLine, MatchOptions, MatchRule } from './types';

/** A small deterministic generator (mulberry32); tests pass the seed they print on failure. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MatcherCase {
  name: string;
  bank: MatchLine[];
  ledger: MatchLine[];
  options: MatchOptions;
}

export const CASE_KINDS = ['random', 'round-amounts', 'duplicates', 'equal-amounts', 'batch-deposits', 'split-payments', 'window-edge', 'transfers', 'rules', 'references', 'one-side-empty'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

const MERCHANTS = ['Coffee Corner', 'Harbor Supply', 'Amazon Marketplace', 'Blue Summit Logistics', 'City Water', 'Staples', 'Coffee Shop', 'Harbor Freight', 'Service Charge', 'Acme Payroll'];
const BANK_NOISE = ['', ' XXXX1234', ' 03/15', ' #0421', ' SEATTLE WA', ' POS DEBIT'];
const START = '2024-03-01';

export function buildCase(kind: CaseKind, seed: number): MatcherCase {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const chance = (p: number): boolean => random() < p;
  const window = pick([0, 1, 2, 3, 5, 5, 5]);
  const options: MatchOptions = { dateWindowDays: window, maxGroupSize: pick([2, 3, 4, 6]), rules: [] };
  const bank: MatchLine[] = [];
  const ledger: MatchLine[] = [];
  const amounts = kind === 'round-amounts' ? [-10000, -2500, 10000, 50000, -5000] : kind === 'equal-amounts' ? [-2500, -2500, -2500, 1999] : [-2500, -1234, 4999, 10000, -999, 350, -50000];
  const bankText = (merchant: string, day = int(0, 14)): string => {
    const upper = merchant.toUpperCase();
    const cut = chance(0.3) ? upper.slice(0, int(4, upper.length)) : upper;
    const written = chance(0.3) ? ` ${addDays(START, day).slice(5).replace('-', '/')}` : '';
    return `${chance(0.3) ? 'POS DEBIT ' : ''}${cut}${pick(BANK_NOISE)}${written}`;
  };
  const line = (day: number, amountMinor: number, description: string, extra: Partial<MatchLine> = {}): MatchLine => ({
    date: addDays(START, day),
    amountMinor,
    description,
    reference: null,
    bankId: null,
    ...extra,
  });
  const pairs = int(0, 7);
  for (let i = 0; i < pairs; i++) {
    const merchant = pick(MERCHANTS);
    const amount = pick(amounts);
    const day = int(0, 14);
    const lag = kind === 'window-edge' ? pick([window, window + 1, -window, -window - 1, window * 3 + 1]) : int(-1, Math.max(1, window + 1));
    const reference = kind === 'references' || chance(0.15) ? String(int(1000, 1006)) : null;
    const bankId = chance(0.1) ? `FIT${int(1, 4)}` : null;
    bank.push(line(day + lag, amount, bankText(merchant, chance(0.7) ? day : int(0, 14)), { reference: reference !== null && chance(0.5) ? `00${reference}` : null, bankId }));
    ledger.push(line(day, amount, chance(0.2) ? `${merchant} ${reference ?? ''}` : merchant, { reference: chance(0.7) ? reference : null, bankId: chance(0.5) ? bankId : null }));
    if (kind === 'duplicates' && chance(0.6)) {
      // A genuine second payment: the bank gives it its own transaction id (or repeats one, as a re-import would).
      const twin = { ...(bank[bank.length - 1] as MatchLine) };
      bank.push({ ...twin, bankId: chance(0.7) ? `FIT${int(5, 9)}` : twin.bankId });
      ledger.push({ ...(ledger[ledger.length - 1] as MatchLine) });
    }
  }
  addSpecialLines(kind, { bank, ledger, line, pick, int, chance, window });
  for (let i = int(0, 3); i > 0; i--) {
    (chance(0.5) ? bank : ledger).push(line(int(0, 20), pick(amounts), chance(0.5) ? bankText(pick(MERCHANTS)) : pick(MERCHANTS)));
  }
  if (kind === 'rules' || chance(0.2)) {
    options.rules = pickRules(pick, int);
  }
  if (kind === 'one-side-empty') {
    (chance(0.5) ? bank : ledger).length = 0;
  }
  return { name: `${kind} #${seed}`, bank: shuffle(bank, random), ledger: shuffle(ledger, random), options };
}

interface Tools {
  bank: MatchLine[];
  ledger: MatchLine[];
  line: (day: number, amountMinor: number, description: string, extra?: Partial<MatchLine>) => MatchLine;
  pick: <T>(items: readonly T[]) => T;
  int: (low: number, high: number) => number;
  chance: (p: number) => boolean;
  window: number;
}

function addSpecialLines(kind: CaseKind, t: Tools): void {
  const { bank, ledger, line, pick, int, chance } = t;
  if (kind === 'batch-deposits' || chance(0.15)) {
    for (let k = int(1, 2); k > 0; k--) {
      const day = int(0, 14);
      const parts = Array.from({ length: int(2, 4) }, () => pick([1500, 2500, 3333, 5000, 1250, 999]));
      parts.forEach((amount) => ledger.push(line(day - int(0, 1), amount, `Receipt ${pick(['A', 'B', 'C'])}`)));
      bank.push(line(day, parts.reduce((a, b) => a + b, 0), 'DEPOSIT'));
    }
  }
  if (kind === 'split-payments' || chance(0.15)) {
    const day = int(0, 14);
    const parts = Array.from({ length: int(2, 3) }, () => -pick([1000, 2000, 2500, 4321]));
    parts.forEach((amount) => bank.push(line(day + int(0, 1), amount, 'EFTPS TAX PMT')));
    ledger.push(line(day, parts.reduce((a, b) => a + b, 0), 'Payroll taxes'));
  }
  if (kind === 'transfers' || chance(0.1)) {
    const day = int(0, 14);
    const amount = pick([10000, 25000, 2500]);
    const side = chance(0.7) ? bank : ledger;
    side.push(line(day, -amount, 'TRANSFER TO SAVINGS', { accountKey: 'checking' }));
    side.push(line(day + int(0, 2), amount, 'TRANSFER FROM CHECKING', { accountKey: 'savings' }));
    if (chance(0.4)) {
      side.push(line(day + int(0, 2), amount, 'TRANSFER FROM CHECKING', { accountKey: 'savings' }));
    }
  }
  if (kind === 'rules' || chance(0.1)) {
    bank.push(line(int(0, 14), -pick([2500, 1500, 1234]), pick(['SERVICE CHARGE', 'MONTHLY SERVICE CHARGE', 'WIRE FEE'])));
    bank.push(line(int(0, 14), pick([37, 412]), 'INTEREST PAID'));
    ledger.push(line(int(0, 14), -pick([2500, 2600, 1500]), pick(['Wire to vendor', 'Staples'])));
  }
}

function pickRules(pick: <T>(items: readonly T[]) => T, int: (low: number, high: number) => number): MatchRule[] {
  const rules: MatchRule[] = [
    { id: 'fees', name: 'Bank fees', descriptionContains: pick(['service charge', 'SERVICE-CHARGE', 'charge']), kind: 'adjustment', direction: 'out', reasonCode: 'bank_fee', account: '6100' },
    { id: 'interest', name: 'Interest', descriptionContains: 'interest', kind: 'adjustment', direction: pick(['in', 'any']), reasonCode: 'interest', account: null },
    { id: 'wires', name: 'Wire fees', descriptionContains: pick(['wire', 'harbor']), kind: 'tolerance', reasonCode: 'bank_fee', account: '6100', amountToleranceMinor: pick([0, 100, 1500]), dateToleranceDays: int(0, 10) },
  ];
  return rules.slice(0, int(1, 3));
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
