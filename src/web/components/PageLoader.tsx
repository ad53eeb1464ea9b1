import { Center, Loader } from '@mantine/core';

export interface PageLoaderProps {
  /** Fill the whole viewport (before the app shell exists) rather than the content area. */
  fullScreen?: boolean;
}

export function PageLoader({ fullScreen = false }: PageLoaderProps) {
  return (
    <Center h={fullScreen ? '100vh' : 320} role="status" aria-label="Loading">
      <Loader size="md" />
    </Center>
  );
}
