import type { CsvMapping } from '../../../domain/reconciliation/importers/csv-mapping';

/** What one CSV column holds, as the import preview's column selects offer it. */
export type ColumnRole = 'ignore' | 'date' | 'description' | 'amount' | 'debit' | 'credit' | 'indicator' | 'reference' | 'bankId' | 'balance' | 'currency' | 'account';

export const COLUMN_ROLE_LABELS: Record<ColumnRole, string> = {
  ignore: '— ignore —',
  date: 'Date',
  description: 'Description',
  amount: 'Amount (signed)',
  debit: 'Money out (debit)',
  credit: 'Money in (credit)',
  indicator: 'Debit/credit indicator',
  reference: 'Reference / check no.',
  bankId: 'Transaction id',
  balance: 'Running balance',
  currency: 'Currency',
  account: 'Account',
};

/** The role of each of `columnCount` columns under `mapping`. */
export function rolesFromMapping(mapping: CsvMapping, columnCount: number): ColumnRole[] {
  const roles: ColumnRole[] = Array.from({ length: columnCount }, () => 'ignore');
  const put = (column: number | null | undefined, role: ColumnRole) => {
    if (column !== null && column !== undefined && column < columnCount) {
      roles[column] = role;
    }
  };
  put(mapping.dateColumn, 'date');
  for (const column of mapping.descriptionColumns) {
    put(column, 'description');
  }
  switch (mapping.amount.kind) {
    case 'signed':
      put(mapping.amount.column, 'amount');
      break;
    case 'debitCredit':
      put(mapping.amount.debitColumn, 'debit');
      put(mapping.amount.creditColumn, 'credit');
      break;
    case 'amountAndIndicator':
      put(mapping.amount.column, 'amount');
      put(mapping.amount.indicatorColumn, 'indicator');
      break;
  }
  put(mapping.referenceColumn, 'reference');
  put(mapping.bankIdColumn, 'bankId');
  put(mapping.balanceColumn, 'balance');
  put(mapping.currencyColumn, 'currency');
  put(mapping.accountColumn, 'account');
  return roles;
}

export type RolesOutcome = { ok: true; mapping: CsvMapping } | { ok: false; problem: string };

/**
 * The mapping `roles` describe, keeping the reading settings (delimiter, header row, date format,
 * decimal mark, currency, indicator values, negation) of `base`. A mapping needs exactly one date
 * column and either one signed amount column or a money-out and a money-in column.
 */
export function mappingFromRoles(base: CsvMapping, roles: readonly ColumnRole[]): RolesOutcome {
  const columnsOf = (role: ColumnRole) => roles.flatMap((r, index) => (r === role ? [index] : []));
  const single = (role: ColumnRole): number | null | 'many' => {
    const found = columnsOf(role);
    return found.length > 1 ? 'many' : (found[0] ?? null);
  };
  const date = single('date');
  if (date === null || date === 'many') {
    return {
      ok: false,
      problem: date === null ? 'Choose the column that holds the date.' : 'Only one column can be the date.',
    };
  }
  const amount = single('amount');
  const debit = single('debit');
  const credit = single('credit');
  const indicator = single('indicator');
  for (const [value, label] of [
    [amount, 'amount'],
    [debit, 'money-out'],
    [credit, 'money-in'],
    [indicator, 'indicator'],
  ] as const) {
    if (value === 'many') {
      return {
        ok: false,
        problem: `Only one column can be the ${label} column.`,
      };
    }
  }
  let amountSpec: CsvMapping['amount'];
  if (amount !== null && amount !== 'many' && indicator !== null && indicator !== 'many') {
    amountSpec = {
      kind: 'amountAndIndicator',
      column: amount,
      indicatorColumn: indicator,
      debitValues: base.amount.kind === 'amountAndIndicator' ? base.amount.debitValues : ['d', 'dr', 'debit'],
    };
  } else if (amount !== null && amount !== 'many') {
    amountSpec = {
      kind: 'signed',
      column: amount,
      ...(base.amount.kind === 'signed' && base.amount.negate ? { negate: true } : {}),
    };
  } else if (debit !== null && debit !== 'many' && credit !== null && credit !== 'many') {
    amountSpec = {
      kind: 'debitCredit',
      debitColumn: debit,
      creditColumn: credit,
    };
  } else {
    return {
      ok: false,
      problem: 'Choose the amount column, or both a money-out and a money-in column.',
    };
  }
  const optional = (role: ColumnRole): number | null => {
    const value = single(role);
    return value === 'many' ? (columnsOf(role)[0] ?? null) : value;
  };
  return {
    ok: true,
    mapping: {
      ...base,
      dateColumn: date,
      amount: amountSpec,
      descriptionColumns: columnsOf('description').slice(0, 8),
      referenceColumn: optional('reference'),
      bankIdColumn: optional('bankId'),
      balanceColumn: optional('balance'),
      currencyColumn: optional('currency'),
      accountColumn: optional('account'),
    },
  };
}
