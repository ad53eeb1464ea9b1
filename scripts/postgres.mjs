// A throw-away PostgreSQL server for tests and benchmarks: initdb as the postgres user in a temp
// folder (--no-sync, fsync off: seconds, not a minute), on a free loopback port.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findPostgresBin } from './bootstrap.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts a throw-away PostgreSQL server as the postgres user in a temp folder; returns its URL and a stop function. */
export async function startPostgres() {
  const bin = findPostgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickmark-pg-'));
  const dataDir = path.join(dir, 'data');
  const isRoot = process.getuid && process.getuid() === 0;
  const asPostgres = (cmd, args) =>
    isRoot ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe', encoding: 'utf8' }) : spawnSync(cmd, args, { stdio: 'pipe', encoding: 'utf8' });
  if (isRoot) {
    fs.chmodSync(dir, 0o777);
    spawnSync('chown', ['postgres', dir]);
  }
  const init = asPostgres(path.join(bin, 'initdb'), ['--no-sync', '-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  if (init.status !== 0) {
    throw new Error(`initdb failed: ${init.stderr}`);
  }
  const port = await freePort();
  const started = asPostgres(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-w', '-t', '60', '-l', path.join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`, 'start']);
  if (started.status !== 0) {
    throw new Error(`PostgreSQL did not start: ${started.stderr}${fs.existsSync(path.join(dir, 'server.log')) ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8') : ''}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      asPostgres(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

