import { useEffect, type ReactNode } from 'react';
import { EmptyState as MantineEmptyState, Group } from '@mantine/core';

export interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  description?: ReactNode;
  /** The first step to take, as one or two buttons. */
  action?: ReactNode;
  /** Render the title as a heading of this level (a full-page state is the page's h1). */
  titleOrder?: 1 | 2 | 3 | 4;
  size?: 'sm' | 'md';
}

/** Explains why a list or page is empty and offers the first step. */
export function EmptyState({ icon, title, description, action, titleOrder, size = 'md' }: EmptyStateProps) {
  useEffect(() => {
    if (titleOrder === 1) {
      document.title = `${title} · Tickmark`;
    }
  }, [title, titleOrder]);

  return (
    <MantineEmptyState size={size} variant="light" color="brand" py={size === 'md' ? 'xl' : 'md'} px="md">
      <MantineEmptyState.Indicator>{icon}</MantineEmptyState.Indicator>
      <MantineEmptyState.Title {...(titleOrder ? { order: titleOrder } : {})}>{title}</MantineEmptyState.Title>
      {description ? <MantineEmptyState.Description>{description}</MantineEmptyState.Description> : null}
      {action ? (
        <MantineEmptyState.Actions>
          <Group gap="sm" justify="center">
            {action}
          </Group>
        </MantineEmptyState.Actions>
      ) : null}
    </MantineEmptyState>
  );
}
