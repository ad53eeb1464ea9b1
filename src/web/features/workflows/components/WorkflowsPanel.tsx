import { Badge, Button, Card, Grid, Group, NavLink, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit, IconRoute } from '@tabler/icons-react';
import type { WorkflowDto } from '../../../../shared/workflows';
import { EmptyState } from '../../../components/EmptyState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { RoleBadge } from '../../../components/RoleBadge';
import { EVIDENCE_LABELS, plural } from '../../../lib/tracker-copy';
import { useWorkflows } from '../use-workflows';
import { ChecklistVersionModal } from './ChecklistVersionModal';
import classes from './Workflows.module.css';

export interface WorkflowsPanelProps {
  /** The selected workflow's key (from the URL); the first one when empty. */
  selectedKey: string;
  onSelect: (key: string) => void;
}

const LANES = [
  { key: 'offshore', label: 'Offshore team' },
  { key: 'onshore', label: 'Onshore team' },
  { key: 'client', label: 'Client' },
] as const;

/** The list of workflow templates and the chosen one's swimlanes and checklist. */
export function WorkflowsPanel({ selectedKey, onSelect }: WorkflowsPanelProps) {
  const workflows = useWorkflows();

  if (workflows.isPending) {
    return <Skeleton h={360} />;
  }
  if (workflows.error) {
    return <ProblemAlert error={workflows.error} onRetry={() => void workflows.refetch()} />;
  }
  const items = workflows.data;
  const selected = items.find((w) => w.key === selectedKey) ?? items[0];
  if (!selected) {
    return (
      <Card>
        <EmptyState icon={<IconRoute size={24} aria-hidden="true" />} title="No workflows yet" description="Workflow templates describe each kind of recurring work. Your administrator sets them up." />
      </Card>
    );
  }

  return (
    <Grid gap="lg" align="flex-start">
      <Grid.Col span={{ base: 12, md: 3 }}>
        <Card padding="xs" component="nav" aria-label="Workflow templates">
          <Stack gap={2}>
            {items.map((workflow) => (
              <NavLink
                key={workflow.id}
                label={workflow.name}
                description={`${plural(workflow.steps.length, 'step')} · checklist v${workflow.checklistVersion}`}
                active={workflow.id === selected.id}
                aria-current={workflow.id === selected.id ? 'true' : undefined}
                onClick={() => onSelect(workflow.key)}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            ))}
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9 }}>
        <WorkflowDetail key={selected.id} workflow={selected} />
      </Grid.Col>
    </Grid>
  );
}

interface WorkflowDetailProps {
  workflow: WorkflowDto;
}

function WorkflowDetail({ workflow }: WorkflowDetailProps) {
  const [isEditing, { open: handleOpenEdit, close: handleCloseEdit }] = useDisclosure(false);

  return (
    <Stack gap="lg">
      <Card component="section" aria-labelledby="workflow-steps-heading">
        <Title order={2} mb={4}>
          {workflow.name}
        </Title>
        {workflow.description ? (
          <Text fz="sm" c="dimmed" mb="md">
            {workflow.description}
          </Text>
        ) : null}
        <Title order={3} id="workflow-steps-heading" mb="xs">
          Steps by team
        </Title>
        <Table.ScrollContainer minWidth={640} type="native">
          <Table className={classes.lanes} withColumnBorders aria-labelledby="workflow-steps-heading">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={44}>#</Table.Th>
                {LANES.map((lane) => (
                  <Table.Th key={lane.key} data-lane={lane.key}>
                    {lane.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {workflow.steps.map((step, index) => (
                <Table.Tr key={step.key}>
                  <Table.Td fz="sm" c="dimmed" className="tm-num">
                    {index + 1}
                  </Table.Td>
                  {LANES.map((lane) => (
                    <Table.Td key={lane.key} data-lane={lane.key}>
                      {step.lane === lane.key ? (
                        <div className={classes.step} data-lane={lane.key}>
                          <Group gap={6} justify="space-between" wrap="nowrap" align="flex-start">
                            <Text fz="sm" fw={600}>
                              {step.name}
                            </Text>
                            <RoleBadge role={step.ownerRole} />
                          </Group>
                          {step.inputs.length > 0 || step.outputs.length > 0 ? (
                            <Text fz="xs" c="dimmed" mt={4}>
                              {step.inputs.join(', ') || '—'} → {step.outputs.join(', ') || '—'}
                            </Text>
                          ) : null}
                        </div>
                      ) : null}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>

      <Card padding={0} component="section" aria-labelledby="workflow-checklist-heading">
        <Group justify="space-between" px="md" pt="md" pb="sm">
          <Group gap="sm">
            <Title order={3} id="workflow-checklist-heading">
              Checklist
            </Title>
            <Badge variant="light" color="brand">
              Version {workflow.checklistVersion}
            </Badge>
          </Group>
          {workflow.abilities.manage ? (
            <Button size="sm" variant="light" leftSection={<IconEdit size={16} aria-hidden="true" />} onClick={handleOpenEdit}>
              Publish a new version
            </Button>
          ) : null}
        </Group>
        <Text fz="xs" c="dimmed" px="md" pb="sm">
          Each task copies this checklist when its work starts and keeps that version; a new version applies to work started after it.
        </Text>
        <ol className={classes.checklist}>
          {workflow.checklist.map((item) => (
            <li key={item.key} className={classes.checklistItem}>
              <Group justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
                <div>
                  <Text fz="sm" fw={600}>
                    {item.text}
                  </Text>
                  {item.help ? (
                    <Text fz="xs" c="dimmed">
                      {item.help}
                    </Text>
                  ) : null}
                </div>
                <Group gap={4} wrap="nowrap">
                  <Badge size="sm" variant="default">
                    {EVIDENCE_LABELS[item.evidence]}
                  </Badge>
                  <Badge size="sm" variant="light" color={item.required ? 'red' : 'gray'}>
                    {item.required ? 'Required' : 'Optional'}
                  </Badge>
                </Group>
              </Group>
            </li>
          ))}
        </ol>
      </Card>
      {workflow.abilities.manage ? <ChecklistVersionModal workflow={workflow} opened={isEditing} onClose={handleCloseEdit} /> : null}
    </Stack>
  );
}
