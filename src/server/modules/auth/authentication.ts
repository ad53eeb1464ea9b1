import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database';
import type { FileStorage } from '../../storage/file-storage';
import { AppError, ForbiddenError, UnauthorizedError } from '../../errors';
import { authenticate } from './session.service';

export const SESSION_COOKIE = 'tm_session';
export const CSRF_COOKIE = 'tm_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthOptions {
  db: Db;
  now: () => Date;
  secureCookies: 'auto' | 'always' | 'never';
  files: FileStorage | null;
}

/**
 * Gives every request its context and, on every route whose policy is not `public`, a signed-in
 * actor: the session cookie is looked up server-side, the person reloaded, and state-changing
 * requests must echo the session's CSRF token in a header (double submit) from the same origin.
 */
export function installAuthentication(app: FastifyInstance, options: AuthOptions): void {
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('auth', null);

  app.addHook('onRequest', (request, _reply, done) => {
    request.ctx = {
      db: options.db,
      actor: null,
      requestId: request.id,
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent']?.slice(0, 400) ?? null,
      now: options.now,
      files: options.files,
    };
    try {
      if (!SAFE_METHODS.has(request.method)) {
        refuseCrossOrigin(request);
      }
      done();
    } catch (error) {
      done(error as Error); // refuseCrossOrigin throws only AppErrors
    }
  });

  app.addHook('preHandler', async (request) => {
    const policy = request.routeOptions.config.policy;
    if (policy === undefined || policy === 'public') {
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const auth = token ? await authenticate(options.db, token, options.now()) : null;
    if (!auth) {
      throw new UnauthorizedError('Your session has ended. Sign in again to continue.');
    }
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== auth.session.csrfToken) {
      throw new ForbiddenError('The request is missing its security token. Reload the page and try again.', 'csrf_failed');
    }
    if (auth.actor.mustEnrolMfa && !request.routeOptions.config.allowDuringMfaEnrolment) {
      throw new AppError(403, 'mfa_enrolment_required', 'Your firm requires two-step verification for your role. Set it up to continue.');
    }
    request.auth = auth;
    request.ctx.actor = auth.actor;
  });
}

function refuseCrossOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) {
    return;
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ForbiddenError('The request came from an unknown origin.', 'cross_origin'); // unparsable Origin is refused, which is the point
  }
  if (originHost !== request.headers.host) {
    throw new ForbiddenError('Requests from other sites are refused.', 'cross_origin');
  }
}

/** Sets the session cookie (HttpOnly) and the CSRF cookie (readable by the page), both SameSite=Strict. */
export function setSessionCookies(reply: FastifyReply, request: FastifyRequest, token: string, csrfToken: string, expiresAt: Date, mode: AuthOptions['secureCookies'] = 'auto'): void {
  const secure = mode === 'always' || (mode === 'auto' && request.protocol === 'https');
  const base = { path: '/', sameSite: 'strict' as const, secure, expires: expiresAt };
  void reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  void reply.setCookie(CSRF_COOKIE, csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  void reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
