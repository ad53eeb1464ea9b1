import { createMt940Parser } from '../src/domain/reconciliation/importers/mt940';
import { writeMt940 } from '../src/domain/reconciliation/importers/mt940.writer';
import type { Statement, StatementSink, StatementTransaction } from '../src/domain/reconciliation/statement';

const CHUNK = 1 << 16;
const MB = 1024 * 1024;
/** Transactions per message: a busy account's daily statement. */
const PER_STATEMENT = 1000;

/**
 * MT940 import throughput and memory: writes a ≈100 MB file of daily statements with the MT940
 * writer (free-text :86:), feeds it in 64 KiB chunks to the streaming parser with a sink that only
 * counts, and samples memory during the run; then the same for a file a tenth of the size (memory
 * must not grow with the file), and for a ≈100 MB file whose :86: fields are German SEPA
 * ?-subfields, the most expensive kind to describe. Run with `node --expose-gc` for steadier
 * memory figures.
 */
export async function benchImportMt940(targetMb = 100): Promise<Record<string, number | string>> {
  const large = measure(buildFile(targetMb, writeStatements));
  const small = measure(buildFile(targetMb / 10, writeStatements));
  const structured = measure(buildFile(targetMb, writeStructuredStatements));
  await Promise.resolve();
  return {
    largeMB: large.megabytes,
    largeTransactions: large.transactions,
    largeStatements: large.statements,
    largeMBps: large.megabytesPerSecond,
    largeMBpsCpu: large.megabytesPerCpuSecond,
    largePeakRssGrowthMB: large.peakRssGrowthMb,
    largePeakHeapGrowthMB: large.peakHeapGrowthMb,
    largeRetainedHeapGrowthMB: large.retainedHeapGrowthMb ?? 'run with --expose-gc',
    smallMB: small.megabytes,
    smallTransactions: small.transactions,
    smallMBps: small.megabytesPerSecond,
    smallMBpsCpu: small.megabytesPerCpuSecond,
    smallPeakRssGrowthMB: small.peakRssGrowthMb,
    smallPeakHeapGrowthMB: small.peakHeapGrowthMb,
    smallRetainedHeapGrowthMB: small.retainedHeapGrowthMb ?? 'run with --expose-gc',
    structuredMB: structured.megabytes,
    structuredTransactions: structured.transactions,
    structuredMBps: structured.megabytesPerSecond,
    structuredMBpsCpu: structured.megabytesPerCpuSecond,
    structuredPeakRssGrowthMB: structured.peakRssGrowthMb,
    structuredPeakHeapGrowthMB: structured.peakHeapGrowthMb,
    structuredRetainedHeapGrowthMB: structured.retainedHeapGrowthMb ?? 'run with --expose-gc',
  };
}

interface Measurement {
  megabytes: number;
  transactions: number;
  statements: number;
  megabytesPerSecond: number;
  /** Throughput over the CPU time the process used, steadier than wall time on a busy machine. */
  megabytesPerCpuSecond: number;
  peakRssGrowthMb: number;
  peakHeapGrowthMb: number;
  /** Heap still held after a full collection with the parser alive (needs --expose-gc; else null). */
  retainedHeapGrowthMb: number | null;
}

/** Feeds `text` in 64 KiB chunks to the parser over a counting sink; memory sampled every 1 MiB. */
function measure(text: string): Measurement {
  let transactions = 0;
  let statements = 0;
  let checksum = 0;
  const sink: StatementSink = {
    beginStatement() {},
    transaction(transaction) {
      transactions += 1;
      checksum = (checksum + transaction.amountMinor + transaction.description.length) % 1_000_000_007;
    },
    endStatement() {
      statements += 1;
    },
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const parser = createMt940Parser(sink);
  for (let offset = 0, chunks = 0; offset < text.length; offset += CHUNK, chunks += 1) {
    parser.write(text.slice(offset, offset + CHUNK));
    if (chunks % 16 === 0) {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }
  }
  parser.end();
  const seconds = (performance.now() - started) / 1000;
  gc?.();
  const retained = gc ? process.memoryUsage().heapUsed - before.heapUsed : null;
  parser.end(); // a second end() does nothing; it keeps the parser reachable until the retained heap is measured
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (!Number.isFinite(checksum)) {
    throw new Error('unreachable: keeps the sink from being optimised away');
  }
  const megabytes = Buffer.byteLength(text, 'utf8') / MB;
  return {
    megabytes: round(megabytes),
    transactions,
    statements,
    megabytesPerSecond: round(megabytes / seconds),
    megabytesPerCpuSecond: round(megabytes / cpuSeconds),
    peakRssGrowthMb: round((peakRss - before.rss) / MB),
    peakHeapGrowthMb: round((peakHeap - before.heapUsed) / MB),
    retainedHeapGrowthMb: retained === null ? null : round(retained / MB),
  };
}

/** Writes statements one message at a time until the text reaches `targetMb`, so only the text is held. */
function buildFile(targetMb: number, write: (statement: Statement) => string): string {
  const parts: string[] = [];
  let length = 0;
  const random = seededRandom(42);
  for (let index = 0; length < targetMb * MB; index += 1) {
    const part = write(syntheticStatement(index, random));
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

function writeStatements(statement: Statement): string {
  return writeMt940({ statements: [statement] });
}

/**
 * The writer keeps descriptions free text; German banks send ?-subfields, which take the most work
 * to describe. This rewrites each :86: into that shape (name, SEPA keys, 27-character subfields,
 * 65-character lines) to measure it.
 */
function writeStructuredStatements(statement: Statement): string {
  return writeMt940({ statements: [statement] }).replace(/^:86:(.*)$/gm, (_, text: string) => gvcDetails(text.trim()));
}

function gvcDetails(text: string): string {
  const purpose = `EREF+E2E${text.length}SVWZ+${text}`;
  const subfields: string[] = [];
  for (let at = 0, code = 20; at < purpose.length && code <= 29; at += 27, code += 1) {
    subfields.push(`?${code}${purpose.slice(at, at + 27)}`);
  }
  const joined = `166?00SEPA-GUTSCHRIFT?109310${subfields.join('')}?30COBADEFFXXX?31DE89370400440532013000?32NORTHWIND TRADERS GMBH`;
  const lines = [`:86:${joined.slice(0, 65)}`];
  for (let at = 65; at < joined.length; at += 65) {
    lines.push(joined.slice(at, at + 65));
  }
  return lines.join('\r\n');
}

const MERCHANTS = ['ACME HARDWARE', 'CITY WATER + POWER', 'NORTHWIND TRADERS', 'CONTOSO PAYROLL', 'BLUE BOTTLE CAFE', 'METRO TRANSIT', 'FABRIKAM ONLINE', 'INTEREST'];

/** One day's statement: varied amounts and descriptions, some references, a bank id per line. */
function syntheticStatement(index: number, random: () => number): Statement {
  const date = new Date(Date.UTC(2023, 0, 1 + (index % 730))).toISOString().slice(0, 10);
  const transactions: StatementTransaction[] = [];
  let sum = 0;
  for (let i = 0; i < PER_STATEMENT; i += 1) {
    const merchant = MERCHANTS[random() % MERCHANTS.length] ?? 'MERCHANT';
    const amountMinor = (random() % 500_000) - 400_000;
    sum += amountMinor;
    transactions.push({
      date,
      amountMinor,
      description:
        random() % 3 === 0 ? `POS PURCHASE ${merchant} STORE ${random() % 9000} CARD ENDING ${1000 + (random() % 9000)} ON ${date} AT 12:${String(random() % 60).padStart(2, '0')}` : merchant,
      reference: random() % 4 === 0 ? `INV-${random() % 100_000}` : null,
      bankId: `B${String(index * PER_STATEMENT + i).padStart(12, '0')}`,
    });
  }
  const opening = 10_000_000_00;
  return { accountId: 'DE89370400440532013000', currency: 'EUR', openingBalanceMinor: opening, closingBalanceMinor: opening + sum, startDate: date, endDate: date, transactions };
}

/** A small deterministic generator (LCG), so every run measures the same file. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state;
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
