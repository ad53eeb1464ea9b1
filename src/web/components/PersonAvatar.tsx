import { Avatar, Group, Text, Tooltip } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { initials } from '../lib/initials';

export interface PersonAvatarProps {
  name: string;
  /** What the person is to the task, e.g. "Preparer". */
  role: string;
  size?: number;
  color?: string;
}

/** A person's initials in a circle; the tooltip and the accessible name say who and in what role. */
export function PersonAvatar({ name, role, size = 24, color = 'brand' }: PersonAvatarProps) {
  return (
    <Tooltip label={`${role}: ${name}`}>
      <Avatar size={size} radius="xl" color={color} variant="light" role="img" aria-label={`${role}: ${name}`} styles={{ placeholder: { fontSize: size <= 24 ? 10 : 12 } }}>
        {initials(name)}
      </Avatar>
    </Tooltip>
  );
}

export interface PreparerReviewerProps {
  preparer: { name: string };
  reviewer: { name: string };
  /** Show the names beside the initials. */
  withNames?: boolean;
}

/** Who prepares and who reviews: preparer → reviewer. */
export function PreparerReviewer({ preparer, reviewer, withNames = false }: PreparerReviewerProps) {
  return (
    <Group gap={4} wrap="nowrap">
      <PersonAvatar name={preparer.name} role="Preparer" color="cyan" />
      {withNames ? (
        <Text fz="sm" truncate="end">
          {preparer.name}
        </Text>
      ) : null}
      <IconArrowRight size={12} aria-hidden="true" style={{ flexShrink: 0, opacity: 0.6 }} />
      <PersonAvatar name={reviewer.name} role="Reviewer" color="violet" />
      {withNames ? (
        <Text fz="sm" truncate="end">
          {reviewer.name}
        </Text>
      ) : null}
    </Group>
  );
}
