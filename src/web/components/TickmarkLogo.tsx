import { Group, Text } from '@mantine/core';

export interface TickmarkMarkProps {
  size?: number;
}

/** The tick-mark symbol: the check an accountant puts beside a figure they have verified. */
export function TickmarkMark({ size = 28 }: TickmarkMarkProps) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false" style={{ flexShrink: 0, display: 'block' }}>
      <rect width="32" height="32" rx="8" fill="var(--mantine-color-brand-7)" />
      <path d="M8.5 16.5l5 5 10-11" fill="none" stroke="#fff" strokeWidth="3.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export interface TickmarkLogoProps {
  size?: number;
  /** Text colour of the wordmark; the mark itself keeps the brand colour. */
  inverted?: boolean;
}

/** The mark with the product name beside it. */
export function TickmarkLogo({ size = 28, inverted = false }: TickmarkLogoProps) {
  return (
    <Group gap={10} wrap="nowrap" aria-label="Tickmark" role="img">
      <TickmarkMark size={size} />
      <Text component="span" fw={750} fz={size * 0.68} lh={1} c={inverted ? 'white' : 'var(--mantine-color-bright)'} style={{ letterSpacing: '-0.02em' }} aria-hidden="true">
        Tickmark
      </Text>
    </Group>
  );
}
