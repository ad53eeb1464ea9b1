import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangePasswordBodySchema,
  ConfirmMfaBodySchema,
  MfaEnrolmentDtoSchema,
  RecoveryCodesDtoSchema,
  SessionDtoSchema,
  SignInBodySchema,
} from '../../../shared/auth';
import { ProblemSchema } from '../../../shared/common';
import { clearSessionCookies, SESSION_COOKIE, setSessionCookies } from './authentication';
import { confirmMfaEnrolment, startMfaEnrolment } from './mfa.service';
import { changePassword, presentSession, signOut } from './session.service';
import { signIn } from './sign-in.service';

const tags = ['session'];

/** Sign-in, sign-out, the current session, MFA enrolment and one's own password. */
export const authRoutes: FastifyPluginAsyncZod<{ secureCookies?: 'auto' | 'always' | 'never' }> = async (app, opts) => {
  app.post(
    '/session',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: 'Sign in (sets the session cookie); send totp or recoveryCode when MFA is on',
        body: SignInBodySchema,
        response: { 200: SessionDtoSchema, 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await signIn(request.ctx, request.body, request.cookies[SESSION_COOKIE] ?? null);
      setSessionCookies(reply, request, signedIn.token, signedIn.session.csrfToken, signedIn.session.expiresAt, opts.secureCookies);
      return presentSession(signedIn);
    },
  );

  app.get(
    '/session',
    {
      config: { policy: 'session.read', allowDuringMfaEnrolment: true },
      schema: { tags, summary: 'The signed-in person, their firm and what they may do', response: { 200: SessionDtoSchema } },
    },
    async (request) => presentSession(request.auth!), // the session policy guarantees auth
  );

  app.delete(
    '/session',
    {
      config: { policy: 'session.delete', allowDuringMfaEnrolment: true },
      schema: { tags, summary: 'Sign out (revokes the session server-side)', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await signOut(request.ctx);
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/session/mfa/enrolment',
    {
      config: { policy: 'session.enrolMfa', allowDuringMfaEnrolment: true },
      schema: { tags, summary: 'Start TOTP enrolment: a secret and its QR code', response: { 200: MfaEnrolmentDtoSchema } },
    },
    async (request) => startMfaEnrolment(request.ctx),
  );

  app.post(
    '/session/mfa/confirmation',
    {
      config: { policy: 'session.enrolMfa', allowDuringMfaEnrolment: true },
      schema: { tags, summary: 'Finish TOTP enrolment with a code; returns recovery codes once', body: ConfirmMfaBodySchema, response: { 200: RecoveryCodesDtoSchema } },
    },
    async (request) => ({ recoveryCodes: await confirmMfaEnrolment(request.ctx, request.body.code) }),
  );

  app.post(
    '/session/password',
    {
      config: { policy: 'session.changePassword', allowDuringMfaEnrolment: true },
      schema: { tags, summary: 'Change your own password (other sessions are revoked)', body: ChangePasswordBodySchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await changePassword(request.ctx, request.body);
      return reply.status(204).send(null);
    },
  );
};
