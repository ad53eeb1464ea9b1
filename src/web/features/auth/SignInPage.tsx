import { useState } from 'react';
import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconClock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SignInBodySchema, type SessionDto, type SignInBody } from '../../../shared/auth';
import { errorDetail, isApiError, isProblem } from '../../api/api-error';
import { signIn } from '../../api/client';
import { queryKeys } from '../../app/query-keys';
import { useSessionQuery } from '../../app/use-session';
import { PasswordField } from '../../components/PasswordField';
import { AuthLayout } from '../../components/AuthLayout';
import { PageLoader } from '../../components/PageLoader';
import { problemFieldErrors, withFieldLabels } from '../../lib/form-errors';
import { safeNext } from '../../lib/safe-next';

type Step = 'password' | 'totp' | 'recovery';

const CredentialsSchema = SignInBodySchema.pick({ email: true, password: true });
const LABELS = { email: 'Email', password: 'Password', totp: 'Code', recoveryCode: 'Recovery code' };

/** Sign-in: e-mail and password, then the second factor when the account has one. */
export function SignInPage() {
  useDocumentTitle('Sign in · Tickmark');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sessionQuery = useSessionQuery();
  const [step, setStep] = useState<Step>('password');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);

  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: withFieldLabels(zod4Resolver(CredentialsSchema), LABELS),
  });

  const signInMutation = useMutation({
    mutationFn: (body: SignInBody) => signIn(body),
    onSuccess: (session: SessionDto) => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.session, session);
      void navigate(session.mustEnrolMfa ? '/account/mfa' : next, { replace: true });
    },
    onError: (error) => {
      if (isProblem(error, 401, 'mfa_required')) {
        setStep('totp');
        return;
      }
      if (isProblem(error, 401, 'invalid_totp')) {
        setCodeError(error.problem.detail);
        return;
      }
      form.setErrors(problemFieldErrors(error, LABELS));
    },
  });

  if (sessionQuery.isPending) {
    return <PageLoader fullScreen />;
  }
  if (sessionQuery.data) {
    return <Navigate to={sessionQuery.data.mustEnrolMfa ? '/account/mfa' : next} replace />;
  }

  function handlePasswordSubmit(values: { email: string; password: string }) {
    signInMutation.mutate({ email: values.email.trim(), password: values.password });
  }

  function handleCodeSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = code.replace(/\s+/g, '');
    if (step === 'totp' && !/^\d{6}$/.test(trimmed)) {
      setCodeError('Enter the 6 digits shown in your authenticator app.');
      return;
    }
    if (step === 'recovery' && trimmed === '') {
      setCodeError('Enter one of the recovery codes you saved when you set up two-step verification.');
      return;
    }
    setCodeError(null);
    const { email, password } = form.getValues();
    signInMutation.mutate(step === 'totp' ? { email: email.trim(), password, totp: trimmed } : { email: email.trim(), password, recoveryCode: code.trim() });
  }

  function handleSwitchMethod() {
    setStep(step === 'totp' ? 'recovery' : 'totp');
    setCode('');
    setCodeError(null);
    signInMutation.reset();
  }

  function handleStartOver() {
    setStep('password');
    setCode('');
    setCodeError(null);
    form.setFieldValue('password', '');
    signInMutation.reset();
  }

  const failure = signInMutation.error;
  const showFailure = failure && !isProblem(failure, 401, 'mfa_required') && !isProblem(failure, 401, 'invalid_totp') && !(isApiError(failure) && failure.status === 400 && failure.problem.errors.length > 0);
  const isThrottled = isApiError(failure) && failure.status === 429;

  return (
    <AuthLayout footer={<>New to Tickmark? Your firm&apos;s administrator sends you an invitation link to set up your account.</>}>
      {step === 'password' ? (
        <form onSubmit={form.onSubmit(handlePasswordSubmit)} noValidate>
          <Stack gap="lg">
            <Stack gap={6}>
              <Title order={1} fz={24}>
                Sign in to Tickmark
              </Title>
              <Text c="dimmed" fz="sm">
                Welcome back. Use the e-mail address your firm invited.
              </Text>
            </Stack>
            {showFailure ? (
              <Alert color={isThrottled ? 'orange' : 'red'} icon={isThrottled ? <IconClock size={18} aria-hidden="true" /> : <IconAlertTriangle size={18} aria-hidden="true" />} role="alert">
                <Text fz="sm">{errorDetail(failure)}</Text>
              </Alert>
            ) : null}
            <TextInput label="Email" type="email" autoComplete="username" placeholder="you@yourfirm.com" autoFocus key={form.key('email')} {...form.getInputProps('email')} />
            <PasswordField label="Password" autoComplete="current-password" key={form.key('password')} {...form.getInputProps('password')} />
            <Button type="submit" fullWidth size="md" loading={signInMutation.isPending}>
              Sign in
            </Button>
          </Stack>
        </form>
      ) : (
        <form onSubmit={handleCodeSubmit} noValidate>
          <Stack gap="lg">
            <Stack gap={6}>
              <Title order={1} fz={24}>
                Two-step verification
              </Title>
              <Text c="dimmed" fz="sm">
                {step === 'totp' ? (
                  <>
                    Enter the 6-digit code from your authenticator app for <b>{form.getValues().email}</b>.
                  </>
                ) : (
                  <>Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.</>
                )}
              </Text>
            </Stack>
            {showFailure ? (
              <Alert color={isThrottled ? 'orange' : 'red'} icon={<IconAlertTriangle size={18} aria-hidden="true" />} role="alert">
                <Text fz="sm">{errorDetail(failure)}</Text>
              </Alert>
            ) : null}
            {step === 'totp' ? (
              <TextInput
                label="6-digit code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                autoFocus
                value={code}
                error={codeError}
                onChange={(event) => setCode(event.currentTarget.value.replace(/[^\d ]/g, ''))}
                styles={{ input: { fontSize: 22, letterSpacing: '0.4em', textAlign: 'center', fontFamily: 'var(--mantine-font-family-monospace)', height: 52 } }}
              />
            ) : (
              <TextInput
                label="Recovery code"
                autoComplete="off"
                autoFocus
                spellCheck={false}
                value={code}
                error={codeError}
                onChange={(event) => setCode(event.currentTarget.value)}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
            )}
            <Button type="submit" fullWidth size="md" loading={signInMutation.isPending}>
              Verify
            </Button>
            <Group justify="space-between">
              <Anchor component="button" type="button" fz="sm" onClick={handleStartOver}>
                <Group gap={4} wrap="nowrap" component="span">
                  <IconArrowLeft size={14} aria-hidden="true" />
                  Start over
                </Group>
              </Anchor>
              <Anchor component="button" type="button" fz="sm" onClick={handleSwitchMethod}>
                {step === 'totp' ? 'Use a recovery code instead' : 'Use your authenticator app instead'}
              </Anchor>
            </Group>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
