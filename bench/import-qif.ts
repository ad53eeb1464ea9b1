import { createQifParser } from '../src/domain/reconciliation/importers/qif';
import { writeQif } from '../src/domain/reconciliation/importers/qif.writer';
import { measureImport, syntheticStatement } from './import-ofx';

const MB = 1024 * 1024;

/**
 * QIF import throughput and memory: writes a ≈100 MB QIF file with the QIF writer, feeds it in
 * 64 KiB chunks to the streaming parser (date order detected from the file, as a user's import
 * would), and does the same for a file a tenth of the size to show that memory does not grow.
 * Also times a day-first file whose order is proven only by its 13th day, so the first records
 * wait in the date-order queue.
 */
export async function benchImportQif(targetMb = 100): Promise<Record<string, number | string>> {
  const perTransaction = writeFile(1000, 'mdy').length / 1000;
  const transactions = Math.ceil((targetMb * MB) / perTransaction);
  const large = measureImport(writeFile(transactions, 'mdy'), (sink) => createQifParser(sink));
  const small = measureImport(writeFile(Math.ceil(transactions / 10), 'mdy'), (sink) => createQifParser(sink));
  const dayFirst = measureImport(writeFile(transactions, 'dmy'), (sink) => createQifParser(sink));
  await Promise.resolve();
  return {
    qifMB: large.megabytes,
    qifTransactions: large.transactions,
    qifMBps: large.megabytesPerSecond,
    qifMBperCpuSecond: large.megabytesPerCpuSecond,
    qifPeakRssGrowthMB: large.peakRssGrowthMb,
    qifPeakHeapGrowthMB: large.peakHeapGrowthMb,
    qifRetainedHeapGrowthMB: large.retainedHeapGrowthMb ?? 'run with --expose-gc',
    smallMB: small.megabytes,
    smallTransactions: small.transactions,
    smallMBps: small.megabytesPerSecond,
    smallMBperCpuSecond: small.megabytesPerCpuSecond,
    smallPeakRssGrowthMB: small.peakRssGrowthMb,
    smallPeakHeapGrowthMB: small.peakHeapGrowthMb,
    smallRetainedHeapGrowthMB: small.retainedHeapGrowthMb ?? 'run with --expose-gc',
    dayFirstMB: dayFirst.megabytes,
    dayFirstMBps: dayFirst.megabytesPerSecond,
    dayFirstMBperCpuSecond: dayFirst.megabytesPerCpuSecond,
    dayFirstPeakHeapGrowthMB: dayFirst.peakHeapGrowthMb,
    dayFirstRetainedHeapGrowthMB: dayFirst.retainedHeapGrowthMb ?? 'run with --expose-gc',
  };
}

function writeFile(transactions: number, dateOrder: 'mdy' | 'dmy'): string {
  return writeQif({ statements: [syntheticStatement(transactions)] }, { dateOrder });
}
