import { Anchor, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlarm, IconChecklist, IconEye } from '@tabler/icons-react';
import { Link } from 'react-router';
import { StatTile } from '../../../components/StatTile';
import { DueDate } from '../../../components/DueDate';
import { TaskStatusBadge } from '../../../components/TaskStatusBadge';
import { useMyWork } from '../../tasks/use-my-work';
import { trackerHref } from '../../tasks/use-tracker-filters';

/** Home's "My work": how much is waiting to prepare and to review, what is overdue, and what is due first. */
export function MyWorkSummary() {
  const { prepare, review } = useMyWork();
  const isLoading = prepare.isPending || review.isPending;
  const mine = [...(prepare.data?.items ?? []), ...(review.data?.items ?? [])];
  const overdue = mine.filter((task) => task.isOverdue).length;
  const soonest = [...mine].sort((a, b) => a.dueOn.localeCompare(b.dueOn)).slice(0, 4);

  return (
    <Card component="section" aria-labelledby="home-my-work">
      <Group justify="space-between" mb="md">
        <Title order={2} id="home-my-work">
          My work
        </Title>
        <Anchor component={Link} to="/my-work" fz="sm">
          Open my work
        </Anchor>
      </Group>
      {isLoading ? (
        <Skeleton h={74} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <StatTile icon={<IconChecklist size={20} aria-hidden="true" />} label="To prepare" value={prepare.data?.total ?? 0} to="/my-work" color="blue" />
            <StatTile icon={<IconEye size={20} aria-hidden="true" />} label="To review" value={review.data?.total ?? 0} to="/my-work" color="violet" />
            <StatTile icon={<IconAlarm size={20} aria-hidden="true" />} label="Overdue" value={overdue} to={trackerHref({ queue: 'all', overdue: 'true' })} color={overdue > 0 ? 'red' : 'green'} />
          </SimpleGrid>
          {soonest.length > 0 ? (
            <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Due soonest">
              {soonest.map((task) => (
                <Group key={task.id} component="li" justify="space-between" wrap="nowrap" gap="sm" py={8} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
                  <div style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`/tasks/${task.id}`} fz="sm" fw={600} truncate="end" display="block">
                      {task.title}
                    </Anchor>
                    <Text fz="xs" c="dimmed" truncate="end">
                      {task.client.name}
                    </Text>
                  </div>
                  <Group gap="sm" wrap="nowrap">
                    <TaskStatusBadge status={task.status} />
                    <DueDate dueOn={task.dueOn} isOverdue={task.isOverdue} />
                  </Group>
                </Group>
              ))}
            </Stack>
          ) : (
            <Text fz="sm" c="dimmed">
              Nothing is waiting for you to prepare or review.
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}
