import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatMinor, currencyExponent } from '../domain/money';
import { STATEMENT_FORMATS, StatementFormatError, createCollectingSink, describeProblem, type ParsedStatementFile, type Statement, type StatementFormat } from '../domain/reconciliation/statement';
import { parseStatementStream } from '../server/statements/parse-file';
import { createProgress } from './progress';

const USAGE = 'Usage: tickmark parse-statement FILE [--format auto|csv|xlsx|ofx|qfx|camt|bai2|mt940|qif] [--json]';

/**
 * `tickmark parse-statement FILE`: reads a bank statement file as a stream (never whole in
 * memory) and prints the normalised statements — as the public `--json` contract of SPEC 3, or a
 * short human summary. A malformed file exits 2 with one line naming the file, place and problem.
 */
export async function parseStatementCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, format: { type: 'string', default: 'auto' } } });
  } catch (error) {
    process.stderr.write(`tickmark parse-statement: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const file = parsed.positionals[0];
  const format = parsed.values.format;
  if (!file || parsed.positionals.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (format !== 'auto' && !isStatementFormat(format)) {
    process.stderr.write(`tickmark parse-statement: unknown format "${format}"\n${USAGE}\n`);
    return 2;
  }
  const outcome = await readStatementFile(file, format === 'auto' ? undefined : format);
  if (!outcome.ok) {
    process.stderr.write(`${outcome.message}\n`);
    return 2;
  }
  if (parsed.values.json) {
    await writeStatementJson(process.stdout, outcome.value);
  } else {
    process.stdout.write(summariseStatements(path.basename(file), outcome.value));
  }
  return 0;
}

export type ReadStatementOutcome = { ok: true; value: ParsedStatementFile } | { ok: false; message: string };

/**
 * Streams one statement file through the importers, with a progress bar on a terminal. Errors the
 * user can act on (missing file, malformed content) come back as one line; bugs propagate.
 */
export async function readStatementFile(file: string, format?: StatementFormat, options: { ledger?: boolean } = {}): Promise<ReadStatementOutcome> {
  const fileName = path.basename(file);
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return { ok: false, message: `${fileName}: not a file` };
    }
    size = stat.size;
  } catch {
    return { ok: false, message: `${file}: no such file` };
  }
  const sink = createCollectingSink();
  const progress = createProgress(`Reading ${fileName}`, size);
  try {
    const result = await parseStatementStream(fs.createReadStream(file, { highWaterMark: 1 << 16 }), {
      fileName,
      format,
      totalBytes: size,
      onProgress: (done: number) => progress.update(done),
      sink,
      ledger: options.ledger ? {} : undefined,
    });
    progress.stop();
    return { ok: true, value: { format: result.format, statements: sink.statements } };
  } catch (error) {
    progress.stop();
    if (error instanceof StatementFormatError) {
      return { ok: false, message: describeProblem(fileName, { location: error.location, problem: error.problem }) };
    }
    throw error;
  }
}

/**
 * Writes the SPEC 3 JSON in pieces so a million transactions never become one giant string.
 * Key order follows the contract: format, statements[accountId, currency, balances, dates, transactions].
 */
export async function writeStatementJson(out: NodeJS.WritableStream, file: ParsedStatementFile): Promise<void> {
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write(`{"format":${JSON.stringify(file.format)},"statements":[`);
  for (const [s, statement] of file.statements.entries()) {
    const header = {
      accountId: statement.accountId,
      currency: statement.currency,
      openingBalanceMinor: statement.openingBalanceMinor,
      closingBalanceMinor: statement.closingBalanceMinor,
      startDate: statement.startDate,
      endDate: statement.endDate,
    };
    await write(`${s > 0 ? ',' : ''}${JSON.stringify(header).slice(0, -1)},"transactions":[`);
    let chunk = '';
    for (const [i, t] of statement.transactions.entries()) {
      chunk += `${i > 0 ? ',' : ''}${JSON.stringify({ date: t.date, amountMinor: t.amountMinor, description: t.description, reference: t.reference, bankId: t.bankId })}`;
      if (chunk.length > 1 << 16) {
        await write(chunk);
        chunk = '';
      }
    }
    await write(`${chunk}]}`);
  }
  await write(']}\n');
}

function summariseStatements(fileName: string, file: ParsedStatementFile): string {
  const lines = [`${fileName}: ${file.format.toUpperCase()}, ${file.statements.length} statement${file.statements.length === 1 ? '' : 's'}`];
  for (const statement of file.statements) {
    lines.push(...describeStatement(statement));
  }
  return `${lines.join('\n')}\n`;
}

function describeStatement(statement: Statement): string[] {
  const exponent = currencyExponent(statement.currency);
  const money = (minor: number | null) => (minor === null ? '—' : `${formatMinor(minor, exponent)}${statement.currency ? ` ${statement.currency}` : ''}`);
  const sum = statement.transactions.reduce((total, t) => total + t.amountMinor, 0);
  return [
    `  account ${statement.accountId ?? '(not stated)'} · ${statement.startDate ?? '?'} to ${statement.endDate ?? '?'}`,
    `    opening ${money(statement.openingBalanceMinor)} · closing ${money(statement.closingBalanceMinor)}`,
    `    ${statement.transactions.length} transactions, net ${money(sum)}`,
  ];
}

function isStatementFormat(value: string): value is StatementFormat {
  return (STATEMENT_FORMATS as readonly string[]).includes(value);
}
