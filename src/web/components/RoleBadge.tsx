import { Badge } from '@mantine/core';
import { ROLE_LABELS, type Role } from '../../shared/common';
import { ROLE_COLORS } from './status-colors';

export interface RoleBadgeProps {
  role: Role;
  size?: 'xs' | 'sm' | 'md';
}

export function RoleBadge({ role, size = 'sm' }: RoleBadgeProps) {
  return (
    <Badge color={ROLE_COLORS[role]} size={size} style={{ minWidth: 'max-content' }}>
      {ROLE_LABELS[role]}
    </Badge>
  );
}
