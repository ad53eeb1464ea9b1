import { createCsvParser } from '../src/domain/reconciliation/importers/csv';
import { writeCsv } from '../src/domain/reconciliation/importers/csv.writer';
import type { Statement, StatementSink, StatementTransaction } from '../src/domain/reconciliation/statement';
import { addDays } from '../src/domain/dates';

/**
 * CSV import throughput: writes a bank-style CSV (running balance, quoted descriptions with
 * commas and quotes, references, bank ids) with `writeCsv`, then feeds it in 64 KiB chunks to
 * `createCsvParser` without a mapping (so the layout is detected from the first 64 KiB, as for an
 * upload) and a sink that only counts. Runs a ~100 MB file and one a tenth of its size: the peak
 * memory growth of both should be about the same (memory independent of file size).
 */
export async function benchImportCsv(): Promise<Record<string, number | string>> {
  const large = runOnce(1_200_000);
  // Let the first run's garbage go before the second measures its own growth.
  await new Promise((resolve) => setImmediate(resolve));
  const small = runOnce(120_000);
  return {
    largeMegabytes: large.megabytes,
    largeTransactions: large.transactions,
    largeMegabytesPerSecond: large.megabytesPerSecond,
    largeMegabytesPerCpuSecond: large.megabytesPerCpuSecond,
    largePeakRssGrowthMegabytes: large.rssGrowth,
    largePeakHeapGrowthMegabytes: large.heapGrowth,
    smallMegabytes: small.megabytes,
    smallTransactions: small.transactions,
    smallMegabytesPerSecond: small.megabytesPerSecond,
    smallMegabytesPerCpuSecond: small.megabytesPerCpuSecond,
    smallPeakRssGrowthMegabytes: small.rssGrowth,
    smallPeakHeapGrowthMegabytes: small.heapGrowth,
  };
}

function runOnce(count: number): { megabytes: number; transactions: number; megabytesPerSecond: number; megabytesPerCpuSecond: number; rssGrowth: number; heapGrowth: number } {
  const { chunks, bytes } = generateChunks(count);
  (globalThis as { gc?: () => void }).gc?.();

  let transactions = 0;
  const sink: StatementSink = {
    beginStatement() {},
    transaction() {
      transactions += 1;
    },
    endStatement() {},
  };
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const parser = createCsvParser(sink);
  chunks.forEach((chunk, index) => {
    parser.write(chunk);
    if (index % 16 === 0) {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }
  });
  parser.end();
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const megabytes = bytes / 1_000_000;
  return {
    megabytes: round(megabytes),
    transactions,
    megabytesPerSecond: round(megabytes / seconds),
    // Throughput per second of CPU time: the one-core figure, steady when other work shares the machine.
    megabytesPerCpuSecond: round(megabytes / cpuSeconds),
    rssGrowth: round((peakRss - before.rss) / 1_000_000),
    heapGrowth: round((peakHeap - before.heapUsed) / 1_000_000),
  };
}

/** The file in 64 KiB chunks (the whole text is dropped once cut, so only the chunks stay). */
function generateChunks(count: number): { chunks: string[]; bytes: number } {
  const text = writeCsv({ statements: [generateStatement(count)] }, { delimiter: ',', dateFormat: 'DD/MM/YYYY', decimalMark: '.' });
  const chunkSize = 64 * 1024;
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += chunkSize) {
    chunks.push(text.slice(at, at + chunkSize));
  }
  return { chunks, bytes: Buffer.byteLength(text) };
}

const PAYEES = ['ACME Supplies Ltd', 'Harbor Vale Utilities', 'City Parking', 'Northwind Traders, Inc.', 'Blue Door "Café"', 'Payroll run', 'Card purchase 4411', 'Transfer to savings'];
const MEMOS = ['Invoice 2024-118', 'Monthly fee', 'Ref. 55-1932, thank you', 'SEPA credit transfer', '', 'POS 12:44 Main St'];

/** A deterministic statement (a small linear congruential generator, so runs compare). */
function generateStatement(count: number): Statement {
  let seed = 12345;
  const next = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % limit;
  };
  const transactions: StatementTransaction[] = [];
  let date = '2020-01-01';
  for (let i = 0; i < count; i += 1) {
    if (next(20) === 0) {
      date = addDays(date, 1);
    }
    const payee = PAYEES[next(PAYEES.length)] ?? '';
    const memo = MEMOS[next(MEMOS.length)] ?? '';
    transactions.push({
      date,
      amountMinor: next(2) === 0 ? -(next(500_000) + 1) : next(900_000),
      description: memo === '' ? payee : `${payee} / ${memo}`,
      reference: next(3) === 0 ? `CHK${1000 + next(9000)}` : null,
      bankId: `TX${String(i).padStart(10, '0')}`,
    });
  }
  return { accountId: 'GB29NWBK60161331926819', currency: 'GBP', openingBalanceMinor: 1_000_000, closingBalanceMinor: null, startDate: null, endDate: null, transactions };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
