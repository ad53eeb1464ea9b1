import { useState } from 'react';
import { Alert, Badge, Button, Divider, Group, Progress, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconLinkOff, IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ROLE_LABELS } from '../../../shared/common';
import type { InvitationPreviewDto, SessionDto } from '../../../shared/auth';
import { NameSchema } from '../../../shared/common';
import { errorDetail, isApiError, isProblem } from '../../api/api-error';
import { acceptInvitation, getInvitationPreview } from '../../api/client';
import { queryKeys } from '../../app/query-keys';
import { PasswordField } from '../../components/PasswordField';
import { AuthLayout } from '../../components/AuthLayout';
import { EmptyState } from '../../components/EmptyState';
import { PageLoader } from '../../components/PageLoader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RoleBadge } from '../../components/RoleBadge';
import { problemFieldErrors } from '../../lib/form-errors';
import { formatHumanDate } from '../../lib/time';

/** The page an invitation link opens: choose a name and password, and join the firm. */
export function AcceptInvitationPage() {
  useDocumentTitle('Accept invitation · Tickmark');
  const { token = '' } = useParams();
  const preview = useQuery({ queryKey: queryKeys.invitationPreview(token), queryFn: () => getInvitationPreview(token), retry: false, staleTime: Infinity });
  const [accepted, setAccepted] = useState<SessionDto | null>(null);

  if (accepted) {
    return (
      <AuthLayout width={480}>
        <Welcome session={accepted} />
      </AuthLayout>
    );
  }
  if (preview.isPending) {
    return <PageLoader fullScreen />;
  }
  if (preview.error) {
    return (
      <AuthLayout width={480}>
        <InvalidInvitation error={preview.error} />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout width={480} footer={<>By joining you agree to follow your firm&apos;s policies for client data.</>}>
      <AcceptForm token={token} invitation={preview.data} onAccepted={setAccepted} />
    </AuthLayout>
  );
}

interface AcceptFormProps {
  token: string;
  invitation: InvitationPreviewDto;
  onAccepted: (session: SessionDto) => void;
}

function AcceptForm({ token, invitation, onAccepted }: AcceptFormProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const min = invitation.minPasswordLength;

  const form = useForm({
    initialValues: { name: invitation.name, password: '', confirmPassword: '' },
    validate: {
      name: (value) => (NameSchema.safeParse(value).success ? null : 'Enter your name as colleagues know it'),
      password: (value) => ([...value].length >= min ? null : `Use at least ${min} characters. A short phrase is easy to remember.`),
      confirmPassword: (value, values) => (value === values.password ? null : 'The two passwords do not match'),
    },
  });

  const acceptMutation = useMutation({
    mutationFn: (values: { name: string; password: string }) => acceptInvitation(token, values),
    onSuccess: (session) => {
      // Forget whoever was signed in before in this browser, but keep the spent invitation's preview.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.invitationPreview(token)[0] });
      queryClient.setQueryData(queryKeys.session, session);
      if (session.mustEnrolMfa) {
        void navigate('/account/mfa', { replace: true });
        return;
      }
      onAccepted(session);
    },
    onMutate: () => form.clearErrors(),
    onError: (error) => form.setErrors(problemFieldErrors(error, { name: 'Name', password: 'Password' })),
  });

  const length = [...form.values.password].length;
  const isLongEnough = length >= min;
  const hasFieldErrors = isApiError(acceptMutation.error) && acceptMutation.error.problem.errors.length > 0;

  return (
    <form onSubmit={form.onSubmit((values) => acceptMutation.mutate({ name: values.name.trim(), password: values.password }))} noValidate>
      <Stack gap="lg">
        <Stack gap={6}>
          <Text fz="sm" fw={600} c="brand.7">
            You are invited
          </Text>
          <Title order={1} fz={24}>
            Join {invitation.firmName} on Tickmark
          </Title>
          <Text c="dimmed" fz="sm">
            Set your password to finish creating your account. This invitation expires on {formatHumanDate(invitation.expiresAt)}.
          </Text>
        </Stack>

        <Stack gap={8} p="sm" bg="var(--mantine-color-default-hover)" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Group justify="space-between" wrap="nowrap">
            <Text fz="sm" c="dimmed">
              Email
            </Text>
            <Text fz="sm" fw={600} style={{ overflowWrap: 'anywhere', textAlign: 'right' }}>
              {invitation.email}
            </Text>
          </Group>
          <Group justify="space-between" wrap="nowrap">
            <Text fz="sm" c="dimmed">
              Role
            </Text>
            <RoleBadge role={invitation.role} />
          </Group>
          <Group justify="space-between" wrap="nowrap">
            <Text fz="sm" c="dimmed">
              Firm
            </Text>
            <Text fz="sm" fw={600}>
              {invitation.firmName}
            </Text>
          </Group>
        </Stack>

        {invitation.mfaRequired ? (
          <Alert color="brand" variant="light" icon={<IconShieldLock size={18} aria-hidden="true" />}>
            <Text fz="sm">
              {invitation.firmName} requires two-step verification for the {ROLE_LABELS[invitation.role].toLowerCase()} role. You will set it up right after this step.
            </Text>
          </Alert>
        ) : null}

        {acceptMutation.error && !hasFieldErrors ? <ProblemAlert error={acceptMutation.error} /> : null}

        <TextInput label="Name" autoComplete="name" {...form.getInputProps('name')} />
        <Stack gap={6}>
          <PasswordField
            label="Password"
            autoComplete="new-password"
            description={`At least ${min} characters. A phrase of a few words works well.`}
            {...form.getInputProps('password')}
          />
          <Group gap="xs" wrap="nowrap" aria-live="polite">
            <Progress value={Math.min(100, (length / min) * 100)} color={isLongEnough ? 'green' : 'brand'} size="sm" style={{ flex: 1 }} aria-hidden="true" />
            <Text fz="xs" c={isLongEnough ? 'green.9' : 'dimmed'} className="tm-num" fw={isLongEnough ? 600 : 400}>
              {isLongEnough ? `${length} characters — long enough` : `${length} of ${min} characters`}
            </Text>
          </Group>
        </Stack>
        <PasswordField label="Confirm password" autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
        <Button type="submit" size="md" fullWidth loading={acceptMutation.isPending}>
          Accept invitation
        </Button>
      </Stack>
    </form>
  );
}

interface WelcomeProps {
  session: SessionDto;
}

/** After joining: recommend two-step verification before going in. */
function Welcome({ session }: WelcomeProps) {
  return (
    <Stack gap="lg">
      <ThemeIcon size={48} radius="xl" color="green" variant="light">
        <IconCircleCheck size={28} aria-hidden="true" />
      </ThemeIcon>
      <Stack gap={6}>
        <Title order={1} fz={24}>
          Welcome to {session.firm.name}, {session.user.name.split(' ')[0]}
        </Title>
        <Text c="dimmed" fz="sm">
          Your account is ready and you are signed in.
        </Text>
      </Stack>
      <Divider />
      <Stack gap={6}>
        <Group gap="xs">
          <Text fw={650}>Protect your account</Text>
          <Badge color="brand" size="sm">
            Recommended
          </Badge>
        </Group>
        <Text fz="sm" c="dimmed">
          With two-step verification, signing in needs a code from your phone as well as your password, so client data stays safe even if your password leaks. It takes about a minute.
        </Text>
      </Stack>
      <Stack gap="sm">
        <Button component={Link} to="/account/mfa" size="md" leftSection={<IconShieldLock size={18} aria-hidden="true" />}>
          Set up two-step verification
        </Button>
        <Button component={Link} to="/" variant="default" size="md">
          Skip for now and go to Tickmark
        </Button>
      </Stack>
    </Stack>
  );
}

interface InvalidInvitationProps {
  error: unknown;
}

function InvalidInvitation({ error }: InvalidInvitationProps) {
  const isGone = isApiError(error) && (error.status === 404 || error.status === 410);
  if (!isGone) {
    return <ProblemAlert error={error} title="The invitation could not be loaded" onRetry={() => window.location.reload()} />;
  }
  return (
    <EmptyState
      icon={<IconLinkOff size={28} aria-hidden="true" />}
      title="This invitation link cannot be used"
      titleOrder={1}
      description={isProblem(error, 404) ? 'The link is incomplete or was never issued. Check that you copied all of it, or ask your firm’s administrator for a new invitation.' : errorDetail(error)}
      action={
        <Button component={Link} to="/sign-in" variant="default">
          Go to sign in
        </Button>
      }
    />
  );
}
