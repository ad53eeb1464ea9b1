import { Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { AuditEventDto } from '../../../../shared/audit';

export interface AuditDetailsProps {
  event: AuditEventDto;
}

/** What an audit entry recorded: a before/after table for changes, the raw data otherwise. */
export function AuditDetails({ event }: AuditDetailsProps) {
  const changes = asChanges(event.data);
  return (
    <Stack gap="sm" py="xs">
      {changes ? (
        <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={6} style={{ maxWidth: 900 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={180}>Field</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.field}>
                <Table.Td fw={600}>{change.field}</Table.Td>
                <Table.Td>
                  <JsonValue value={change.before} />
                </Table.Td>
                <Table.Td>
                  <JsonValue value={change.after} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : Object.keys(event.data).length > 0 ? (
        <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={6} style={{ maxWidth: 900 }}>
          <Table.Tbody>
            {Object.entries(event.data).map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Th w={180} fw={600}>
                  {key}
                </Table.Th>
                <Table.Td>
                  <JsonValue value={value} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text fz="xs" c="dimmed">
          No further data recorded.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="xs">
        <Meta label="Entry" value={`#${event.seq}`} />
        <Meta label="IP address" value={event.ip ?? '—'} />
        <Meta label="Subject id" value={event.subjectId ?? '—'} />
      </SimpleGrid>
      <Meta label="Browser" value={event.userAgent ?? '—'} />
      <Meta label="Chain hash" value={event.hash} />
    </Stack>
  );
}

interface MetaProps {
  label: string;
  value: string;
}

function Meta({ label, value }: MetaProps) {
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text fz="xs" c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text fz="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Group>
  );
}

function JsonValue({ value }: { value: unknown }) {
  if (value === undefined) {
    return (
      <Text fz="xs" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Text fz="xs" ff="monospace" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {typeof value === 'string' ? value : JSON.stringify(value, null, 1)}
    </Text>
  );
}

function asChanges(data: Record<string, unknown>): Array<{ field: string; before: unknown; after: unknown }> | null {
  const before = data.before;
  const after = data.after;
  if (!isRecord(after) || (before !== undefined && !isRecord(before))) {
    return null;
  }
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
  return fields.map((field) => ({ field, before: isRecord(before) ? before[field] : undefined, after: after[field] }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
