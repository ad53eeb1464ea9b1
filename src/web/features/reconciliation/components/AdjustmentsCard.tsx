import { Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { ReconciliationDto } from '../../../../shared/reconciliation';
import { useFirmSettings } from '../../../app/use-firm';
import { Amount } from '../../../components/Amount';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatLocalDate } from '../../../lib/time';
import { reasonLabel } from '../line-state';
import { useApproveAdjustment } from '../use-reconciliation';

export interface AdjustmentsCardProps {
  rec: ReconciliationDto;
}

/** The adjustments the books need (fees, interest, NSF …): proposed by the preparer or a rule, approved by the reviewer. */
export function AdjustmentsCard({ rec }: AdjustmentsCardProps) {
  const settings = useFirmSettings();
  const approve = useApproveAdjustment(rec.id);
  const currency = rec.bankAccount.currency;
  const total = rec.adjustments.reduce((sum, a) => sum + a.amountMinor, 0);
  return (
    <Card padding={0}>
      <Group justify="space-between" px="md" py="sm">
        <Title order={2} fz="md">
          Adjustments to the books
        </Title>
        <Text fz="sm" c="dimmed">
          {rec.adjustments.length === 0 ? 'None' : `${rec.counts.proposedAdjustments} to approve`}
        </Text>
      </Group>
      {rec.adjustments.length === 0 ? (
        <Text fz="sm" c="dimmed" px="md" pb="md">
          Bank lines that are not in the books (fees, interest, returned items) become adjustments: select the line and press <b>m</b>, or open it and choose “Book an adjustment”.
        </Text>
      ) : (
        <Table className="tm-dense" aria-label="Adjustments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={96}>Date</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Reason · account</Table.Th>
              <Table.Th ta="right" w={120}>
                Amount
              </Table.Th>
              <Table.Th w={150}>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rec.adjustments.map((adjustment) => (
              <Table.Tr key={adjustment.matchId}>
                <Table.Td fz="sm" className="tm-num">
                  {formatLocalDate(adjustment.date, settings.dateFormat)}
                </Table.Td>
                <Table.Td
                  fz="sm"
                  style={{
                    maxWidth: 240,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                  }}
                >
                  {adjustment.description}
                </Table.Td>
                <Table.Td fz="sm">
                  {reasonLabel(adjustment.reasonCode)}
                  {adjustment.account ? (
                    <Text span c="dimmed" fz="sm">
                      {' · '}
                      {adjustment.account}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">
                  <Amount minor={adjustment.amountMinor} currency={currency} />
                </Table.Td>
                <Table.Td>
                  {adjustment.status === 'approved' ? (
                    <Badge size="sm" color="green" variant="light" title={adjustment.approvedBy ? `Approved by ${adjustment.approvedBy.name}` : undefined}>
                      Approved
                    </Badge>
                  ) : rec.abilities.approveAdjustment ? (
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="green"
                      leftSection={<IconCheck size={12} aria-hidden="true" />}
                      onClick={() => approve.mutate(adjustment.matchId)}
                      loading={approve.isPending && approve.variables === adjustment.matchId}
                    >
                      Approve
                    </Button>
                  ) : (
                    <Badge size="sm" color="yellow" variant="light">
                      Proposed{adjustment.origin === 'rule' ? ' by rule' : ''}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={3} fz="sm">
                Total
              </Table.Th>
              <Table.Th ta="right">
                <Amount minor={total} currency={currency} fw={700} />
              </Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      )}
      {approve.error ? (
        <div style={{ padding: 'var(--mantine-spacing-md)' }}>
          <ProblemAlert error={approve.error} />
        </div>
      ) : null}
    </Card>
  );
}
