import { Alert, Button, Group, Modal, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconInfoCircle, IconMailCheck } from '@tabler/icons-react';
import type { CreatedInvitation } from '../../../api/client';
import { CopyField } from '../../../components/CopyField';
import { RoleBadge } from '../../../components/RoleBadge';
import { formatHumanDate } from '../../../lib/time';

export interface InvitationLinkModalProps {
  created: CreatedInvitation | null;
  onClose: () => void;
}

/** The invitation link, shown once, for the admin to pass on. */
export function InvitationLinkModal({ created, onClose }: InvitationLinkModalProps) {
  return (
    <Modal opened={created !== null} onClose={onClose} title="Invitation created" size={600}>
      {created ? (
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon size={36} radius="xl" color="green" variant="light">
              <IconMailCheck size={20} aria-hidden="true" />
            </ThemeIcon>
            <div>
              <Group gap="xs">
                <Text fw={650}>{created.invitation.name}</Text>
                <RoleBadge role={created.invitation.role} size="xs" />
              </Group>
              <Text fz="sm" c="dimmed">
                {created.invitation.email}
              </Text>
            </div>
          </Group>
          <Text fz="sm">
            Send this link to {created.invitation.name}. It works once, and expires on {formatHumanDate(created.invitation.expiresAt)}.
          </Text>
          <CopyField label="Invitation link" value={created.acceptUrl} breakAll />
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} aria-hidden="true" />}>
            <Text fz="sm">Tickmark does not send e-mail yet, and the link is shown only now. Copy it before closing; if it is lost, revoke the invitation and invite again.</Text>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
