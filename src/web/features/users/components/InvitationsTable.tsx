import { useState, type ReactNode } from 'react';
import { Button, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { IconMailForward } from '@tabler/icons-react';
import type { InvitationDto } from '../../../../shared/users';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { RoleBadge } from '../../../components/RoleBadge';
import { StateBadge } from '../../../components/StateBadge';
import { INVITATION_STATUS_COLORS } from '../../../components/status-colors';
import { useRevokeInvitation } from '../use-invitations';

export interface InvitationsTableProps {
  query: UseQueryResult<InvitationDto[]>;
  inviteButton: ReactNode;
}

const STATUS_LABELS: Record<InvitationDto['status'], string> = { pending: 'Pending', accepted: 'Accepted', revoked: 'Revoked', expired: 'Expired' };

/** Invitations sent by the firm, newest first, with revoke for pending ones. */
export function InvitationsTable({ query, inviteButton }: InvitationsTableProps) {
  const [revoking, setRevoking] = useState<InvitationDto | null>(null);
  const revokeMutation = useRevokeInvitation();
  const rows = [...(query.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  function handleConfirmRevoke() {
    if (!revoking) {
      return;
    }
    revokeMutation.mutate(revoking.id, { onSuccess: () => setRevoking(null) });
  }

  return (
    <>
      {query.error ? <ProblemAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Paper withBorder style={{ overflow: 'clip' }}>
        {query.isPending ? (
          <Text p="lg" c="dimmed" fz="sm">
            Loading invitations…
          </Text>
        ) : rows.length === 0 ? (
          <EmptyState
            icon={<IconMailForward size={24} aria-hidden="true" />}
            title="No invitations yet"
            description="Invite people to give them their own login. Each invitation is a one-time link you pass on."
            action={inviteButton}
          />
        ) : (
          <Table stickyHeader stickyHeaderOffset={56} className="tm-dense">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name and email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Sent</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>
                    <Text fz="sm" fw={600} lh={1.3}>
                      {invitation.name}
                    </Text>
                    <Text fz="xs" c="dimmed" lh={1.3}>
                      {invitation.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RoleBadge role={invitation.role} />
                  </Table.Td>
                  <Table.Td>
                    <StateBadge color={INVITATION_STATUS_COLORS[invitation.status]}>{STATUS_LABELS[invitation.status]}</StateBadge>
                  </Table.Td>
                  <Table.Td>
                    <DateTime value={invitation.createdAt} display="relative" />
                  </Table.Td>
                  <Table.Td>{invitation.status === 'pending' ? <DateTime value={invitation.expiresAt} display="date" /> : <Text fz="sm" c="dimmed">—</Text>}</Table.Td>
                  <Table.Td ta="right">
                    {invitation.abilities.revoke ? (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setRevoking(invitation)} aria-label={`Revoke invitation for ${invitation.email}`}>
                        Revoke
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke this invitation?"
        confirmLabel="Revoke invitation"
        color="red"
        isPending={revokeMutation.isPending}
        error={revokeMutation.error}
        onConfirm={handleConfirmRevoke}
        onClose={() => {
          setRevoking(null);
          revokeMutation.reset();
        }}
      >
        The link sent to <b>{revoking?.email}</b> will stop working at once. You can invite them again later.
      </ConfirmModal>
    </>
  );
}
