import type { ReactNode } from 'react';
import { Box, Paper, Stack, Text } from '@mantine/core';
import { TickmarkLogo } from './TickmarkLogo';
import classes from './AuthLayout.module.css';

export interface AuthLayoutProps {
  children: ReactNode;
  /** Width of the card. */
  width?: number;
  /** Small print under the card. */
  footer?: ReactNode;
}

/** The frame of the pages outside the app shell: the product's mark above one centred card. */
export function AuthLayout({ children, width = 420, footer }: AuthLayoutProps) {
  return (
    <div className={classes.root}>
      <Box component="header" className={classes.header}>
        <TickmarkLogo size={34} />
      </Box>
      <Box component="main" className={classes.main}>
        <Stack gap="lg" w="100%" maw={width}>
          <Paper withBorder shadow="sm" radius="lg" p={36} className={classes.card}>
            {children}
          </Paper>
          {footer ? (
            <Text component="div" fz="xs" c="dimmed" ta="center">
              {footer}
            </Text>
          ) : null}
        </Stack>
      </Box>
      <Box component="footer" className={classes.footer}>
        <Text fz="xs" c="dimmed">
          Tickmark · recurring accounting work, onshore and offshore, with the same quality every month
        </Text>
      </Box>
    </div>
  );
}
