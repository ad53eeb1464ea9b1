import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconEdit, IconListCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReconciliationRuleDto } from '../../../shared/reconciliation';
import { ConfirmModal } from '../../components/ConfirmModal';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Amount } from '../../components/Amount';
import { deleteRule, listRules } from './api/reconciliation-api';
import { RuleFormDrawer } from './components/RuleFormDrawer';
import { reasonLabel } from './line-state';
import { recKeys } from './use-reconciliation';

const DIRECTION_LABELS = {
  any: 'In or out',
  in: 'Money in',
  out: 'Money out',
} as const;

/**
 * The firm's matching rules: "description contains SERVICE CHARGE → propose a bank-fee adjustment
 * to 6100", and tolerance rules that accept a small difference as an adjustment. Firm-wide rules
 * and those of one client; rules proposed from repeated manual matches are created from the
 * reconciliation page.
 */
export function RulesPage() {
  const queryClient = useQueryClient();
  const rules = useQuery({
    queryKey: recKeys.rules,
    queryFn: () => listRules(),
  });
  const [editing, setEditing] = useState<ReconciliationRuleDto | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ReconciliationRuleDto | null>(null);
  const remove = useMutation({
    mutationFn: (rule: ReconciliationRuleDto) => deleteRule(rule.id, rule.version),
    onSuccess: () => {
      setDeleting(null);
      notifications.show({
        color: 'green',
        title: 'Rule deleted',
        message: 'Matching no longer uses it.',
      });
      void queryClient.invalidateQueries({ queryKey: recKeys.rules });
    },
  });
  const items = rules.data?.items ?? [];
  const canCreate = rules.data?.abilities.create ?? false;

  return (
    <>
      <PageHeader
        title="Matching rules"
        description="Rules turn recurring bank-only lines (fees, interest) into proposed adjustments, and accept small differences within a tolerance. Matching applies them on its next run."
        actions={
          canCreate ? (
            <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
              New rule
            </Button>
          ) : null
        }
      />
      {rules.error ? <ProblemAlert error={rules.error} onRetry={() => void rules.refetch()} /> : null}
      <Card padding={0}>
        {rules.isPending ? (
          <Stack p="md" gap={6}>
            <Skeleton h={28} />
            <Skeleton h={28} />
          </Stack>
        ) : items.length === 0 ? (
          <EmptyState
            icon={<IconListCheck size={28} aria-hidden="true" />}
            title="No rules yet"
            description="Add one for the bank's monthly service charge, for example: description contains “SERVICE CHARGE” → Bank fee, account 6100. Rules are also proposed on reconciliations when the same manual adjustment repeats."
            action={canCreate ? <Button onClick={() => setEditing('new')}>New rule</Button> : undefined}
          />
        ) : (
          <Table className="tm-dense" horizontalSpacing="md" aria-label="Matching rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Applies to</Table.Th>
                <Table.Th>Description contains</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Reason · account</Table.Th>
                <Table.Th ta="right">Tolerance</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th w={80} aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((rule) => (
                <Table.Tr key={rule.id}>
                  <Table.Td fz="sm" fw={600}>
                    {rule.name}
                  </Table.Td>
                  <Table.Td fz="sm">
                    {rule.client ? (
                      rule.client.name
                    ) : (
                      <Text span fz="sm" c="dimmed">
                        Every client
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td fz="sm">
                    <code>{rule.descriptionContains}</code>
                    <Text span fz="xs" c="dimmed" ml={6}>
                      {DIRECTION_LABELS[rule.direction]}
                    </Text>
                  </Table.Td>
                  <Table.Td fz="sm">{rule.kind === 'adjustment' ? 'Adjustment' : 'Tolerance'}</Table.Td>
                  <Table.Td fz="sm">
                    {reasonLabel(rule.reasonCode)}
                    {rule.account ? (
                      <Text span c="dimmed" fz="sm">
                        {' · '}
                        {rule.account}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right" fz="sm">
                    {rule.amountToleranceMinor !== null ? <Amount minor={rule.amountToleranceMinor} /> : '—'}
                    {rule.dateToleranceDays !== null ? (
                      <Text span fz="xs" c="dimmed" ml={6}>
                        ±{rule.dateToleranceDays}d
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" color={rule.active ? 'green' : 'gray'} variant="light">
                      {rule.active ? 'Active' : 'Off'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {rule.abilities.update ? (
                        <Tooltip label="Edit">
                          <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${rule.name}`} onClick={() => setEditing(rule)}>
                            <IconEdit size={16} aria-hidden="true" />
                          </ActionIcon>
                        </Tooltip>
                      ) : null}
                      {rule.abilities.delete ? (
                        <Tooltip label="Delete">
                          <ActionIcon variant="subtle" color="red" aria-label={`Delete ${rule.name}`} onClick={() => setDeleting(rule)}>
                            <IconTrash size={16} aria-hidden="true" />
                          </ActionIcon>
                        </Tooltip>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <RuleFormDrawer rule={editing === 'new' ? null : editing} opened={editing !== null} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={deleting !== null}
        title="Delete this rule?"
        confirmLabel="Delete rule"
        color="red"
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      >
        Matching stops using “{deleting?.name}”. Adjustments it proposed before stay as they are.
      </ConfirmModal>
    </>
  );
}
