import { useState } from 'react';
import { Alert, Anchor, Box, Button, Group, Image, List, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconShieldCheck, IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { isProblem } from '../../api/api-error';
import { confirmMfaEnrolment, signOut, startMfaEnrolment } from '../../api/client';
import { queryKeys } from '../../app/query-keys';
import { useCurrentSession } from '../../app/use-session';
import { AuthLayout } from '../../components/AuthLayout';
import { CopyField } from '../../components/CopyField';
import { PageLoader } from '../../components/PageLoader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemFieldErrors } from '../../lib/form-errors';
import { RecoveryCodes } from './components/RecoveryCodes';

/**
 * Two-step verification set-up: scan the QR code (or type the setup key), confirm with a code,
 * then save the recovery codes, which are shown this once.
 */
export function MfaEnrolmentPage() {
  useDocumentTitle('Set up two-step verification · Tickmark');
  const session = useCurrentSession();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes) {
    return (
      <AuthLayout width={600}>
        <RecoveryCodesStep codes={recoveryCodes} />
      </AuthLayout>
    );
  }
  if (session.user.mfaEnabled) {
    return (
      <AuthLayout width={480}>
        <Stack gap="lg">
          <ThemeIcon size={48} radius="xl" color="green" variant="light">
            <IconShieldCheck size={28} aria-hidden="true" />
          </ThemeIcon>
          <Title order={1} fz={24}>
            Two-step verification is on
          </Title>
          <Text c="dimmed" fz="sm">
            Your account already asks for a code from your authenticator app at sign-in. If you lost your phone, ask your firm&apos;s administrator to reset two-step verification.
          </Text>
          <Button component={Link} to="/account" variant="default" leftSection={<IconArrowLeft size={16} aria-hidden="true" />}>
            Back to your account
          </Button>
        </Stack>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout width={600}>
      <EnrolStep isRequired={session.mustEnrolMfa} firmName={session.firm.name} onConfirmed={setRecoveryCodes} />
    </AuthLayout>
  );
}

interface EnrolStepProps {
  isRequired: boolean;
  firmName: string;
  onConfirmed: (codes: string[]) => void;
}

function EnrolStep({ isRequired, firmName, onConfirmed }: EnrolStepProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  // A query, not an effect: one enrolment per visit even when React mounts the page twice.
  const enrolment = useQuery({ queryKey: queryKeys.mfaEnrolment, queryFn: startMfaEnrolment, staleTime: Infinity, gcTime: 0, retry: false, refetchOnWindowFocus: false });

  const confirmMutation = useMutation({
    mutationFn: (value: string) => confirmMfaEnrolment(value),
    onSuccess: (codes) => onConfirmed(codes),
    onError: (error) => {
      const fieldErrors = problemFieldErrors(error, { code: 'Code' });
      setCodeError(fieldErrors.code ?? (isProblem(error, 400) || isProblem(error, 401) || isProblem(error, 422) ? error.problem.detail : null));
    },
  });

  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.session, null);
      void navigate('/sign-in', { replace: true });
    },
  });

  function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(trimmed)) {
      setCodeError('Enter the 6 digits your authenticator app shows for Tickmark.');
      return;
    }
    setCodeError(null);
    confirmMutation.mutate(trimmed);
  }

  const showMutationAlert = confirmMutation.error && codeError === null;

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Group gap="sm">
          <ThemeIcon size={36} radius="md" color="brand" variant="light">
            <IconShieldLock size={20} aria-hidden="true" />
          </ThemeIcon>
          <Title order={1} fz={24}>
            Set up two-step verification
          </Title>
        </Group>
        <Text c="dimmed" fz="sm">
          At each sign-in Tickmark will ask for a code from an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator or 1Password.
        </Text>
      </Stack>

      {isRequired ? (
        <Alert color="orange" variant="light" title="Required by your firm">
          <Text fz="sm">{firmName} requires two-step verification for your role. Set it up to continue to Tickmark.</Text>
        </Alert>
      ) : null}

      {enrolment.isPending ? <PageLoader /> : null}
      {enrolment.error ? <ProblemAlert error={enrolment.error} title="Set-up could not start" onRetry={() => void enrolment.refetch()} /> : null}

      {enrolment.data ? (
        <>
          <Box>
            <StepHeading number={1} title="Scan this QR code with your authenticator app" />
            <Group align="flex-start" gap="lg" wrap="nowrap" mt="sm" pl={34}>
              <Box p={6} bg="white" style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-default-border)', flexShrink: 0 }}>
                <Image src={enrolment.data.qrCodeDataUrl} alt="QR code for setting up two-step verification in an authenticator app" w={168} h={168} />
              </Box>
              <Stack gap="xs" style={{ minWidth: 0, flex: 1 }}>
                <Text fz="sm" c="dimmed">
                  Can&apos;t scan it? Choose &ldquo;enter a setup key&rdquo; in the app and type this key:
                </Text>
                <CopyField label="Setup key" value={enrolment.data.secret} breakAll />
                <Text fz="xs" c="dimmed">
                  Time-based, 6 digits, 30 seconds.
                </Text>
              </Stack>
            </Group>
          </Box>

          <form onSubmit={handleSubmit} noValidate>
            <StepHeading number={2} title="Enter the code the app shows" />
            <Stack gap="sm" mt="sm" pl={34}>
              {showMutationAlert ? <ProblemAlert error={confirmMutation.error} /> : null}
              <Group align="flex-start" gap="sm" wrap="nowrap">
                <TextInput
                  label="6-digit code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={7}
                  value={code}
                  error={codeError}
                  onChange={(event) => setCode(event.currentTarget.value.replace(/[^\d ]/g, ''))}
                  w={180}
                  styles={{ input: { fontSize: 20, letterSpacing: '0.35em', fontFamily: 'var(--mantine-font-family-monospace)', height: 44 } }}
                />
                <Button type="submit" mt={25} h={44} loading={confirmMutation.isPending}>
                  Turn on two-step verification
                </Button>
              </Group>
            </Stack>
          </form>
        </>
      ) : null}

      <Group justify="space-between" pt="xs">
        {isRequired ? (
          <Anchor component="button" type="button" fz="sm" onClick={() => signOutMutation.mutate()}>
            Sign out
          </Anchor>
        ) : (
          <Anchor component={Link} to="/account" fz="sm">
            <Group gap={4} component="span" wrap="nowrap">
              <IconArrowLeft size={14} aria-hidden="true" />
              Not now, back to my account
            </Group>
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}

interface StepHeadingProps {
  number: number;
  title: string;
}

function StepHeading({ number, title }: StepHeadingProps) {
  return (
    <Group gap="sm" wrap="nowrap">
      <ThemeIcon size={24} radius="xl" color="brand" variant="filled" aria-hidden="true">
        <Text fz="xs" fw={700} c="white">
          {number}
        </Text>
      </ThemeIcon>
      <Title order={2} fz="md">
        {title}
      </Title>
    </Group>
  );
}

interface RecoveryCodesStepProps {
  codes: string[];
}

function RecoveryCodesStep({ codes }: RecoveryCodesStepProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  async function handleContinue() {
    await queryClient.invalidateQueries({ queryKey: queryKeys.session });
    await queryClient.invalidateQueries({ queryKey: queryKeys.home });
    void navigate('/', { replace: true });
  }

  return (
    <Stack gap="lg">
      <Group gap="sm">
        <ThemeIcon size={36} radius="md" color="green" variant="light">
          <IconShieldCheck size={20} aria-hidden="true" />
        </ThemeIcon>
        <Title order={1} fz={24}>
          Two-step verification is on
        </Title>
      </Group>
      <Stack gap={6}>
        <Title order={2} fz="md">
          Save your recovery codes
        </Title>
        <Text fz="sm" c="dimmed">
          If you lose your phone, each of these codes signs you in once instead of an app code. Keep them somewhere safe, such as your password manager. They are shown only now.
        </Text>
      </Stack>
      <RecoveryCodes codes={codes} />
      <List size="sm" spacing={4} c="dimmed">
        <List.Item>Each code works once.</List.Item>
        <List.Item>Lost both phone and codes? Your firm&apos;s administrator can reset two-step verification.</List.Item>
      </List>
      <Button size="md" onClick={() => void handleContinue()}>
        I saved them, continue
      </Button>
    </Stack>
  );
}
