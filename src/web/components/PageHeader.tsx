import type { ReactNode } from 'react';
import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';

export interface PageHeaderCrumb {
  label: string;
  to: string;
}

export interface PageHeaderProps {
  title: ReactNode;
  /** The browser tab title; defaults to `title` when that is a string. */
  documentTitle?: string;
  description?: ReactNode;
  /** Badges or other state shown beside the title. */
  badges?: ReactNode;
  /** The page's primary action (and secondary ones), top right. */
  actions?: ReactNode;
  breadcrumbs?: PageHeaderCrumb[];
}

/** The one h1 of a page, what it is about, and what to do next (top right). */
export function PageHeader({ title, documentTitle, description, badges, actions, breadcrumbs }: PageHeaderProps) {
  const tabTitle = documentTitle ?? (typeof title === 'string' ? title : '');
  useDocumentTitle(tabTitle ? `${tabTitle} · Tickmark` : 'Tickmark');

  return (
    <Stack gap={6} mb="lg">
      {breadcrumbs && breadcrumbs.length > 0 ? (
        <Breadcrumbs separatorMargin={6} fz="sm" aria-label="Breadcrumb">
          {breadcrumbs.map((crumb) => (
            <Anchor key={crumb.to} component={Link} to={crumb.to} fz="sm" c="dimmed">
              {crumb.label}
            </Anchor>
          ))}
        </Breadcrumbs>
      ) : null}
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="sm" wrap="wrap">
            <Title order={1}>{title}</Title>
            {badges}
          </Group>
          {description ? (
            <Text c="dimmed" fz="sm">
              {description}
            </Text>
          ) : null}
        </Stack>
        {actions ? (
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            {actions}
          </Group>
        ) : null}
      </Group>
    </Stack>
  );
}
