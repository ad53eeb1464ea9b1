import { benchSignInBurst } from './signin-burst';
import { benchAuditVerify } from './audit-verify';
import { benchTracker } from './tracker';
import { benchImportCsv } from './import-csv';
import { benchImportOfx } from './import-ofx';
import { benchImportCamt } from './import-camt';
import { benchImportBai2 } from './import-bai2';
import { benchImportMt940 } from './import-mt940';
import { benchImportQif } from './import-qif';
import { benchReconcileMatch } from './reconcile-match';

/** `npm run bench [name…]`: runs the benchmarks and prints one JSON line per result. */
const benches: Record<string, () => Promise<Record<string, number | string>>> = {
  'signin-burst': benchSignInBurst,
  'audit-verify-100k': () => benchAuditVerify(100_000),
  'tracker-pglite': () => benchTracker('pglite'),
  'tracker-postgres': () => benchTracker('postgres'),
  'import-csv': benchImportCsv,
  'import-ofx': () => benchImportOfx(),
  'import-camt': benchImportCamt,
  'import-bai2': benchImportBai2,
  'import-mt940': () => benchImportMt940(),
  'import-qif': () => benchImportQif(),
  'match-10k': () => benchReconcileMatch(10_000),
  'match-100k': () => benchReconcileMatch(100_000),
  'match-1m': () => benchReconcileMatch(1_000_000),
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) {
    continue;
  }
  const result = await run();
  process.stdout.write(`${JSON.stringify({ bench: name, date: new Date().toISOString().slice(0, 10), node: process.version, ...result })}\n`);
}
