import { benchSignInBurst } from './signin-burst';
import { benchAuditVerify } from './audit-verify';
import { benchTracker } from './tracker';

/** `npm run bench [name…]`: runs the benchmarks and prints one JSON line per result. */
const benches: Record<string, () => Promise<Record<string, number | string>>> = {
  'signin-burst': benchSignInBurst,
  'audit-verify-100k': () => benchAuditVerify(100_000),
  'tracker-pglite': () => benchTracker('pglite'),
  'tracker-postgres': () => benchTracker('postgres'),
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) {
    continue;
  }
  const result = await run();
  process.stdout.write(`${JSON.stringify({ bench: name, date: new Date().toISOString().slice(0, 10), node: process.version, ...result })}\n`);
}
