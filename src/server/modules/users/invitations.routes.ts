import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AcceptInvitationBodySchema, InvitationPreviewDtoSchema, InvitationTokenParamsSchema, SessionDtoSchema } from '../../../shared/auth';
import { IdParamsSchema, ProblemSchema } from '../../../shared/common';
import { CreatedInvitationDtoSchema, CreateInvitationBodySchema, InvitationDtoSchema, InvitationListDtoSchema } from '../../../shared/users';
import { requireActor } from '../../context';
import { setSessionCookies } from '../auth/authentication';
import { presentSession } from '../auth/session.service';
import { presentInvitation } from './users.presenter';
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from './invitations.service';

const tags = ['invitations'];

export const invitationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/invitations',
    { config: { policy: 'firm.manageUsers' }, schema: { tags, summary: 'Invitations sent by the firm', response: { 200: InvitationListDtoSchema } } },
    async (request) => {
      const actor = requireActor(request.ctx);
      const rows = await listInvitations(request.ctx);
      return { items: rows.map((r) => presentInvitation(actor, r, request.ctx.now())) };
    },
  );

  app.post(
    '/invitations',
    { config: { policy: 'firm.manageUsers' }, schema: { tags, summary: 'Invite a person (the link is returned once)', body: CreateInvitationBodySchema, response: { 201: CreatedInvitationDtoSchema } } },
    async (request, reply) => {
      const { invitation, token } = await createInvitation(request.ctx, request.body);
      const origin = `${request.protocol}://${request.headers.host ?? 'localhost'}`;
      return reply.status(201).send({
        invitation: presentInvitation(requireActor(request.ctx), invitation, request.ctx.now()),
        token,
        acceptUrl: `${origin}/invitation/${token}`,
      });
    },
  );

  app.delete(
    '/invitations/:id',
    { config: { policy: 'invitation.revoke' }, schema: { tags, summary: 'Withdraw a pending invitation', params: IdParamsSchema, response: { 200: InvitationDtoSchema } } },
    async (request) => presentInvitation(requireActor(request.ctx), await revokeInvitation(request.ctx, request.params.id), request.ctx.now()),
  );

  app.get(
    '/invitation-tokens/:token',
    {
      config: { policy: 'public' },
      schema: { tags, summary: 'What an invitation link is for', params: InvitationTokenParamsSchema, response: { 200: InvitationPreviewDtoSchema, 404: ProblemSchema, 410: ProblemSchema } },
    },
    async (request) => previewInvitation(request.ctx, request.params.token),
  );

  app.post(
    '/invitation-tokens/:token/acceptance',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: 'Accept an invitation: set a password and sign in',
        params: InvitationTokenParamsSchema,
        body: AcceptInvitationBodySchema,
        response: { 200: SessionDtoSchema, 400: ProblemSchema, 404: ProblemSchema, 410: ProblemSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await acceptInvitation(request.ctx, request.params.token, request.body);
      setSessionCookies(reply, request, signedIn.token, signedIn.session.csrfToken, signedIn.session.expiresAt);
      return presentSession(signedIn);
    },
  );
};
