/**
 * The one normalised statement model every importer produces (SPEC 3, `parse-statement --json`).
 * Amounts are integer minor units of the statement's currency; money out of the account is
 * negative. Dates are `YYYY-MM-DD`.
 */
import type { LocalDate } from '../dates';

export const STATEMENT_FORMATS = ['csv', 'xlsx', 'ofx', 'qfx', 'camt', 'bai2', 'mt940', 'qif'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

export interface StatementTransaction {
  date: LocalDate;
  /** Minor units; negative = money out of the account. */
  amountMinor: number;
  description: string;
  /** Check number or the customer's reference, when the file has one. */
  reference: string | null;
  /** The bank's own transaction id (OFX FITID, CAMT AcctSvcrRef, BAI2 bank reference …). */
  bankId: string | null;
}

/** What a file says about one account's statement, without its transactions. */
export interface StatementHeader {
  accountId: string | null;
  /** ISO 4217, null when the file does not say (CSV, QIF). */
  currency: string | null;
  openingBalanceMinor: number | null;
  closingBalanceMinor: number | null;
  /** The period the file states, else the first and last transaction dates; null without either. */
  startDate: LocalDate | null;
  endDate: LocalDate | null;
}

export interface Statement extends StatementHeader {
  transactions: StatementTransaction[];
}

export interface ParsedStatementFile {
  format: StatementFormat;
  statements: Statement[];
}

/**
 * Why a file was refused: `location` names the line or element ("line 14", "<Ntry> 3 / <Amt>"),
 * `problem` says what is wrong in words a user understands.
 */
export interface StatementProblem {
  location: string;
  problem: string;
}

export type ParseOutcome = { ok: true; value: ParsedStatementFile } | { ok: false; error: StatementProblem };

/**
 * Thrown inside streaming parsers when a file cannot be read; the collecting helpers turn it into
 * a `ParseOutcome`. Only importers throw it, and only for a file that must be refused whole.
 */
export class StatementFormatError extends Error {
  constructor(
    readonly location: string,
    readonly problem: string,
  ) {
    super(`${location}: ${problem}`);
    this.name = 'StatementFormatError';
  }
}

/**
 * Receives a statement file as it is parsed, so that a million-line file never has to be held
 * whole: `beginStatement` before an account's transactions, `transaction` for each, and
 * `endStatement` with the header once the account is complete (balances often come last).
 */
export interface StatementSink {
  beginStatement(): void;
  transaction(transaction: StatementTransaction): void;
  endStatement(header: StatementHeader): void;
}

/** A push parser: feed text chunks in order, then `end()`. Throws `StatementFormatError`. */
export interface StreamingStatementParser {
  write(chunk: string): void;
  end(): void;
}

/** One line of a one-line refusal: "statement.ofx, line 14: amount '12,3.4' is not a number". */
export function describeProblem(fileName: string, problem: StatementProblem): string {
  return `${fileName}, ${problem.location}: ${problem.problem}`;
}

/** A sink that keeps everything, for files of ordinary size and for tests. */
export function createCollectingSink(): StatementSink & { statements: Statement[] } {
  const statements: Statement[] = [];
  let current: StatementTransaction[] = [];
  return {
    statements,
    beginStatement() {
      current = [];
    },
    transaction(transaction) {
      current.push(transaction);
    },
    endStatement(header) {
      statements.push({ ...header, transactions: current });
      current = [];
    },
  };
}

/**
 * Runs a streaming parser over whole text and collects the statements; a `StatementFormatError`
 * becomes `{ ok: false }`, anything else is a bug and propagates.
 */
export function collectStatements(
  format: StatementFormat,
  text: string,
  createParser: (sink: StatementSink) => StreamingStatementParser,
): ParseOutcome {
  const sink = createCollectingSink();
  try {
    const parser = createParser(sink);
    parser.write(text);
    parser.end();
  } catch (error) {
    if (error instanceof StatementFormatError) {
      return { ok: false, error: { location: error.location, problem: error.problem } };
    }
    throw error;
  }
  return { ok: true, value: { format, statements: sink.statements } };
}

/** First and last dates of a list of transactions, for files that state no period. */
export function transactionDateRange(transactions: readonly StatementTransaction[]): { startDate: LocalDate | null; endDate: LocalDate | null } {
  let startDate: LocalDate | null = null;
  let endDate: LocalDate | null = null;
  for (const { date } of transactions) {
    if (startDate === null || date < startDate) {
      startDate = date;
    }
    if (endDate === null || date > endDate) {
      endDate = date;
    }
  }
  return { startDate, endDate };
}
