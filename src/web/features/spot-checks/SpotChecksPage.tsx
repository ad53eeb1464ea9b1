import { useMemo, useState } from 'react';
import { Anchor, Button, Card, Group, Modal, Paper, Progress, Select, SimpleGrid, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconDice5, IconFlag, IconShieldCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { isProblem } from '../../api/api-error';
import type { SpotCheckDto } from '../../../shared/spot-checks';
import { useCurrentSession } from '../../app/use-session';
import { DateTime } from '../../components/DateTime';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StateBadge } from '../../components/StateBadge';
import { SPOT_CHECK_RESULT_COLORS } from '../../components/status-colors';
import { TaskStatusBadge } from '../../components/TaskStatusBadge';
import { useUrlFilters } from '../../components/use-url-filters';
import { todayIn } from '../../lib/time';
import { formatPeriod, recentMonths } from '../../lib/tracker-copy';
import { useConcludeSpotCheckItem, useDrawSpotCheck, useSpotCheck } from './use-spot-checks';

/**
 * Partner spot-checks: each month a random, reproducible sample of approved work is drawn (at the
 * firm's rate and minimum) and a partner concludes each: pass, or findings that reopen the task.
 */
export function SpotChecksPage() {
  const session = useCurrentSession();
  const months = useMemo(() => recentMonths(todayIn(session.user.timeZone), 24, false), [session.user.timeZone]);
  const { values, setFilter } = useUrlFilters(['month'] as const);
  const month = /^\d{4}-\d{2}$/.test(values.month) ? values.month : (months[0] ?? '');
  const query = useSpotCheck(month);
  const draw = useDrawSpotCheck();
  const monthOptions = (months.includes(month) ? months : [month, ...months]).map((value) => ({ value, label: formatPeriod(value) }));
  const canDraw = query.data?.abilities.draw === true && query.data.spotCheck === null;

  function handleDraw() {
    draw.mutate(month, {
      onSuccess: () => notifications.show({ color: 'green', title: 'Sample drawn', message: `The ${formatPeriod(month)} sample is ready to check.` }),
    });
  }

  return (
    <>
      <PageHeader
        title="Spot-checks"
        description="Each month a random, reproducible sample of approved work is drawn for a partner to check again."
        actions={
          <>
            <Select aria-label="Month" data={monthOptions} value={month} onChange={(value) => setFilter({ month: value })} allowDeselect={false} w={160} comboboxProps={{ withinPortal: true }} />
            {canDraw ? (
              <Button leftSection={<IconDice5 size={16} aria-hidden="true" />} onClick={handleDraw} loading={draw.isPending}>
                Draw sample
              </Button>
            ) : null}
          </>
        }
      />
      {draw.error ? (
        <Stack mb="md">
          <ProblemAlert error={draw.error} />
        </Stack>
      ) : null}
      {query.isPending ? (
        <Stack gap="md" aria-busy="true">
          <Skeleton h={88} />
          <Skeleton h={240} />
        </Stack>
      ) : isProblem(query.error, 403) ? (
        <Paper withBorder>
          <EmptyState icon={<IconShieldCheck size={24} aria-hidden="true" />} title="Spot-checks are for partners and reviewers" description="A partner draws each month's sample of approved work and records the results; reviewers and administrators can read them." />
        </Paper>
      ) : isProblem(query.error, 404) ? (
        <Paper withBorder>
          <EmptyState icon={<IconShieldCheck size={24} aria-hidden="true" />} title="Spot-checks are not available yet" description="This server does not offer spot-checks yet. They will appear here once it does." />
        </Paper>
      ) : query.error ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data && query.data.spotCheck === null ? (
        <Paper withBorder>
          <EmptyState
            icon={<IconDice5 size={24} aria-hidden="true" />}
            title={`No sample drawn for ${formatPeriod(month)}`}
            description={
              query.data.abilities.draw
                ? 'Draw the sample once the month’s work is approved. The draw is reproducible: the same month and seed always pick the same tasks.'
                : 'A partner or the administrator draws the month’s sample; it will appear here.'
            }
            action={
              canDraw ? (
                <Button leftSection={<IconDice5 size={16} aria-hidden="true" />} onClick={handleDraw} loading={draw.isPending}>
                  Draw sample
                </Button>
              ) : null
            }
          />
        </Paper>
      ) : query.data ? (
        <Sample data={query.data} month={month} />
      ) : null}
    </>
  );
}

type SpotCheckItemDto = SpotCheckDto['items'][number];

interface SampleProps {
  data: SpotCheckDto;
  month: string;
}

function Sample({ data, month }: SampleProps) {
  const spotCheck = data.spotCheck;
  const [findingsFor, setFindingsFor] = useState<SpotCheckItemDto | null>(null);
  const conclude = useConcludeSpotCheckItem(month);
  if (!spotCheck) {
    return null;
  }
  const concluded = data.items.filter((item) => item.result !== null).length;
  const withFindings = data.items.filter((item) => item.result === 'findings').length;

  function handlePass(item: SpotCheckItemDto) {
    if (!spotCheck) {
      return;
    }
    conclude.mutate({ spotCheckId: spotCheck.id, itemId: item.id, result: 'pass', version: item.version });
  }

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <Fact label="Approved tasks in the month" value={String(spotCheck.population)} />
        <Fact label="Sample" value={`${data.items.length} (${spotCheck.ratePercent}%, at least ${spotCheck.minimum})`} />
        <Fact label="Concluded" value={`${concluded} of ${data.items.length}`} progress={data.items.length > 0 ? (concluded / data.items.length) * 100 : 0} />
        <Fact label="With findings" value={String(withFindings)} {...(withFindings > 0 ? { color: 'var(--mantine-color-orange-light-color)' } : {})} />
      </SimpleGrid>
      <Text fz="xs" c="dimmed" component="div">
        <Group gap={4}>
          Drawn {spotCheck.drawnBy ? `by ${spotCheck.drawnBy.name}` : ''} <DateTime value={spotCheck.drawnAt} fz="xs" c="dimmed" /> · seed <code>{String(spotCheck.seed)}</code> · riskier work
          (rework, overrides, new preparers) weighs more in the draw.
        </Group>
      </Text>
      {conclude.error ? <ProblemAlert error={conclude.error} /> : null}
      <Card padding={0} component="section" aria-labelledby="sample-heading">
        <Group px="md" py="md">
          <Title order={2} id="sample-heading">
            Sample for {formatPeriod(month)}
          </Title>
        </Group>
        {data.items.length === 0 ? (
          <EmptyState
            size="sm"
            icon={<IconShieldCheck size={24} aria-hidden="true" />}
            title="Nothing to check"
            description={spotCheck.population === 0 ? 'No work was approved in this month, so the sample is empty.' : 'None of the sampled tasks is one you can see.'}
          />
        ) : (
          <Table.ScrollContainer minWidth={960} type="native">
            <Table highlightOnHover horizontalSpacing={8} className="tm-dense tm-fixed" aria-labelledby="sample-heading">
              <colgroup>
                <col style={{ width: '24%' }} />
                <col style={{ width: '14%' }} />
                <col style={{ width: '19%' }} />
                <col style={{ width: 92 }} />
                <col style={{ width: 66 }} />
                <col />
              </colgroup>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Task</Table.Th>
                  <Table.Th>Client</Table.Th>
                  <Table.Th>Preparer → reviewer</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Weight</Table.Th>
                  <Table.Th>Result</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/tasks/${item.task.id}`} fz="sm" fw={600} className="tm-truncate" title={item.task.title}>
                        {item.task.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Truncated text={item.task.client.name} />
                    </Table.Td>
                    <Table.Td>
                      <Truncated text={`${item.task.preparer.name} → ${item.task.reviewer.name}`} />
                    </Table.Td>
                    <Table.Td>
                      <TaskStatusBadge status={item.task.status} size="xs" />
                    </Table.Td>
                    <Table.Td fz="sm" ta="right" className="tm-num">
                      {item.weight}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'normal' }}>
                      {item.result !== null ? (
                        <Stack gap={2}>
                          <Group gap={6} wrap="nowrap">
                            <StateBadge color={SPOT_CHECK_RESULT_COLORS[item.result]}>{item.result === 'pass' ? 'Pass' : 'Findings'}</StateBadge>
                            {item.concludedBy ? <Truncated text={`by ${item.concludedBy.name}`} dimmed /> : null}
                          </Group>
                          {item.findings ? (
                            <Text fz="xs" c="dimmed" lineClamp={2} title={item.findings}>
                              {item.findings}
                            </Text>
                          ) : null}
                        </Stack>
                      ) : data.abilities.conclude ? (
                        <Group gap={6} wrap="nowrap">
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="green"
                            leftSection={<IconCheck size={14} aria-hidden="true" />}
                            onClick={() => handlePass(item)}
                            loading={conclude.isPending && conclude.variables.itemId === item.id && conclude.variables.result === 'pass'}
                            aria-label={`Pass ${item.task.title}`}
                          >
                            Pass
                          </Button>
                          <Button size="compact-sm" variant="light" color="orange" leftSection={<IconFlag size={14} aria-hidden="true" />} onClick={() => setFindingsFor(item)} aria-label={`Record findings on ${item.task.title}`}>
                            Findings…
                          </Button>
                        </Group>
                      ) : (
                        <StateBadge color={SPOT_CHECK_RESULT_COLORS.pending}>Not checked</StateBadge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <FindingsModal
        item={findingsFor}
        isPending={conclude.isPending}
        error={conclude.error}
        onClose={() => setFindingsFor(null)}
        onConfirm={(findings) => {
          if (!findingsFor) {
            return;
          }
          conclude.mutate(
            { spotCheckId: spotCheck.id, itemId: findingsFor.id, result: 'findings', findings, version: findingsFor.version },
            {
              onSuccess: () => {
                setFindingsFor(null);
                notifications.show({ color: 'orange', title: 'Findings recorded', message: 'The task was reopened with a review note for its preparer.' });
              },
            },
          );
        }}
      />
    </Stack>
  );
}

function Truncated({ text, dimmed = false }: { text: string; dimmed?: boolean }) {
  return (
    <Text fz={dimmed ? 'xs' : 'sm'} className="tm-truncate" title={text} {...(dimmed ? { c: 'dimmed' } : {})}>
      {text}
    </Text>
  );
}

interface FactProps {
  label: string;
  value: string;
  color?: string;
  progress?: number;
}

function Fact({ label, value, color, progress }: FactProps) {
  return (
    <Paper withBorder p="md">
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700} className="tm-num" {...(color ? { c: color } : {})}>
        {value}
      </Text>
      {progress !== undefined ? <Progress value={progress} size="xs" mt={6} color="green" aria-label={label} /> : null}
    </Paper>
  );
}

interface FindingsModalProps {
  item: SpotCheckItemDto | null;
  isPending: boolean;
  error: unknown;
  onConfirm: (findings: string) => void;
  onClose: () => void;
}

function FindingsModal({ item, isPending, error, onConfirm, onClose }: FindingsModalProps) {
  const [findings, setFindings] = useState('');
  const [hasTried, setHasTried] = useState(false);

  function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    setHasTried(true);
    if (findings.trim() !== '') {
      onConfirm(findings.trim());
    }
  }

  return (
    <Modal
      opened={item !== null}
      onClose={onClose}
      title="Record findings"
      size="md"
      onExitTransitionEnd={() => {
        setFindings('');
        setHasTried(false);
      }}
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Text fz="sm" c="dimmed">
            {item ? `${item.task.title}, ${item.task.client.name}. ` : ''}Findings reopen the task and reach its preparer as a review note from the spot-check.
          </Text>
          <Textarea label="Findings" value={findings} onChange={(event) => setFindings(event.currentTarget.value)} autosize minRows={3} maxLength={5000} required data-autofocus error={hasTried && findings.trim() === '' ? 'Describe what you found' : undefined} />
          {error ? <ProblemAlert error={error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="orange" loading={isPending}>
              Record findings
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

