import { useEffect, useState } from 'react';
import { Button, Drawer, Group, NumberInput, SegmentedControl, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { currencyExponent, parseAmount } from '../../../../domain/money';
import { ADJUSTMENT_REASON_CODES, ADJUSTMENT_REASON_LABELS, AdjustmentReasonCodeSchema, type AdjustmentReasonCode, type ReconciliationRuleDto } from '../../../../shared/reconciliation';
import { formatAmount } from '../../../components/Amount';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { problemFieldErrors } from '../../../lib/form-errors';
import { createRule, updateRule } from '../api/reconciliation-api';
import { recKeys } from '../use-reconciliation';

export interface RuleFormDrawerProps {
  /** The rule to edit; null creates a firm-wide rule. */
  rule: ReconciliationRuleDto | null;
  opened: boolean;
  onClose: () => void;
}

interface Fields {
  name: string;
  descriptionContains: string;
  kind: 'adjustment' | 'tolerance';
  direction: 'any' | 'in' | 'out';
  reasonCode: AdjustmentReasonCode;
  account: string;
  amountTolerance: string;
  dateToleranceDays: number | '';
  active: boolean;
}

const REASON_OPTIONS = ADJUSTMENT_REASON_CODES.map((code) => ({
  value: code,
  label: ADJUSTMENT_REASON_LABELS[code],
}));
const LABELS = {
  name: 'Name',
  descriptionContains: 'Description contains',
  amountToleranceMinor: 'Amount tolerance',
  dateToleranceDays: 'Date tolerance',
  account: 'Account',
};

function fieldsOf(rule: ReconciliationRuleDto | null): Fields {
  const reason = AdjustmentReasonCodeSchema.safeParse(rule?.reasonCode);
  return {
    name: rule?.name ?? '',
    descriptionContains: rule?.descriptionContains ?? '',
    kind: rule?.kind ?? 'adjustment',
    direction: rule?.direction ?? 'any',
    reasonCode: reason.success ? reason.data : 'bank_fee',
    account: rule?.account ?? '',
    amountTolerance: rule?.amountToleranceMinor !== null && rule?.amountToleranceMinor !== undefined ? formatAmount(rule.amountToleranceMinor) : '',
    dateToleranceDays: rule?.dateToleranceDays ?? '',
    active: rule?.active ?? true,
  };
}

/** Creates or edits a matching rule. Amounts are typed as money ("5.00") and sent as minor units. */
export function RuleFormDrawer({ rule, opened, onClose }: RuleFormDrawerProps) {
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>(fieldsOf(rule));
  const [toleranceError, setToleranceError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (values: Fields & { amountToleranceMinor: number | null }) => {
      const common = {
        name: values.name.trim(),
        descriptionContains: values.descriptionContains.trim(),
        kind: values.kind,
        direction: values.direction,
        reasonCode: values.reasonCode,
        account: values.account.trim() || null,
        amountToleranceMinor: values.amountToleranceMinor,
        dateToleranceDays: values.dateToleranceDays === '' ? null : values.dateToleranceDays,
        active: values.active,
      };
      return rule ? updateRule(rule.id, { ...common, version: rule.version }) : createRule({ ...common, clientId: null });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: recKeys.rules });
      onClose();
    },
  });

  useEffect(() => {
    if (opened) {
      setFields(fieldsOf(rule));
      setToleranceError(null);
      save.reset();
    }
  }, [opened, rule]); // each opening starts from the rule as it is

  const errors = problemFieldErrors(save.error, LABELS);
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields((f) => ({ ...f, [key]: value }));

  function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    const text = fields.amountTolerance.trim();
    const minor = text === '' ? null : parseAmount(text, { exponent: currencyExponent(null) });
    if (text !== '' && (minor === null || minor < 0)) {
      setToleranceError('Enter an amount such as 5.00');
      return;
    }
    if (fields.kind === 'tolerance' && minor === null) {
      setToleranceError('A tolerance rule needs an amount tolerance');
      return;
    }
    save.mutate({ ...fields, amountToleranceMinor: minor });
  }

  return (
    <Drawer opened={opened} onClose={onClose} title={rule ? `Edit “${rule.name}”` : 'New matching rule'} size="md">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <TextInput label="Name" required withAsterisk value={fields.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} data-autofocus />
          <SegmentedControl
            aria-label="Kind"
            value={fields.kind}
            onChange={(v) => set('kind', v === 'tolerance' ? 'tolerance' : 'adjustment')}
            data={[
              { value: 'adjustment', label: 'Adjustment for bank-only lines' },
              { value: 'tolerance', label: 'Tolerance' },
            ]}
          />
          <TextInput
            label="Description contains"
            description="Matched without case against the bank line's description"
            required
            withAsterisk
            value={fields.descriptionContains}
            onChange={(e) => set('descriptionContains', e.currentTarget.value)}
            error={errors.descriptionContains}
          />
          <Select
            label="Direction"
            data={[
              { value: 'any', label: 'Money in or out' },
              { value: 'out', label: 'Money out only' },
              { value: 'in', label: 'Money in only' },
            ]}
            value={fields.direction}
            allowDeselect={false}
            onChange={(v) => set('direction', v === 'in' || v === 'out' ? v : 'any')}
          />
          <Group grow align="flex-start">
            <Select
              label="Reason"
              data={REASON_OPTIONS}
              value={fields.reasonCode}
              allowDeselect={false}
              onChange={(v) => set('reasonCode', REASON_OPTIONS.find((o) => o.value === v)?.value ?? 'other')}
            />
            <TextInput label="Account" placeholder="6100 Bank charges" value={fields.account} onChange={(e) => set('account', e.currentTarget.value)} error={errors.account} />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label="Amount tolerance"
              description={fields.kind === 'tolerance' ? 'Largest difference accepted' : 'Optional'}
              placeholder="0.00"
              value={fields.amountTolerance}
              onChange={(e) => {
                set('amountTolerance', e.currentTarget.value);
                setToleranceError(null);
              }}
              error={toleranceError ?? errors.amountToleranceMinor}
              styles={{
                input: {
                  textAlign: 'right',
                  fontVariantNumeric: 'tabular-nums',
                },
              }}
              {...(fields.kind === 'tolerance' ? { required: true, withAsterisk: true } : {})}
            />
            <NumberInput
              label="Date tolerance (days)"
              description="Optional"
              min={0}
              max={60}
              allowDecimal={false}
              value={fields.dateToleranceDays}
              onChange={(v) => set('dateToleranceDays', typeof v === 'number' ? v : '')}
              error={errors.dateToleranceDays}
            />
          </Group>
          <Switch label="Active" checked={fields.active} onChange={(e) => set('active', e.currentTarget.checked)} />
          {save.error && Object.keys(errors).length === 0 ? <ProblemAlert error={save.error} /> : null}
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {rule ? 'Save' : 'Create rule'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
