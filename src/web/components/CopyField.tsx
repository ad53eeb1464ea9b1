import { ActionIcon, Box, CopyButton, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

export interface CopyFieldProps {
  /** Accessible name of the value (e.g. "Invitation link", "Setup key"); also shown as a caption. */
  label: string;
  value: string;
  /** Hide the visible caption when the surrounding text already says what this is. */
  hideCaption?: boolean;
  /** Break the value anywhere (links) rather than only at spaces. */
  breakAll?: boolean;
}

/** A value to copy and pass on (a link, a key): readable text, labelled, with a copy button. */
export function CopyField({ label, value, hideCaption = false, breakAll = false }: CopyFieldProps) {
  return (
    <Box>
      {hideCaption ? null : (
        <Text fz="xs" fw={600} c="dimmed" tt="uppercase" mb={4} style={{ letterSpacing: '0.04em' }} aria-hidden="true">
          {label}
        </Text>
      )}
      <Paper withBorder bg="var(--mantine-color-default-hover)" px="sm" py={8}>
        <Group gap="sm" wrap="nowrap" justify="space-between">
          <Box
            component="output"
            aria-label={label}
            ff="monospace"
            fz="sm"
            style={{ wordBreak: breakAll ? 'break-all' : 'normal', overflowWrap: 'anywhere', userSelect: 'all', minWidth: 0 }}
          >
            {value}
          </Box>
          <CopyButton value={value} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy to clipboard'}>
                <ActionIcon variant={copied ? 'light' : 'subtle'} color={copied ? 'green' : 'gray'} onClick={copy} aria-label={copied ? 'Copied' : 'Copy to clipboard'}>
                  {copied ? <IconCheck size={16} aria-hidden="true" /> : <IconCopy size={16} aria-hidden="true" />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </Paper>
    </Box>
  );
}
