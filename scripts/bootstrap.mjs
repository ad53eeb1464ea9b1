// Dependency-free helpers shared by `npm start` and `npm test`: install what is missing, non-interactively.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export function log(message) {
  process.stdout.write(`[tickmark] ${message}\n`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) {
    throw result.error;
  }
  return result.status ?? 1;
}

function hashFiles(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file);
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : '');
  }
  return hash.digest('hex');
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/** Runs `npm ci` when node_modules is missing or was installed from a different lockfile. */
export function ensureNodeModules() {
  const lock = path.join(root, 'package-lock.json');
  const marker = path.join(root, 'node_modules', '.tickmark-lock-hash');
  const wanted = hashFiles([lock]);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) {
    return;
  }
  log('installing npm packages (npm ci)…');
  const status = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  if (status !== 0) {
    throw new Error('npm ci failed');
  }
  fs.writeFileSync(marker, wanted);
}

/** Builds the web bundle when dist/web is missing or older than the sources it comes from. */
export function ensureWebBuild() {
  const sources = [...listFiles(path.join(root, 'src', 'web')), ...listFiles(path.join(root, 'src', 'shared')), path.join(root, 'index.html'), path.join(root, 'vite.config.ts'), path.join(root, 'package-lock.json')].sort();
  const wanted = hashFiles(sources);
  const marker = path.join(root, 'dist', 'web', '.source-hash');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) {
    return;
  }
  log('building the web app (vite build)…');
  const status = run(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn']);
  if (status !== 0) {
    throw new Error('vite build failed');
  }
  fs.writeFileSync(marker, wanted);
}

let aptUpdated = false;

/** Installs a Debian package with apt-get when `probe` (a file) is absent. */
export function ensureDebianPackage(name, probe) {
  if (probe()) {
    return;
  }
  log(`installing Debian package ${name} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo', '-n'] : [];
  const exec = (args) => run(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), { env });
  if (!aptUpdated) {
    exec(['apt-get', 'update', '-qq']);
    aptUpdated = true;
  }
  if (exec(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', name]) !== 0 || !probe()) {
    throw new Error(`could not install ${name}`);
  }
}

/** The folder holding PostgreSQL's server binaries (initdb, pg_ctl), newest version first. */
export function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) {
    return null;
  }
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : null;
}
