// `npm test`: everything, on a fresh machine, non-interactively. Installs npm packages, Chromium
// and PostgreSQL when missing; typechecks; runs unit + integration tests on PGlite; runs the
// integration tests again on a real PostgreSQL server started here; then the end-to-end tests in
// headless Chromium against a real server. Ends with one line: "N passed, N failed, N skipped".
import fs from 'node:fs';
import path from 'node:path';
import { ensureDebianPackage, ensureNodeModules, ensureWebBuild, findPostgresBin, log, root, run } from './bootstrap.mjs';
import { startPostgres } from './postgres.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const stages = [];
const reportDir = path.join(root, '.tmp', 'reports');
fs.rmSync(reportDir, { recursive: true, force: true });
fs.mkdirSync(reportDir, { recursive: true });

function stage(name, ok, counts = null) {
  stages.push({ name, ok, counts });
  if (counts) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  } else {
    totals[ok ? 'passed' : 'failed'] += 1;
  }
}

function vitest(name, args, env = {}) {
  const reportFile = path.join(reportDir, `${name}.json`);
  const status = run(path.join(root, 'node_modules', '.bin', 'vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...args], {
    env: { ...process.env, TZ: 'UTC', ...env },
  });
  let counts = null;
  if (fs.existsSync(reportFile)) {
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    counts = { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + (report.numTodoTests ?? 0) };
    if (status !== 0 && counts.failed === 0) {
      counts.failed = 1; // the run failed outside a test (setup, a crashed worker): count it
    }
  }
  stage(name, status === 0, counts ?? { passed: 0, failed: 1, skipped: 0 });
  return status === 0;
}

async function main() {
  ensureNodeModules();
  ensureDebianPackage('chromium', () => fs.existsSync('/usr/bin/chromium'));
  ensureDebianPackage('postgresql', () => findPostgresBin() !== null);

  log('typecheck (tsc --noEmit)');
  stage('typecheck', run(path.join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', 'tsconfig.json']) === 0);

  log('lint (eslint, type-aware)');
  stage('lint', run(path.join(root, 'node_modules', '.bin', 'eslint'), ['.', '--max-warnings', '0']) === 0);

  log('unit and integration tests on PGlite');
  vitest('pglite', []);

  log('integration tests on PostgreSQL');
  let postgres = null;
  try {
    postgres = await startPostgres();
    vitest('postgres', [], { TEST_DATABASE_URL: postgres.url });
  } catch (error) {
    log(`PostgreSQL stage failed: ${error.message}`);
    stage('postgres', false);
  } finally {
    postgres?.stop();
  }

  log('end-to-end tests in headless Chromium');
  try {
    ensureWebBuild();
    vitest('e2e', ['--config', 'vitest.e2e.config.ts']);
  } catch (error) {
    log(`end-to-end stage failed: ${error.message}`);
    stage('e2e', false);
  }

  log('stages:');
  for (const s of stages) {
    const detail = s.counts ? `${s.counts.passed} passed, ${s.counts.failed} failed, ${s.counts.skipped} skipped` : s.ok ? 'ok' : 'FAILED';
    log(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name}: ${detail}`);
  }
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  process.exit(totals.failed === 0 && stages.every((s) => s.ok) ? 0 : 1);
}

main().catch((error) => {
  log(`test run aborted: ${error.stack ?? error.message}`);
  process.stdout.write(`${totals.passed} passed, ${totals.failed + 1} failed, ${totals.skipped} skipped\n`);
  process.exit(1);
});
