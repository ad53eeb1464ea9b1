import { Button, CopyButton, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';

export interface RecoveryCodesProps {
  codes: string[];
}

/** The recovery codes in a grid, with copy and download. */
export function RecoveryCodes({ codes }: RecoveryCodesProps) {
  const text = codes.join('\n');

  function handleDownload() {
    const blob = new Blob([`Tickmark recovery codes\nEach code signs you in once.\n\n${text}\n`], { type: 'text/plain' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'tickmark-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <Paper withBorder p="md" bg="var(--mantine-color-default-hover)">
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={6} component="ul" aria-label="Recovery codes" m={0} p={0} style={{ listStyle: 'none' }}>
        {codes.map((code) => (
          <Text key={code} component="li" ff="monospace" fz="sm" fw={600} ta="center" className="tm-num" style={{ letterSpacing: '0.02em' }}>
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group justify="center" gap="sm" mt="md">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" onClick={copy} leftSection={copied ? <IconCheck size={14} aria-hidden="true" /> : <IconCopy size={14} aria-hidden="true" />}>
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" size="xs" onClick={handleDownload} leftSection={<IconDownload size={14} aria-hidden="true" />}>
          Download codes
        </Button>
      </Group>
    </Paper>
  );
}
