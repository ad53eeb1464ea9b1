import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../src/server/app';
import { openDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { buildFirm, buildUser, TEST_PASSWORD } from '../src/server/test/factories';

/**
 * Sign-in burst: how long does GET /api/health take while 50 sign-ins (argon2id each) are in
 * flight, next to the same health requests with nothing else going on — and how much does the
 * event loop lag meanwhile? argon2 runs on libuv's thread pool, so the ratio should stay small.
 */
export async function benchSignInBurst(): Promise<Record<string, number | string>> {
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(database.db);
  const app = await buildApp({ database });
  const firm = await buildFirm(database.db);
  const users = await Promise.all(Array.from({ length: 51 }, () => buildUser(database.db, firm, { role: 'preparer' })));
  const warmUser = users.pop();
  await app.inject({ method: 'POST', url: '/api/session', payload: { email: warmUser?.user.email, password: TEST_PASSWORD } }); // warm-up: first-call compilation

  const health = async (n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await app.inject({ method: 'GET', url: '/api/health' });
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b);
  };
  await health(20); // warm-up
  const idle = await health(50);

  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const burstStart = performance.now();
  const signIns = Promise.all(users.map(({ user }) => app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: TEST_PASSWORD } })));
  const during = await health(50);
  const results = await signIns;
  const burstMs = performance.now() - burstStart;
  lag.disable();
  await app.close();
  await database.close();

  const p = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
  return {
    signIns: results.filter((r) => r.statusCode === 200).length,
    burstMs: Math.round(burstMs),
    healthIdleP50Ms: +p(idle, 0.5).toFixed(2),
    healthDuringBurstP50Ms: +p(during, 0.5).toFixed(2),
    healthDuringBurstP95Ms: +p(during, 0.95).toFixed(2),
    eventLoopLagP99Ms: +(lag.percentile(99) / 1e6).toFixed(1),
    eventLoopLagMaxMs: +(lag.max / 1e6).toFixed(1),
  };
}
