import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { randomUUID } from 'node:crypto';
import type { StatementHeader, StatementSink, StatementTransaction } from '../../../domain/reconciliation/statement';

/** One statement of a spooled file: its header, how many transactions it has, and its index in the file. */
export interface SpooledStatement extends StatementHeader {
  index: number;
  count: number;
}

/** A transaction read back from the spool, with its 1-based position among all the file's transactions. */
export interface SpooledTransaction extends StatementTransaction {
  position: number;
}

/** Transactions buffered before they are appended to the spool file. */
const FLUSH_EVERY = 2_000;

/**
 * A statement sink that keeps the transactions in a spool file (one JSON array per line) rather
 * than in memory, so that an import's memory does not grow with the file: the job parses the
 * whole file first (the header that says which account it is comes last), then reads back only
 * the statement it imports. The file is written synchronously in blocks, since a sink cannot
 * wait; `close()` flushes, and `remove()` deletes it.
 */
export function createLineSpool(dir: string): StatementSink & {
  readonly statements: SpooledStatement[];
  close(): void;
  read(indexes: ReadonlySet<number>): AsyncGenerator<SpooledTransaction>;
  remove(): Promise<void>;
} {
  const file = path.join(dir, `${randomUUID()}.lines`);
  const fd = fs.openSync(file, 'w', 0o600);
  let isOpen = true;
  const statements: SpooledStatement[] = [];
  let pending: string[] = [];
  let position = 0;
  let count = 0;
  const flush = () => {
    if (pending.length > 0) {
      fs.writeSync(fd, pending.join(''));
      pending = [];
    }
  };
  return {
    statements,
    beginStatement() {
      count = 0;
    },
    transaction(t) {
      position += 1;
      count += 1;
      pending.push(`${JSON.stringify([statements.length, position, t.date, t.amountMinor, t.description, t.reference, t.bankId])}\n`);
      if (pending.length >= FLUSH_EVERY) {
        flush();
      }
    },
    endStatement(header) {
      statements.push({ ...header, index: statements.length, count });
      count = 0;
    },
    close() {
      if (isOpen) {
        flush();
        fs.closeSync(fd);
        isOpen = false;
      }
    },
    async *read(indexes) {
      const lines = readline.createInterface({ input: fs.createReadStream(file, { highWaterMark: 256 * 1024 }), crlfDelay: Infinity });
      for await (const line of lines) {
        const [index, at, date, amountMinor, description, reference, bankId] = JSON.parse(line) as [number, number, string, number, string, string | null, string | null];
        if (indexes.has(index)) {
          yield { position: at, date, amountMinor, description, reference, bankId };
        }
      }
    },
    async remove() {
      if (isOpen) {
        fs.closeSync(fd);
        isOpen = false;
      }
      await fs.promises.rm(file, { force: true });
    },
  };
}
