import { Anchor, Button, Card, FileButton, Group, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconFile, IconUpload } from '@tabler/icons-react';
import type { TaskDetailDto } from '../../../../shared/tasks';
import { isProblem } from '../../../api/api-error';
import { documentContentUrl } from '../../../api/client';
import { DateTime } from '../../../components/DateTime';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatBytes } from '../../../lib/tracker-copy';
import { useUploadDocument } from '../use-tasks';
import classes from './ReviewNotes.module.css';

export interface FilesCardProps {
  task: TaskDetailDto;
}

/** The task's files (evidence, workpapers), each a download link; the preparer uploads while working. */
export function FilesCard({ task }: FilesCardProps) {
  const upload = useUploadDocument(task.id);

  function handleUpload(file: File | null) {
    if (file) {
      upload.mutate(file);
    }
  }

  return (
    <Card padding={0} component="section" aria-labelledby="files-heading">
      <Group justify="space-between" px="md" pt="md" pb="sm">
        <Title order={2} id="files-heading">
          Files
        </Title>
        {task.abilities.attach ? (
          <FileButton onChange={handleUpload}>
            {(props) => (
              <Button {...props} size="compact-sm" variant="light" leftSection={<IconUpload size={14} aria-hidden="true" />} loading={upload.isPending}>
                Upload file
              </Button>
            )}
          </FileButton>
        ) : null}
      </Group>
      {upload.error ? (
        <Stack px="md" pb="sm">
          {isProblem(upload.error, 404) ? (
            <Text fz="sm" c="var(--mantine-color-error)" role="alert">
              File uploads are not available on this server yet.
            </Text>
          ) : (
            <ProblemAlert error={upload.error} />
          )}
        </Stack>
      ) : null}
      {task.documents.length === 0 ? (
        <Text fz="sm" c="dimmed" px="md" pb="md">
          {task.abilities.attach ? 'No files yet. Upload the statement, workpapers or support here.' : 'No files yet.'}
        </Text>
      ) : (
        <ul className={classes.list} aria-label="Files">
          {task.documents.map((doc) => (
            <li key={doc.id} className={classes.note}>
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <IconFile size={18} aria-hidden="true" style={{ flexShrink: 0, marginTop: 2 }} />
                <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                  <Anchor href={documentContentUrl(doc.id)} fz="sm" fw={600} download truncate="end">
                    {doc.filename}
                  </Anchor>
                  <Group gap={4} wrap="nowrap">
                    <Text fz="xs" c="dimmed">
                      {formatBytes(doc.sizeBytes)} · {doc.uploadedBy.name} ·
                    </Text>
                    <DateTime value={doc.uploadedAt} display="relative" fz="xs" c="dimmed" />
                  </Group>
                </Stack>
                <Anchor href={documentContentUrl(doc.id)} download aria-label={`Download ${doc.filename}`} c="dimmed">
                  <IconDownload size={16} aria-hidden="true" />
                </Anchor>
              </Group>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
