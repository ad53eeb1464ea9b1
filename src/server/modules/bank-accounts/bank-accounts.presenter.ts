import type { Actor } from '../../context';
import type { BankAccountRow, LedgerSide, StatementImportRow } from '../../db/schema';
import { bankAccountAbilities } from '../../policies/bank-account.policy';
import type { BankAccountDto, ImportSummaryDto } from '../../../shared/bank-accounts';
import type { AccountActivity } from './bank-accounts.repository';

/** An account with its import summary, which only viewers of the firm's working papers get. */
export function presentBankAccount(actor: Actor, account: BankAccountRow, activity: AccountActivity): BankAccountDto {
  const abilities = bankAccountAbilities(actor, account);
  const side = (which: LedgerSide) => {
    const last = activity.lastImports.find((i) => i.bankAccountId === account.id && i.side === which);
    const unreconciled = activity.unreconciled.find((u) => u.bankAccountId === account.id && u.side === which);
    return { lastImport: last ? presentImportSummary(last) : null, unreconciledLines: unreconciled?.count ?? 0 };
  };
  return {
    id: account.id,
    clientId: account.clientId,
    name: account.name,
    institution: account.institution,
    accountIdentifier: account.accountIdentifier,
    accountNumberLast4: account.accountNumberLast4,
    currency: account.currency,
    glAccount: account.glAccount,
    active: account.active,
    version: account.version,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
    summary: abilities.readActivity ? { bank: side('bank'), ledger: side('ledger') } : null,
    abilities,
  };
}

export function presentImportSummary(row: StatementImportRow): ImportSummaryDto {
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format,
    startOn: row.startOn,
    endOn: row.endOn,
    closingBalanceMinor: row.closingBalanceMinor,
    importedAt: row.importedAt.toISOString(),
  };
}
