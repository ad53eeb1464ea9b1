import { useRef, useState } from 'react';
import { Button, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import classes from './FileDrop.module.css';

export interface FileDropProps {
  onFile: (file: File) => void;
  /** What files are welcome, in words. */
  hint: string;
  accept?: string;
}

/** A drop area for one file, with a button for those who prefer the file chooser. */
export function FileDrop({ onFile, hint, accept }: FileDropProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [isOver, setOver] = useState(false);
  return (
    <div
      className={classes.zone}
      data-over={isOver || undefined}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file) {
          onFile(file);
        }
      }}
    >
      <Stack align="center" gap="xs">
        <ThemeIcon size={44} radius="xl" variant="light">
          <IconFileUpload size={24} aria-hidden="true" />
        </ThemeIcon>
        <Text fw={600}>Drop the file here</Text>
        <Text fz="sm" c="dimmed" ta="center" maw={380}>
          {hint}
        </Text>
        <Button variant="default" size="sm" onClick={() => inputRef.current?.click()}>
          Choose a file…
        </Button>
        <input
          ref={inputRef}
          type="file"
          hidden
          aria-label="Statement file"
          {...(accept ? { accept } : {})}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) {
              onFile(file);
            }
          }}
        />
      </Stack>
    </div>
  );
}
