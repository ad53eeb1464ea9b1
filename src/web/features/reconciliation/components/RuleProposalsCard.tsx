import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconBulb, IconPlus } from '@tabler/icons-react';
import { AdjustmentReasonCodeSchema, type RuleProposalDto } from '../../../../shared/reconciliation';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { createRule } from '../api/reconciliation-api';
import { reasonLabel } from '../line-state';
import { recKeys, useRuleProposals } from '../use-reconciliation';

export interface RuleProposalsCardProps {
  recId: string;
  clientId: string;
}

/** Rules the firm could add, learned from repeated manual matches, with "Create rule". Hidden when there are none. */
export function RuleProposalsCard({ recId, clientId }: RuleProposalsCardProps) {
  const proposals = useRuleProposals(recId, true);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (proposal: RuleProposalDto) => {
      const reason = AdjustmentReasonCodeSchema.safeParse(proposal.reasonCode);
      return createRule({
        clientId,
        name: proposal.name,
        descriptionContains: proposal.descriptionContains,
        kind: proposal.kind,
        direction: proposal.direction,
        reasonCode: reason.success ? reason.data : 'other',
        account: proposal.account,
        amountToleranceMinor: proposal.amountToleranceMinor,
        dateToleranceDays: proposal.dateToleranceDays,
      });
    },
    onSuccess: (rule) => {
      notifications.show({
        color: 'green',
        title: 'Rule created',
        message: `“${rule.name}” applies from the next matching run.`,
      });
      void queryClient.invalidateQueries({
        queryKey: recKeys.proposals(recId),
      });
      void queryClient.invalidateQueries({ queryKey: recKeys.rules });
    },
  });
  const items = proposals.data?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  return (
    <Card padding="md">
      <Group gap="xs" mb="xs">
        <IconBulb size={18} aria-hidden="true" color="var(--mantine-color-yellow-7)" />
        <Title order={2} fz="md">
          Rules you could add
        </Title>
      </Group>
      <Stack gap="sm">
        {items.map((proposal) => (
          <Group key={proposal.key} justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text fz="sm" fw={600}>
                {proposal.name}
              </Text>
              <Text fz="xs" c="dimmed">
                Description contains “{proposal.descriptionContains}” → {reasonLabel(proposal.reasonCode)}
                {proposal.account ? ` to ${proposal.account}` : ''} · {proposal.explanation}
              </Text>
            </Stack>
            {proposals.data?.abilities.createRule ? (
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconPlus size={14} aria-hidden="true" />}
                onClick={() => create.mutate(proposal)}
                loading={create.isPending && create.variables.key === proposal.key}
              >
                Create rule
              </Button>
            ) : null}
          </Group>
        ))}
        {create.error ? <ProblemAlert error={create.error} /> : null}
      </Stack>
    </Card>
  );
}
