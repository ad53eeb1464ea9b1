import { Alert, Button, Center, Code, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useDocumentTitle } from '@mantine/hooks';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Shown when a page fails to load or render: usually a new version was deployed, so reload. */
export function RouteErrorPage() {
  const error = useRouteError();
  useDocumentTitle('Something went wrong · Tickmark');
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : String(error);

  return (
    <Center mih="70vh" px="md">
      <Stack maw={520} gap="md">
        <Title order={1} fz="h2">
          Something went wrong
        </Title>
        <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
          <Text fz="sm">This page could not be shown. If Tickmark was just updated, reloading picks up the new version.</Text>
          <Code block mt="sm">
            {detail}
          </Code>
        </Alert>
        <Group>
          <Button onClick={() => window.location.reload()}>Reload</Button>
          <Button variant="default" component="a" href="/">
            Go to home
          </Button>
        </Group>
      </Stack>
    </Center>
  );
}
