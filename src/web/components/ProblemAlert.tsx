import type { ReactNode } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { errorDetail, isApiError, isProblem } from '../api/api-error';

export interface ProblemAlertProps {
  error: unknown;
  /** A heading for the alert; defaults to one derived from the problem. */
  title?: string;
  /** Offered as "Reload" for a stale version, "Try again" otherwise. */
  onRetry?: () => void;
  children?: ReactNode;
}

/** Shows a failed request's problem detail; for a stale version, explains that someone else changed it. */
export function ProblemAlert({ error, title, onRetry, children }: ProblemAlertProps) {
  const isStale = isProblem(error, 409, 'stale_version');
  const heading = title ?? headingFor(error, isStale);
  return (
    <Alert color={isStale ? 'orange' : 'red'} variant="light" icon={<IconAlertTriangle size={18} aria-hidden="true" />} title={heading} role="alert">
      <Text fz="sm">{isStale ? 'Someone else changed this while you were editing it. Reload to see their changes, then make yours again.' : errorDetail(error)}</Text>
      {children}
      {onRetry ? (
        <Group mt="sm">
          <Button size="xs" variant="white" color={isStale ? 'orange' : 'red'} leftSection={<IconRefresh size={14} aria-hidden="true" />} onClick={onRetry}>
            {isStale ? 'Reload' : 'Try again'}
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}

function headingFor(error: unknown, isStale: boolean): string {
  if (isStale) {
    return 'Changed by someone else';
  }
  if (!isApiError(error)) {
    return 'Something went wrong';
  }
  if (error.status === 0) {
    return 'You seem to be offline';
  }
  if (error.status === 403) {
    return 'Not allowed';
  }
  if (error.status === 429) {
    return 'Please wait';
  }
  if (error.status >= 500) {
    return 'Something went wrong on our side';
  }
  return error.problem.title === 'Bad request' ? 'Check the highlighted fields' : error.problem.title;
}
