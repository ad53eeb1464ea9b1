import { describe, expect, it } from 'vitest';
import type { CsvMapping } from '../../../domain/reconciliation/importers/csv-mapping';
import { mappingFromRoles, rolesFromMapping } from './csv-roles';

const base: CsvMapping = {
  delimiter: ',',
  headerRowIndex: 0,
  headers: ['Date', 'Description', 'Check Number', 'Amount', 'Balance'],
  dateColumn: 0,
  dateFormat: 'MM/DD/YYYY',
  decimalMark: '.',
  amount: { kind: 'signed', column: 3 },
  descriptionColumns: [1],
  referenceColumn: 2,
  bankIdColumn: null,
  balanceColumn: 4,
  currencyColumn: null,
  accountColumn: null,
};

describe('the column roles of the CSV import preview', () => {
  it('labels each column with what the detected mapping reads from it', () => {
    expect(rolesFromMapping(base, 5)).toEqual(['date', 'description', 'reference', 'amount', 'balance']);
  });

  it('gives back the same mapping when no role is changed', () => {
    expect(mappingFromRoles(base, rolesFromMapping(base, 5))).toEqual({
      ok: true,
      mapping: base,
    });
  });

  it('reads debit and credit columns when the person splits the amount', () => {
    const outcome = mappingFromRoles(base, ['date', 'description', 'ignore', 'debit', 'credit']);
    expect(outcome).toMatchObject({
      ok: true,
      mapping: {
        amount: { kind: 'debitCredit', debitColumn: 3, creditColumn: 4 },
        balanceColumn: null,
        referenceColumn: null,
      },
    });
  });

  it('refuses a layout without a date column', () => {
    expect(mappingFromRoles(base, ['ignore', 'description', 'ignore', 'amount', 'ignore'])).toEqual({ ok: false, problem: 'Choose the column that holds the date.' });
  });

  it('refuses a layout with only a money-out column', () => {
    expect(mappingFromRoles(base, ['date', 'description', 'ignore', 'debit', 'ignore'])).toMatchObject({ ok: false });
  });

  it('keeps the negation of a signed amount column', () => {
    const negated: CsvMapping = {
      ...base,
      amount: { kind: 'signed', column: 3, negate: true },
    };
    expect(mappingFromRoles(negated, rolesFromMapping(negated, 5))).toMatchObject({
      ok: true,
      mapping: { amount: { kind: 'signed', column: 3, negate: true } },
    });
  });
});
