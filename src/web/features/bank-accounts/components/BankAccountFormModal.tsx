import { useEffect, useState } from 'react';
import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { BankAccountDto } from '../../../../shared/bank-accounts';
import { isApiError } from '../../../api/api-error';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { problemFieldErrors } from '../../../lib/form-errors';
import { useCreateBankAccount, useUpdateBankAccount } from '../use-bank-accounts';

export interface BankAccountFormModalProps {
  clientId: string;
  /** The account to edit; null adds a new one. */
  account: BankAccountDto | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (account: BankAccountDto) => void;
}

interface Fields {
  name: string;
  institution: string;
  accountIdentifier: string;
  accountNumberLast4: string;
  currency: string;
  glAccount: string;
  active: boolean;
}

const LABELS: Record<string, string> = {
  name: 'Name',
  institution: 'Bank',
  accountIdentifier: 'Account identifier',
  accountNumberLast4: 'Last four',
  currency: 'Currency',
  glAccount: 'GL cash account',
};

function fieldsOf(account: BankAccountDto | null): Fields {
  return {
    name: account?.name ?? '',
    institution: account?.institution ?? '',
    accountIdentifier: account?.accountIdentifier ?? '',
    accountNumberLast4: account?.accountNumberLast4 ?? '',
    currency: account?.currency ?? 'USD',
    glAccount: account?.glAccount ?? '',
    active: account?.active ?? true,
  };
}

/** Adds a bank account to a client, or edits one (name, bank, identifier, currency, GL cash account). */
export function BankAccountFormModal({ clientId, account, opened, onClose, onSaved }: BankAccountFormModalProps) {
  const [fields, setFields] = useState<Fields>(fieldsOf(account));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useCreateBankAccount(clientId);
  const update = useUpdateBankAccount(account?.id ?? '');
  const mutation = account ? update : create;

  useEffect(() => {
    if (opened) {
      setFields(fieldsOf(account));
      setLocalErrors({});
      create.reset();
      update.reset();
    }
  }, [opened, account]); // each opening starts from the account as it is

  const serverErrors = problemFieldErrors(mutation.error, LABELS);
  const errorOf = (key: keyof Fields) => localErrors[key] ?? serverErrors[key] ?? null;

  function set<K extends keyof Fields>(key: K, value: Fields[K]) {
    setFields((f) => ({ ...f, [key]: value }));
    setLocalErrors((e) => ({ ...e, [key]: '' }));
  }

  function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (fields.name.trim() === '') {
      errors.name = 'Name is required';
    }
    if (!/^[A-Za-z]{3}$/.test(fields.currency.trim())) {
      errors.currency = 'Currency must be a three-letter code such as USD';
    }
    if (fields.accountNumberLast4.trim() !== '' && !/^[0-9A-Za-z]{4}$/.test(fields.accountNumberLast4.trim())) {
      errors.accountNumberLast4 = 'Last four must be four letters or digits';
    }
    if (Object.keys(errors).length > 0) {
      setLocalErrors(errors);
      return;
    }
    const body = {
      name: fields.name.trim(),
      institution: fields.institution.trim(),
      accountIdentifier: fields.accountIdentifier.trim() || null,
      accountNumberLast4: fields.accountNumberLast4.trim() || null,
      currency: fields.currency.trim().toUpperCase(),
      glAccount: fields.glAccount.trim(),
    };
    const done = (saved: BankAccountDto) => {
      onSaved?.(saved);
      onClose();
    };
    if (account) {
      update.mutate({ ...body, active: fields.active, version: account.version }, { onSuccess: done });
    } else {
      create.mutate(body, { onSuccess: done });
    }
  }

  const hasFieldErrors = isApiError(mutation.error) && Object.keys(serverErrors).length > 0;
  return (
    <Modal opened={opened} onClose={onClose} title={account ? `Edit ${account.name}` : 'Add a bank account'} size="lg">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              placeholder="Operating account"
              required
              withAsterisk
              value={fields.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errorOf('name')}
              data-autofocus
            />
            <TextInput label="Bank" placeholder="First Harbor Bank" value={fields.institution} onChange={(e) => set('institution', e.currentTarget.value)} error={errorOf('institution')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label="Account identifier"
              description="As statement files write it (account number, IBAN); files for another account are refused"
              value={fields.accountIdentifier}
              onChange={(e) => set('accountIdentifier', e.currentTarget.value)}
              error={errorOf('accountIdentifier')}
            />
            <TextInput
              label="Last four"
              description="Shown wherever the account is named"
              maxLength={4}
              value={fields.accountNumberLast4}
              onChange={(e) => set('accountNumberLast4', e.currentTarget.value)}
              error={errorOf('accountNumberLast4')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label="Currency"
              required
              withAsterisk
              maxLength={3}
              value={fields.currency}
              onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())}
              error={errorOf('currency')}
            />
            <TextInput label="GL cash account" placeholder="1010 Operating cash" value={fields.glAccount} onChange={(e) => set('glAccount', e.currentTarget.value)} error={errorOf('glAccount')} />
          </Group>
          {account ? <Checkbox label="Active (inactive accounts cannot be reconciled)" checked={fields.active} onChange={(e) => set('active', e.currentTarget.checked)} /> : null}
          {mutation.error && !hasFieldErrors ? <ProblemAlert error={mutation.error} /> : null}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {account ? 'Save' : 'Add account'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
