import { useEffect, useMemo } from 'react';
import { Button, Card, Checkbox, Grid, Group, NumberInput, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { ROLE_LABELS, ROLES } from '../../../shared/common';
import { DEFAULT_RECONCILIATION_DATE_WINDOW_DAYS, FirmSettingsSchema, type FirmDto, type FirmSettings } from '../../../shared/firm';
import { isApiError, isProblem } from '../../api/api-error';
import { updateFirmSettings } from '../../api/client';
import { queryKeys } from '../../app/query-keys';
import { useFirmQuery } from '../../app/use-firm';
import { useCurrentSession } from '../../app/use-session';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemFieldErrors, withFieldLabels } from '../../lib/form-errors';
import { formatDate, timeZoneOptions } from '../../lib/time';
import { WorkingHoursOverlap } from './components/WorkingHoursOverlap';

const LABELS: Record<string, string> = {
  mfaRequiredRoles: 'Roles',
  'onshore.timeZone': 'Onshore time zone',
  'onshore.workStart': 'Onshore day start',
  'onshore.workEnd': 'Onshore day end',
  'offshore.timeZone': 'Offshore time zone',
  'offshore.workStart': 'Offshore day start',
  'offshore.workEnd': 'Offshore day end',
  sessionIdleMinutes: 'Idle limit',
  sessionAbsoluteHours: 'Session length',
  dateFormat: 'Date format',
  reconciliationDateWindowDays: 'Matching date window',
};
const DATE_FORMATS: FirmSettings['dateFormat'][] = ['MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'];
const validateSettings = withFieldLabels(zod4Resolver(FirmSettingsSchema), LABELS);

/** Firm-wide settings: who must use two-step verification, the two teams' hours, sessions, dates, matching. */
export function FirmSettingsPage() {
  const session = useCurrentSession();
  const firm = useFirmQuery();

  if (!session.abilities.manageSettings) {
    return <EmptyState icon={<IconLock size={28} aria-hidden="true" />} title="Only administrators change firm settings" titleOrder={1} description="Ask your firm's administrator if a setting needs to change." />;
  }
  if (firm.isPending) {
    return (
      <Stack gap="lg" aria-busy="true">
        <Skeleton h={60} w={360} />
        <Skeleton h={420} />
      </Stack>
    );
  }
  if (firm.error || !firm.data) {
    return <ProblemAlert error={firm.error} onRetry={() => void firm.refetch()} />;
  }
  return <SettingsForm firm={firm.data} onReload={() => void firm.refetch()} />;
}

interface SettingsFormProps {
  firm: FirmDto;
  onReload: () => void;
}

function SettingsForm({ firm, onReload }: SettingsFormProps) {
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  const zones = useMemo(() => timeZoneOptions([firm.settings.onshore.timeZone, firm.settings.offshore.timeZone]), [firm.settings.onshore.timeZone, firm.settings.offshore.timeZone]);
  const form = useForm<FirmSettings>({ initialValues: firm.settings, validate: validateSettings });

  useEffect(() => {
    form.setValues(firm.settings);
    form.resetDirty(firm.settings);
    // Follow the server's settings after every save or reload.
  }, [firm.version]);

  const mutation = useMutation({
    mutationFn: (settings: FirmSettings) => updateFirmSettings({ settings, version: firm.version }),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.firm, updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
      notifications.show({ color: 'green', title: 'Settings saved', message: 'The new settings apply from now on.' });
    },
    onError: (error) => form.setErrors(problemFieldErrors(error, LABELS)),
  });

  const hasFieldErrors = isApiError(mutation.error) && mutation.error.problem.errors.length > 0 && !isProblem(mutation.error, 409);
  const isDirty = form.isDirty();
  const today = new Date();

  return (
    <form onSubmit={form.onSubmit((values) => mutation.mutate(values))} noValidate>
      <PageHeader
        title="Firm settings"
        description={`Security, teams and display settings for ${firm.name}.`}
        actions={
          <>
            {isDirty ? (
              <Button variant="default" onClick={() => form.reset()}>
                Discard changes
              </Button>
            ) : null}
            <Button type="submit" loading={mutation.isPending} disabled={!isDirty} leftSection={<IconDeviceFloppy size={16} aria-hidden="true" />}>
              Save settings
            </Button>
          </>
        }
      />
      <Stack gap="lg">
        {mutation.error && !hasFieldErrors ? (
          <ProblemAlert
            error={mutation.error}
            {...(isProblem(mutation.error, 409)
              ? {
                  onRetry: () => {
                    mutation.reset();
                    onReload();
                  },
                }
              : {})}
          />
        ) : null}

        <Card>
          <Title order={2}>Security</Title>
          <Text fz="sm" c="dimmed" mb="md">
            Who must use two-step verification, and how long a session lasts.
          </Text>
          <Grid gap="xl">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Checkbox.Group
                label="Require two-step verification for"
                description="People in these roles set it up at their next sign-in before they can do anything else."
                {...form.getInputProps('mfaRequiredRoles')}
              >
                <SimpleGrid cols={2} spacing="xs" mt="sm">
                  {ROLES.map((role) => (
                    <Checkbox key={role} value={role} label={ROLE_LABELS[role]} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Stack gap="md">
                <NumberInput
                  label="Sign out after inactivity (minutes)"
                  description="Between 5 minutes and one day"
                  min={5}
                  max={1440}
                  step={5}
                  allowDecimal={false}
                  w={340}
                  {...form.getInputProps('sessionIdleMinutes')}
                  onChange={(value) => form.setFieldValue('sessionIdleMinutes', Number(value))}
                />
                <NumberInput
                  label="Maximum session length (hours)"
                  description="Between 1 hour and 14 days"
                  min={1}
                  max={336}
                  allowDecimal={false}
                  w={340}
                  {...form.getInputProps('sessionAbsoluteHours')}
                  onChange={(value) => form.setFieldValue('sessionAbsoluteHours', Number(value))}
                />
              </Stack>
            </Grid.Col>
          </Grid>
        </Card>

        <Card>
          <Title order={2}>Teams and working hours</Title>
          <Text fz="sm" c="dimmed" mb="md">
            Where the onshore reviewers and the offshore preparers work. Times across the app are shown for both teams.
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
            <TeamFields team="onshore" title="Onshore team" zones={zones} form={form} />
            <TeamFields team="offshore" title="Offshore team" zones={zones} form={form} />
          </SimpleGrid>
          <Title order={3} mt="xl" mb="sm">
            Overlap
          </Title>
          <WorkingHoursOverlap onshore={form.values.onshore} offshore={form.values.offshore} viewerZone={session.user.timeZone} />
        </Card>

        <Card>
          <Title order={2}>Display</Title>
          <Text fz="sm" c="dimmed" mb="md">
            How dates appear for everyone in the firm.
          </Text>
          <Select
            label="Date format"
            w={300}
            allowDeselect={false}
            data={DATE_FORMATS.map((format) => ({ value: format, label: `${format}  (today: ${formatDate(today, format, session.user.timeZone)})` }))}
            {...form.getInputProps('dateFormat')}
          />
        </Card>

        <Card>
          <Title order={2}>Bank reconciliation</Title>
          <Text fz="sm" c="dimmed" mb="md">
            How matching pairs bank lines with ledger lines.
          </Text>
          <NumberInput
            label="Matching date window (days)"
            description="A bank line and a ledger line of the same amount are matched when their dates are at most this many days apart (0 to 31)."
            min={0}
            max={31}
            allowDecimal={false}
            w={340}
            {...form.getInputProps('reconciliationDateWindowDays')}
            value={form.values.reconciliationDateWindowDays ?? DEFAULT_RECONCILIATION_DATE_WINDOW_DAYS}
            onChange={(value) => form.setFieldValue('reconciliationDateWindowDays', Number(value))}
          />
        </Card>
        <Text fz="xs" c="dimmed">
          Settings version {firm.version}. Changes are recorded in the audit log.
        </Text>
      </Stack>
    </form>
  );
}

interface TeamFieldsProps {
  team: 'onshore' | 'offshore';
  title: string;
  zones: Array<{ value: string; label: string }>;
  form: UseFormReturnType<FirmSettings>;
}

function TeamFields({ team, title, zones, form }: TeamFieldsProps) {
  const prefix = team === 'onshore' ? 'Onshore' : 'Offshore';
  return (
    <Stack gap="sm" role="group" aria-label={title}>
      <Text fw={600} fz="sm">
        {title}
      </Text>
      <Select label={`${prefix} time zone`} data={zones} searchable limit={60} allowDeselect={false} nothingFoundMessage="No matching time zone" {...form.getInputProps(`${team}.timeZone`)} />
      <Group grow gap="sm">
        <TextInput label={`${prefix} day starts`} type="time" {...form.getInputProps(`${team}.workStart`)} />
        <TextInput label={`${prefix} day ends`} type="time" {...form.getInputProps(`${team}.workEnd`)} />
      </Group>
    </Stack>
  );
}
