import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { localFileStorage } from '../storage/file-storage';
import { buildApp, type RegisteredRoute } from '../app';
import type { Database } from '../db/database';
import { hashToken, newId, newSecret } from '../ids';
import { CSRF_HEADER, SESSION_COOKIE } from '../modules/auth/authentication';
import type { BackgroundJobRow, UserRow } from '../db/schema';
import { openTestDatabase } from './test-database';
import { JOB_HANDLERS } from '../jobs/handlers';
import { runQueuedJobs, type ProgressReport } from '../jobs/job-runner';
import type { JobHandlers } from '../jobs/types';
import { withFileStreams } from '../statements/stored-files';

export interface TestClock {
  now(): Date;
  set(at: Date | string): void;
  advance(ms: number): void;
}

export interface HttpClient {
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** The `Cookie` header this client sends, for requests made outside `inject` (fetch on a real port). */
  cookieHeader: string;
}

export interface TestApp {
  app: FastifyInstance & { routesTable: RegisteredRoute[] };
  database: Database;
  db: Database['db'];
  clock: TestClock;
  anon: HttpClient;
  /** A client signed in as `user` (a session row made directly: sign-in itself has its own tests). */
  as(user: Pick<UserRow, 'id' | 'firmId'>): Promise<HttpClient>;
  /** A client carrying the cookies a real sign-in set. */
  withCookies(cookies: Record<string, string>, csrfToken?: string): HttpClient;
  /** Listens on a free port of 127.0.0.1 (once) and answers its base URL, e.g. `http://127.0.0.1:41234`. */
  baseUrl(): Promise<string>;
  /**
   * Runs every queued background job to its end, one after another, as the server's runner would
   * (with the app's clock and file storage), and answers the finished jobs in the order they ran.
   */
  drainJobs(options?: { handlers?: JobHandlers; onProgress?: (report: ProgressReport) => void }): Promise<BackgroundJobRow[]>;
  close(): Promise<void>;
}

/** One app and one database of its own per test file; tests isolate by creating their own firm. */
export async function createTestApp(): Promise<TestApp> {
  const database = await openTestDatabase();
  let current = new Date();
  const clock: TestClock = {
    now: () => new Date(current.getTime()),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
  const filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tickmark-files-'));
  const files = withFileStreams(localFileStorage(filesRoot), filesRoot);
  const app = await buildApp({ database, now: () => clock.now(), files });
  const client = (cookies: Record<string, string>, csrfToken?: string): HttpClient => {
    const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.inject({
        method,
        url: url.startsWith('/api') ? url : `/api${url}`,
        cookies,
        headers: { ...(csrfToken ? { [CSRF_HEADER]: csrfToken } : {}), ...headers },
        ...(body !== undefined ? { payload: body as NonNullable<InjectOptions['payload']> } : {}),
      });
    return {
      get: (url, headers) => send('GET', url, undefined, headers),
      post: (url, body, headers) => send('POST', url, body ?? {}, headers),
      put: (url, body, headers) => send('PUT', url, body ?? {}, headers),
      patch: (url, body, headers) => send('PATCH', url, body ?? {}, headers),
      delete: (url, body, headers) => send('DELETE', url, body, headers),
      inject: (options) => app.inject(options),
      cookieHeader: Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
    };
  };
  let listening: Promise<string> | null = null;
  return {
    app,
    database,
    db: database.db,
    clock,
    anon: client({}),
    withCookies: client,
    baseUrl() {
      listening ??= app.listen({ port: 0, host: '127.0.0.1' });
      return listening;
    },
    drainJobs(options = {}) {
      const quiet = { info: () => undefined, warn: () => undefined, error: (obj: object, msg: string) => console.error(msg, obj) };
      return runQueuedJobs({ db: database.db, handlers: options.handlers ?? JOB_HANDLERS, log: quiet, files, now: () => clock.now(), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    },
    async as(user) {
      const token = newSecret(32);
      const csrfToken = newSecret(24);
      const now = clock.now();
      await database.db
        .insertInto('sessions')
        .values({ id: newId(), firmId: user.firmId, userId: user.id, tokenHash: hashToken(token), csrfToken, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 8 * 3_600_000), revokedAt: null, revokedReason: null, ip: null, userAgent: 'test' })
        .execute();
      return client({ [SESSION_COOKIE]: token }, csrfToken);
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
