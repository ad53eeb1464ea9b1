import { createBai2Parser } from '../src/domain/reconciliation/importers/bai2';
import { writeBai2 } from '../src/domain/reconciliation/importers/bai2.writer';
import type { Statement } from '../src/domain/reconciliation/statement';
import { measureImport, settle, syntheticTransactions } from './import-camt';

/**
 * BAI2 import speed and memory: a file of 1,000,000 transaction details (about 100 MB, long
 * texts continued on 88 records, trailers with control totals) written by `writeBai2` is fed in
 * 64 KiB chunks to the streaming parser with a sink that only counts; then a file a tenth the
 * size, to show that memory does not grow with the file.
 */
export async function benchImportBai2(): Promise<Record<string, number | string>> {
  const large = measureImport(buildBai2File(1000, 1000), createBai2Parser);
  await settle();
  const small = measureImport(buildBai2File(100, 1000), createBai2Parser);
  return { ...withPrefix('large', large), ...withPrefix('small', small) };
}

/** One account-day per statement: BAI2 dates every detail by its group's as-of date. */
function buildBai2File(statementCount: number, transactionsPerStatement: number): string {
  const statements: Statement[] = [];
  for (let index = 0; index < statementCount; index++) {
    const date = `2024-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`;
    const transactions = syntheticTransactions(index, transactionsPerStatement).map((transaction) => ({ ...transaction, date }));
    statements.push({
      accountId: String(100_000_000 + (index % 250)),
      currency: 'USD',
      openingBalanceMinor: 1_000_000,
      closingBalanceMinor: transactions.reduce((sum, transaction) => sum + transaction.amountMinor, 1_000_000),
      startDate: date,
      endDate: date,
      transactions,
    });
  }
  return writeBai2({ statements }, { senderId: 'BENCHBANK', receiverId: 'CUSTOMER', createdAt: '2025-01-01T06:00' });
}

function withPrefix(name: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${name}_${key}`, value]));
}
