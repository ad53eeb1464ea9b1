import { useMemo, useState } from 'react';
import { Button, Card, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import type { TaskDetailDto } from '../../../../shared/tasks';
import { DateTime } from '../../../components/DateTime';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { toTimelineLines } from '../timeline-sentences';
import { useTaskTimeline } from '../use-tasks';

/** The latest events shown before "Show all". */
const INITIAL_EVENTS = 12;

export interface TimelineCardProps {
  task: TaskDetailDto;
}

/** Everything that happened to the task, newest first, in sentences, at the viewer's time. */
export function TimelineCard({ task }: TimelineCardProps) {
  const timeline = useTaskTimeline(task.id);
  const lines = useMemo(() => (timeline.data ? toTimelineLines(timeline.data.items, task) : []), [timeline.data, task]);
  const [isExpanded, setIsExpanded] = useState(false);
  const shown = isExpanded ? lines : lines.slice(0, INITIAL_EVENTS);

  return (
    <Card component="section" aria-labelledby="timeline-heading">
      <Title order={2} id="timeline-heading" mb="md">
        Timeline
      </Title>
      {timeline.error ? <ProblemAlert error={timeline.error} onRetry={() => void timeline.refetch()} /> : null}
      {timeline.isPending ? (
        <Stack gap="sm" aria-busy="true">
          {[0, 1, 2].map((key) => (
            <Skeleton key={key} h={36} />
          ))}
        </Stack>
      ) : lines.length === 0 ? (
        <Text fz="sm" c="dimmed">
          Nothing has happened yet.
        </Text>
      ) : (
        <>
        <Timeline bulletSize={12} lineWidth={2} active={shown.length}>
          {shown.map((line) => (
            <Timeline.Item key={line.id} color={line.color} bullet={<span />} lineVariant="solid">
              <Text fz="sm" fw={500} lh={1.35}>
                {line.sentence}
              </Text>
              {line.detail ? (
                <Text fz="xs" c="dimmed" mt={2} lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                  {line.detail}
                </Text>
              ) : null}
              <DateTime value={line.occurredAt} fz="xs" c="dimmed" mt={2} />
            </Timeline.Item>
          ))}
        </Timeline>
        {lines.length > INITIAL_EVENTS ? (
          <Button variant="subtle" size="compact-sm" mt="sm" onClick={() => setIsExpanded((value) => !value)}>
            {isExpanded ? 'Show the latest only' : `Show all ${lines.length} events`}
          </Button>
        ) : null}
        </>
      )}
    </Card>
  );
}
