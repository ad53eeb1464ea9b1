import { Badge, Checkbox, Group, List, Select, Stack, Table, Text } from '@mantine/core';
import type { CsvMapping } from '../../../../domain/reconciliation/importers/csv-mapping';
import { COLUMN_ROLE_LABELS, mappingFromRoles, rolesFromMapping, type ColumnRole } from '../../reconciliation/csv-roles';
import classes from './CsvMappingEditor.module.css';

export interface CsvMappingEditorProps {
  headers: string[];
  rows: string[][];
  mapping: CsvMapping;
  confidence: 'high' | 'low';
  warnings: string[];
  /** Called with the edited mapping, or a problem when the roles do not make a mapping yet. */
  onChange: (mapping: CsvMapping) => void;
  onProblem: (problem: string | null) => void;
  /** The roles as last chosen (kept by the parent so an incomplete choice is not lost). */
  roles: ColumnRole[] | null;
  onRolesChange: (roles: ColumnRole[]) => void;
}

const ROLE_OPTIONS = (Object.keys(COLUMN_ROLE_LABELS) as ColumnRole[]).map((role) => ({ value: role, label: COLUMN_ROLE_LABELS[role] }));

const DATE_FORMATS = ['MM/DD/YYYY', 'DD/MM/YYYY', 'YYYY-MM-DD', 'DD.MM.YYYY', 'MM/DD/YY', 'DD/MM/YY', 'YYYYMMDD', 'DD-MMM-YYYY', 'D MMM YYYY', 'MMM D, YYYY'];

const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/**
 * The detected CSV layout as a table: each column's header, a select saying what the column
 * holds, and the first rows; below it how dates and decimals are read. The person confirms it or
 * corrects it before the import.
 */
export function CsvMappingEditor({ headers, rows, mapping, confidence, warnings, onChange, onProblem, roles, onRolesChange }: CsvMappingEditorProps) {
  const columnCount = Math.max(headers.length, ...rows.map((row) => row.length), 1);
  const current = roles ?? rolesFromMapping(mapping, columnCount);

  function handleRole(column: number, role: ColumnRole) {
    const next = current.map((r, index) => (index === column ? role : r));
    onRolesChange(next);
    const outcome = mappingFromRoles(mapping, next);
    if (outcome.ok) {
      onProblem(null);
      onChange(outcome.mapping);
    } else {
      onProblem(outcome.problem);
    }
  }

  const dateFormats = DATE_FORMATS.includes(mapping.dateFormat) ? DATE_FORMATS : [mapping.dateFormat, ...DATE_FORMATS];
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text fz="sm" fw={600}>
          Columns
        </Text>
        <Badge size="sm" color={confidence === 'high' ? 'green' : 'orange'} variant="light">
          {confidence === 'high' ? 'Detected with confidence' : 'Check the columns'}
        </Badge>
        <Text fz="xs" c="dimmed">
          {DELIMITER_NAMES[mapping.delimiter] ?? mapping.delimiter}-separated
          {mapping.headerRowIndex !== null && mapping.headerRowIndex > 0 ? ` · header on row ${mapping.headerRowIndex + 1}` : ''}
        </Text>
      </Group>
      {warnings.length > 0 ? (
        <List size="sm" c="var(--mantine-color-orange-light-color)" spacing={2}>
          {warnings.map((warning) => (
            <List.Item key={warning}>{warning}</List.Item>
          ))}
        </List>
      ) : null}
      <div className={classes.scroll}>
        <Table className="tm-dense" withColumnBorders verticalSpacing={4} aria-label="Column mapping">
          <Table.Thead>
            <Table.Tr>
              {Array.from({ length: columnCount }, (_, column) => (
                <Table.Th key={column} miw={178} data-role={current[column] ?? 'ignore'} className={classes.roleCell}>
                  <Select
                    size="xs"
                    aria-label={`What column ${column + 1}${headers[column] ? ` (${headers[column]})` : ''} holds`}
                    data={ROLE_OPTIONS}
                    value={current[column] ?? 'ignore'}
                    allowDeselect={false}
                    onChange={(value) => handleRole(column, ROLE_OPTIONS.find((o) => o.value === value)?.value ?? 'ignore')}
                    comboboxProps={{ withinPortal: true }}
                  />
                </Table.Th>
              ))}
            </Table.Tr>
            {headers.length > 0 ? (
              <Table.Tr>
                {Array.from({ length: columnCount }, (_, column) => (
                  <Table.Th key={column} fz="xs" c="dimmed">
                    {headers[column] ?? ''}
                  </Table.Th>
                ))}
              </Table.Tr>
            ) : null}
          </Table.Thead>
          <Table.Tbody>
            {rows.slice(0, 8).map((row, index) => (
              <Table.Tr key={index}>
                {Array.from({ length: columnCount }, (_, column) => (
                  <Table.Td key={column} fz="xs" data-role={current[column] ?? 'ignore'} className={classes.cell}>
                    {row[column] ?? ''}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Group gap="md" align="flex-end">
        <Select size="xs" label="Date format" w={160} data={dateFormats} value={mapping.dateFormat} allowDeselect={false} onChange={(value) => value && onChange({ ...mapping, dateFormat: value })} />
        <Select
          size="xs"
          label="Decimal mark"
          w={150}
          data={[
            { value: '.', label: 'Point (1,234.56)' },
            { value: ',', label: 'Comma (1.234,56)' },
          ]}
          value={mapping.decimalMark}
          allowDeselect={false}
          onChange={(value) => onChange({ ...mapping, decimalMark: value === ',' ? ',' : '.' })}
        />
        {mapping.amount.kind === 'signed' ? (
          <Checkbox
            size="xs"
            mb={6}
            label="Money out is shown as positive (flip signs)"
            checked={mapping.amount.negate === true}
            onChange={(event) => {
              const { checked } = event.currentTarget;
              if (mapping.amount.kind === 'signed') {
                onChange({
                  ...mapping,
                  amount: {
                    kind: 'signed',
                    column: mapping.amount.column,
                    ...(checked ? { negate: true } : {}),
                  },
                });
              }
            }}
          />
        ) : null}
      </Group>
    </Stack>
  );
}
