import { Select, Stack, Text, type SelectProps } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { RoleSchema } from '../../../../shared/common';
import { ROLE_DESCRIPTIONS, ROLE_OPTIONS } from '../role-copy';

export type RoleSelectProps = Omit<SelectProps, 'data' | 'renderOption'>;

/** A role picker that says what each role may do. */
export function RoleSelect(props: RoleSelectProps) {
  return (
    <Select
      data={ROLE_OPTIONS}
      allowDeselect={false}
      renderOption={({ option, checked }) => {
        const role = RoleSchema.safeParse(option.value);
        return (
          <Stack gap={0} style={{ flex: 1 }}>
            <Text fz="sm" fw={checked ? 600 : 500}>
              {option.label} {checked ? <IconCheck size={12} aria-hidden="true" /> : null}
            </Text>
            {role.success ? (
              <Text fz="xs" c="dimmed">
                {ROLE_DESCRIPTIONS[role.data]}
              </Text>
            ) : null}
          </Stack>
        );
      }}
      {...props}
    />
  );
}
