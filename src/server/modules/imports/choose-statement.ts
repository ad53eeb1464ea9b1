import type { LocalDate } from '../../../domain/dates';
import type { StatementHeader } from '../../../domain/reconciliation/statement';
import type { BankAccountRow, LedgerSide } from '../../db/schema';
import { JobFailedError } from '../../jobs/types';
import type { SpooledStatement } from './line-spool';

/** The statement to import: its header (several statements of one account merged) and which of the file's statements it is made of. */
export interface ChosenStatement {
  header: StatementHeader;
  indexes: ReadonlySet<number>;
  /** Its transactions, all statements together. */
  count: number;
}

/**
 * The statement of a file that belongs to `account`, refused (as the job's one-line error) when
 * it is not there or cannot be told apart:
 * - on the bank side, a statement naming another account than the account's identifier is not
 *   this account's; when the account has no identifier, a file with several accounts is ambiguous;
 * - several statements of the same account (a file of consecutive statements) are imported as one;
 * - a statement in another currency than the account's is refused.
 */
export function chooseStatement(statements: readonly SpooledStatement[], account: Pick<BankAccountRow, 'name' | 'accountIdentifier' | 'currency'>, side: LedgerSide, fileName: string): ChosenStatement {
  if (statements.length === 0) {
    throw new JobFailedError(`${fileName}: the file holds no statement to import.`);
  }
  const wanted = side === 'bank' && account.accountIdentifier ? normaliseAccountId(account.accountIdentifier) : null;
  const named = [...new Set(statements.map((s) => s.accountId).filter((id): id is string => id !== null && id.trim() !== ''))];
  let candidates = statements;
  if (wanted !== null) {
    candidates = statements.filter((s) => s.accountId === null || s.accountId.trim() === '' || normaliseAccountId(s.accountId) === wanted);
    if (candidates.length === 0) {
      throw new JobFailedError(`${fileName}: the file is for account ${named.join(', ')}, not for ${account.name} (${account.accountIdentifier ?? ''}).`);
    }
  } else if (side === 'bank' && new Set(named.map(normaliseAccountId)).size > 1) {
    throw new JobFailedError(
      `${fileName}: the file holds statements of ${named.length} accounts (${named.join(', ')}); set the account identifier of ${account.name} to the one to import.`,
    );
  }
  const foreign = candidates.find((s) => s.currency !== null && s.currency.trim().toUpperCase() !== account.currency.trim().toUpperCase());
  if (foreign) {
    throw new JobFailedError(`${fileName}: the statement is in ${foreign.currency ?? ''}, but ${account.name} is a ${account.currency} account.`);
  }
  return { header: mergeHeaders(candidates), indexes: new Set(candidates.map((c) => c.index)), count: candidates.reduce((sum, c) => sum + c.count, 0) };
}

/** An account id as compared between a file and the account: letters and digits only, upper case. */
export function normaliseAccountId(id: string): string {
  return id.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

/** Consecutive statements of one account as one: the first opening balance, the last closing balance, the whole period. */
function mergeHeaders(statements: readonly SpooledStatement[]): StatementHeader {
  const first = statements[0];
  const last = statements[statements.length - 1];
  if (!first || !last) {
    throw new Error('mergeHeaders needs at least one statement');
  }
  const dates = (pick: (s: SpooledStatement) => LocalDate | null) => statements.map(pick).filter((d): d is LocalDate => d !== null).sort();
  return {
    accountId: statements.find((s) => s.accountId)?.accountId ?? null,
    currency: statements.find((s) => s.currency)?.currency ?? null,
    openingBalanceMinor: first.openingBalanceMinor,
    closingBalanceMinor: last.closingBalanceMinor,
    startDate: dates((s) => s.startDate)[0] ?? null,
    endDate: dates((s) => s.endDate).at(-1) ?? null,
  };
}
