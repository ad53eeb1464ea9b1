import { useState } from 'react';
import { Badge, Button, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMailForward, IconUserPlus, IconUsers } from '@tabler/icons-react';
import type { CreatedInvitation } from '../../api/client';
import { useCurrentSession } from '../../app/use-session';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/use-url-filters';
import { IconLock } from '@tabler/icons-react';
import { InvitationLinkModal } from './components/InvitationLinkModal';
import { InvitationsTable } from './components/InvitationsTable';
import { InviteModal } from './components/InviteModal';
import { PeopleTable } from './components/PeopleTable';
import { useInvitations } from './use-invitations';

/** People of the firm and the invitations sent to new ones. */
export function UsersPage() {
  const session = useCurrentSession();
  const canManage = session.abilities.manageUsers;
  const canRead = session.abilities.readUsers || canManage;
  const { values, setFilter } = useUrlFilters(['tab'] as const);
  const tab = canManage && values.tab === 'invitations' ? 'invitations' : 'people';
  const invitations = useInvitations(canManage);
  const pendingCount = invitations.data?.filter((invitation) => invitation.status === 'pending').length ?? 0;
  const [isInviting, { open: handleOpenInvite, close: handleCloseInvite }] = useDisclosure(false);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  if (!canRead) {
    return (
      <EmptyState
        icon={<IconLock size={28} aria-hidden="true" />}
        title="You do not have access to People"
        titleOrder={1}
        description="Only your firm's administrators and partners can see the people of the firm."
      />
    );
  }

  const inviteButton = canManage ? (
    <Button leftSection={<IconUserPlus size={16} aria-hidden="true" />} onClick={handleOpenInvite}>
      Invite person
    </Button>
  ) : null;

  function handleInvited(result: CreatedInvitation) {
    handleCloseInvite();
    setCreated(result);
    setFilter({ tab: 'invitations' });
  }

  return (
    <>
      <PageHeader title="People" description={`Everyone who can sign in to ${session.firm.name}, and what they may see.`} actions={inviteButton} />
      <Tabs value={tab} onChange={(next) => setFilter({ tab: next === 'invitations' ? 'invitations' : null })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="people" leftSection={<IconUsers size={16} aria-hidden="true" />}>
            People
          </Tabs.Tab>
          {canManage ? (
            <Tabs.Tab
              value="invitations"
              leftSection={<IconMailForward size={16} aria-hidden="true" />}
              rightSection={
                pendingCount > 0 ? (
                  <Badge size="xs" circle color="blue" aria-label={`${pendingCount} pending`}>
                    {pendingCount}
                  </Badge>
                ) : null
              }
            >
              Invitations
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="people">
          <PeopleTable />
        </Tabs.Panel>
        {canManage ? (
          <Tabs.Panel value="invitations">
            <InvitationsTable query={invitations} inviteButton={inviteButton} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
      {canManage ? <InviteModal opened={isInviting} onClose={handleCloseInvite} onInvited={handleInvited} /> : null}
      <InvitationLinkModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
