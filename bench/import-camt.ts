import v8 from 'node:v8';
import vm from 'node:vm';
import { createCamtParser } from '../src/domain/reconciliation/importers/camt';
import { writeCamt } from '../src/domain/reconciliation/importers/camt.writer';
import type { Statement, StatementSink, StatementTransaction, StreamingStatementParser } from '../src/domain/reconciliation/statement';

/**
 * camt.053 import speed and memory: a ~100 MB statement file written by `writeCamt` is fed in
 * 64 KiB chunks to the streaming parser with a sink that only counts; then a file a tenth the
 * size, to show that memory does not grow with the file.
 */
export async function benchImportCamt(): Promise<Record<string, number | string>> {
  const large = measureImport(buildCamtFile(160, 1000), createCamtParser);
  await settle();
  const small = measureImport(buildCamtFile(16, 1000), createCamtParser);
  return { ...withPrefix('large', large), ...withPrefix('small', small) };
}

const CHUNK = 64 * 1024;

/**
 * Feeds `text` in 64 KiB chunks to a parser whose sink only counts, sampling memory as it goes.
 * Memory figures are growth over the state just before parsing (the file text itself excluded):
 * the peaks of the timed pass include garbage not yet collected; `peakLiveHeapGrowthMB` is what
 * stays in use after collections, which a streaming parser keeps at the same few megabytes for a
 * small and a large file.
 * MB are 10^6 bytes of the UTF-8 file. Speed is given per wall-clock second and per CPU second
 * of the process (user + system, all threads): on a shared machine the second is the steadier
 * measure of what one core does.
 */
export function measureImport(text: string, createParser: (sink: StatementSink) => StreamingStatementParser): Record<string, number> {
  collectGarbage();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  let transactions = 0;
  let statements = 0;
  let checksum = 0;
  const sink: StatementSink = {
    beginStatement() {},
    transaction(transaction) {
      transactions += 1;
      checksum += transaction.amountMinor;
      if (transactions % 20_000 === 0) {
        sample();
      }
    },
    endStatement() {
      statements += 1;
    },
  };
  const parser = createParser(sink);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let offset = 0, chunk = 0; offset < text.length; offset += CHUNK, chunk++) {
    parser.write(text.slice(offset, offset + CHUNK));
    if (chunk % 32 === 0) {
      sample();
    }
  }
  parser.end();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  sample();
  const megabytes = Buffer.byteLength(text, 'utf8') / 1e6;
  const peakLiveHeapGrowth = measureLiveHeap(text, createParser);
  return {
    megabytes: round(megabytes, 1),
    transactions,
    statements,
    seconds: round(seconds, 2),
    mbPerSecond: round(megabytes / seconds, 1),
    cpuSeconds: round(cpuSeconds, 2),
    mbPerCpuSecond: round(megabytes / cpuSeconds, 1),
    peakRssMB: round(peakRss / 1e6, 1),
    peakRssGrowthMB: round((peakRss - before.rss) / 1e6, 1),
    peakHeapGrowthMB: round((peakHeap - before.heapUsed) / 1e6, 1),
    peakLiveHeapGrowthMB: round(peakLiveHeapGrowth / 1e6, 1),
    checksumNonZero: checksum === 0 ? 0 : 1,
  };
}

/**
 * What the parser really keeps: a second, untimed pass that collects garbage every 4 MB and
 * records the heap left in use, so that short-lived garbage (which the timed pass's peak
 * includes, and which V8 collects when it pleases) does not count.
 */
function measureLiveHeap(text: string, createParser: (sink: StatementSink) => StreamingStatementParser): number {
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  let peak = 0;
  const parser = createParser({ beginStatement() {}, transaction() {}, endStatement() {} });
  for (let offset = 0, chunk = 0; offset < text.length; offset += CHUNK, chunk++) {
    parser.write(text.slice(offset, offset + CHUNK));
    if (chunk % 64 === 63) {
      collectGarbage();
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
  }
  parser.end();
  return peak;
}

/**
 * Deterministic varied transactions for statement `seed`: amounts in and out, some zero, dates
 * across a year, texts of 10 to 160 characters with characters that need escaping, references
 * and bank ids on most lines.
 */
export function syntheticTransactions(seed: number, count: number): StatementTransaction[] {
  let state = (seed * 2_654_435_761 + 1) >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state;
  };
  const words = ['INVOICE', 'Payment', 'ACME & Sons', 'Rent <March>', 'salary', 'Müller GmbH', 'ref', 'card 4421', 'refund', 'SEPA', 'transfer'];
  const transactions: StatementTransaction[] = [];
  for (let i = 0; i < count; i++) {
    const wordCount = 2 + (next() % 14);
    const text: string[] = [];
    for (let w = 0; w < wordCount; w++) {
      text.push(words[next() % words.length] ?? 'x', String(next() % 10_000));
    }
    const magnitude = next() % 10 === 0 ? 0 : next() % 5_000_000;
    const day = 1 + (next() % 28);
    const month = 1 + (next() % 12);
    transactions.push({
      date: `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      amountMinor: next() % 2 === 0 ? magnitude : -magnitude,
      description: text.join(' ').slice(0, 10 + (next() % 150)).trim(),
      reference: next() % 4 === 0 ? null : `E2E-${seed}-${i}`,
      bankId: next() % 8 === 0 ? null : `BK${seed}X${i}`,
    });
  }
  return transactions;
}

/** Lets the event loop and the garbage collector catch up between two measurements. */
export async function settle(): Promise<void> {
  collectGarbage();
  await new Promise((resolve) => setImmediate(resolve));
}

function buildCamtFile(statementCount: number, transactionsPerStatement: number): string {
  const statements: Statement[] = [];
  for (let index = 0; index < statementCount; index++) {
    const transactions = syntheticTransactions(index, transactionsPerStatement);
    statements.push({
      accountId: `DE${String(10 + (index % 89))}370400440532${String(index).padStart(6, '0')}`,
      currency: 'EUR',
      openingBalanceMinor: 1_000_000,
      closingBalanceMinor: transactions.reduce((sum, transaction) => sum + transaction.amountMinor, 1_000_000),
      startDate: '2024-01-01',
      endDate: '2024-12-31',
      transactions,
    });
  }
  return writeCamt({ statements }, { messageId: 'BENCH', createdAt: '2025-01-01T06:00:00' });
}

/** `global.gc` without starting node with --expose-gc: measurements start from a collected heap. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc === 'function') {
    (gc as () => void)();
  }
}

function withPrefix(name: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${name}_${key}`, value]));
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
