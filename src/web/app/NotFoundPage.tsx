import { Button } from '@mantine/core';
import { IconMapSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useDocumentTitle } from '@mantine/hooks';
import { EmptyState } from '../components/EmptyState';

export function NotFoundPage() {
  useDocumentTitle('Page not found · Tickmark');
  return (
    <EmptyState
      icon={<IconMapSearch size={28} aria-hidden="true" />}
      title="This page does not exist"
      titleOrder={1}
      description="The address may be mistyped, or the page has moved."
      action={
        <Button component={Link} to="/">
          Go to home
        </Button>
      }
    />
  );
}
