import { useState } from 'react';
import { ActionIcon, Button, Divider, Group, Modal, Popover, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconBookmarkPlus, IconChevronDown, IconTrash } from '@tabler/icons-react';
import { isProblem } from '../../../api/api-error';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useCreateSavedView, useDeleteSavedView, useSavedViews } from '../use-saved-views';
import classes from './SavedViewsMenu.module.css';

export interface SavedViewsMenuProps {
  /** The current URL's filters, saved under a name. */
  currentQuery: Record<string, string>;
  onApply: (query: Record<string, string>) => void;
}

/** Save the tracker's current filters under a name, apply a saved view, or delete one. */
export function SavedViewsMenu({ currentQuery, onApply }: SavedViewsMenuProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [isNaming, { open: handleOpenNaming, close: handleCloseNaming }] = useDisclosure(false);
  const [name, setName] = useState('');
  const views = useSavedViews(true);
  const createMutation = useCreateSavedView();
  const deleteMutation = useDeleteSavedView();
  const isUnavailable = isProblem(views.error, 404);

  function handleStartSave() {
    setIsOpen(false);
    setName('');
    createMutation.reset();
    handleOpenNaming();
  }

  function handleSave(event: React.FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      return;
    }
    createMutation.mutate(
      { name: trimmed, query: currentQuery },
      {
        onSuccess: () => {
          handleCloseNaming();
          notifications.show({ color: 'green', title: 'View saved', message: `“${trimmed}” is in your saved views.` });
        },
      },
    );
  }

  function handleApply(query: Record<string, string>) {
    setIsOpen(false);
    onApply(query);
  }

  function handleDelete(id: string, viewName: string) {
    deleteMutation.mutate(id, {
      onSuccess: () => notifications.show({ color: 'gray', title: 'View deleted', message: `“${viewName}” was deleted.` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not delete the view', message: error.message }),
    });
  }

  return (
    <>
      <Popover opened={isOpen} onChange={setIsOpen} position="bottom-end" width={300} shadow="md" trapFocus returnFocus>
        <Popover.Target>
          <Button variant="default" leftSection={<IconBookmark size={16} aria-hidden="true" />} rightSection={<IconChevronDown size={14} aria-hidden="true" />} onClick={() => setIsOpen((open) => !open)} aria-expanded={isOpen}>
            Saved views
          </Button>
        </Popover.Target>
        <Popover.Dropdown p="xs">
          <Stack gap={4}>
            <Text fz="xs" fw={700} c="dimmed" tt="uppercase" px={6} pt={4} style={{ letterSpacing: '0.05em' }}>
              Your saved views
            </Text>
            {views.isPending ? (
              <Text fz="sm" c="dimmed" px={6} py={4}>
                Loading…
              </Text>
            ) : isUnavailable ? (
              <Text fz="sm" c="dimmed" px={6} py={4}>
                Saved views are not available on this server yet.
              </Text>
            ) : views.error ? (
              <ProblemAlert error={views.error} onRetry={() => void views.refetch()} />
            ) : views.data && views.data.length > 0 ? (
              <ul className={classes.list} aria-label="Saved views">
                {views.data.map((view) => (
                  <li key={view.id} className={classes.item}>
                    <UnstyledButton className={classes.apply} onClick={() => handleApply(view.query)}>
                      <Text fz="sm" truncate="end">
                        {view.name}
                      </Text>
                    </UnstyledButton>
                    <Tooltip label="Delete">
                      <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Delete saved view ${view.name}`} loading={deleteMutation.isPending && deleteMutation.variables === view.id} onClick={() => handleDelete(view.id, view.name)}>
                        <IconTrash size={14} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                  </li>
                ))}
              </ul>
            ) : (
              <Text fz="sm" c="dimmed" px={6} py={4}>
                No saved views yet. Filter the tracker, then save the view to come back to it in one click.
              </Text>
            )}
            <Divider my={4} />
            <Button variant="subtle" justify="flex-start" leftSection={<IconBookmarkPlus size={16} aria-hidden="true" />} onClick={handleStartSave} disabled={isUnavailable}>
              Save current view…
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>

      <Modal opened={isNaming} onClose={handleCloseNaming} title="Save this view" size="sm">
        <form onSubmit={handleSave} noValidate>
          <Stack gap="md">
            <Text fz="sm" c="dimmed">
              Saves the view, filters and sort you have now. Anyone can open the same view from a shared link too.
            </Text>
            <TextInput label="Name" placeholder="e.g. Overdue bank recs" value={name} onChange={(event) => setName(event.currentTarget.value)} maxLength={100} data-autofocus required />
            {createMutation.error ? <ProblemAlert error={createMutation.error} /> : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={handleCloseNaming}>
                Cancel
              </Button>
              <Button type="submit" loading={createMutation.isPending} disabled={name.trim() === ''}>
                Save view
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
