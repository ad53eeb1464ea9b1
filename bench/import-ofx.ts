import type { Statement, StatementSink, StatementTransaction, StreamingStatementParser } from '../src/domain/reconciliation/statement';
import { createOfxParser } from '../src/domain/reconciliation/importers/ofx';
import { writeOfx, type OfxWriteOptions } from '../src/domain/reconciliation/importers/ofx.writer';

const CHUNK = 1 << 16;
const MB = 1024 * 1024;

/**
 * OFX import throughput and memory: writes a ≈100 MB statement file with the OFX writer (SGML
 * 1.02, and XML 2.2), feeds it in 64 KiB chunks to the streaming parser with a sink that only
 * counts, and samples memory during the run. A file a tenth of the size shows that memory does
 * not grow with the file. Run with `node --expose-gc` to also see the heap retained after a
 * full collection (the peak includes garbage not yet collected).
 */
export async function benchImportOfx(targetMb = 100): Promise<Record<string, number | string>> {
  const perTransaction = writeFile(1000, { dialect: 'sgml' }).length / 1000;
  const transactions = Math.ceil((targetMb * MB) / perTransaction);
  const large = measureImport(writeFile(transactions, { dialect: 'sgml' }), createOfxParser);
  const small = measureImport(writeFile(Math.ceil(transactions / 10), { dialect: 'sgml' }), createOfxParser);
  const xml = measureImport(writeFile(transactions, { dialect: 'xml' }), createOfxParser);
  await Promise.resolve();
  return {
    sgmlMB: large.megabytes,
    sgmlTransactions: large.transactions,
    sgmlMBps: large.megabytesPerSecond,
    sgmlMBperCpuSecond: large.megabytesPerCpuSecond,
    sgmlPeakRssGrowthMB: large.peakRssGrowthMb,
    sgmlPeakHeapGrowthMB: large.peakHeapGrowthMb,
    sgmlRetainedHeapGrowthMB: large.retainedHeapGrowthMb ?? 'run with --expose-gc',
    smallMB: small.megabytes,
    smallTransactions: small.transactions,
    smallMBps: small.megabytesPerSecond,
    smallMBperCpuSecond: small.megabytesPerCpuSecond,
    smallPeakRssGrowthMB: small.peakRssGrowthMb,
    smallPeakHeapGrowthMB: small.peakHeapGrowthMb,
    smallRetainedHeapGrowthMB: small.retainedHeapGrowthMb ?? 'run with --expose-gc',
    xmlMB: xml.megabytes,
    xmlTransactions: xml.transactions,
    xmlMBps: xml.megabytesPerSecond,
    xmlMBperCpuSecond: xml.megabytesPerCpuSecond,
    xmlPeakRssGrowthMB: xml.peakRssGrowthMb,
    xmlPeakHeapGrowthMB: xml.peakHeapGrowthMb,
    xmlRetainedHeapGrowthMB: xml.retainedHeapGrowthMb ?? 'run with --expose-gc',
  };
}

export interface ImportMeasurement {
  megabytes: number;
  transactions: number;
  /** Wall clock: what a user waits. */
  megabytesPerSecond: number;
  /** CPU time of this process (all threads, GC included): steadier on a busy machine. */
  megabytesPerCpuSecond: number;
  peakRssGrowthMb: number;
  /** Heap in use between samples, garbage included: it rises with allocation until V8 collects. */
  peakHeapGrowthMb: number;
  /** Heap still in use after the parse and a full collection (only with `node --expose-gc`). */
  retainedHeapGrowthMb: number | null;
}

/** Feeds `text` in 64 KiB chunks to a parser over a counting sink; memory sampled every 1 MiB. */
export function measureImport(text: string, createParser: (sink: StatementSink) => StreamingStatementParser): ImportMeasurement {
  let transactions = 0;
  let checksum = 0;
  const sink: StatementSink = {
    beginStatement() {},
    transaction(transaction) {
      transactions++;
      checksum = (checksum + transaction.amountMinor) % 1_000_000_007;
    },
    endStatement() {},
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const parser = createParser(sink);
  for (let offset = 0, chunks = 0; offset < text.length; offset += CHUNK, chunks++) {
    parser.write(text.slice(offset, offset + CHUNK));
    if (chunks % 16 === 0) {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }
  }
  parser.end();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  gc?.();
  const retainedHeap = process.memoryUsage().heapUsed - before.heapUsed;
  if (!Number.isFinite(checksum)) {
    throw new Error('unreachable: keeps the sink from being optimised away');
  }
  const megabytes = Buffer.byteLength(text, 'utf8') / MB;
  return {
    megabytes: round(megabytes),
    transactions,
    megabytesPerSecond: round(megabytes / seconds),
    megabytesPerCpuSecond: round(megabytes / cpuSeconds),
    peakRssGrowthMb: round((peakRss - before.rss) / MB),
    peakHeapGrowthMb: round((peakHeap - before.heapUsed) / MB),
    retainedHeapGrowthMb: gc ? round(retainedHeap / MB) : null,
  };
}

function writeFile(transactions: number, options: OfxWriteOptions): string {
  return writeOfx({ statements: [syntheticStatement(transactions)] }, options);
}

const MERCHANTS = ['ACME HARDWARE', 'CITY WATER & POWER', 'NORTHWIND TRADERS', 'CONTOSO PAYROLL', 'BLUE BOTTLE CAFE', 'METRO TRANSIT', 'FABRIKAM <ONLINE>', 'INTEREST'];

/** A deterministic statement: varied amounts, dates over two years, some checks, some long memos. */
export function syntheticStatement(count: number): Statement {
  const transactions: StatementTransaction[] = [];
  let seed = 42;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed;
  };
  for (let i = 0; i < count; i++) {
    const day = (i * 730) / count;
    const date = new Date(Date.UTC(2023, 0, 1 + Math.floor(day))).toISOString().slice(0, 10);
    const merchant = MERCHANTS[next() % MERCHANTS.length] ?? 'MERCHANT';
    const isCheck = next() % 10 === 0;
    const amount = (next() % 500_000) - 400_000;
    transactions.push({
      date,
      amountMinor: amount,
      description: next() % 3 === 0 ? `POS PURCHASE ${merchant} STORE ${next() % 9000} CARD ENDING ${1000 + (next() % 9000)}` : merchant,
      reference: isCheck ? String(1000 + i) : null,
      bankId: `${20230000000000 + i}`,
    });
  }
  return { accountId: '000123456789', currency: 'USD', openingBalanceMinor: null, closingBalanceMinor: 123_456_78, startDate: '2023-01-01', endDate: '2024-12-31', transactions };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
