/**
 * Entry point of the `tickmark` command; returns the process exit code. The statement commands
 * load only the importers and the matcher, so scripts calling them start quickly; everything else
 * loads the server.
 */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'parse-statement') {
    return (await import('./parse-statement')).parseStatementCommand(rest);
  }
  if (command === 'reconcile') {
    return (await import('./reconcile')).reconcileCommand(rest);
  }
  if (command === 'bench') {
    return runBenchmarks(rest);
  }
  return (await import('./server-commands')).runServerCommand(argv);
}

/**
 * `tickmark bench [name…]`: the benchmarks of `bench/` (as `npm run bench`), in a child process
 * with room for the 1,000,000 × 1,000,000 matching run.
 */
async function runBenchmarks(names: string[]): Promise<number> {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const runner = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));
  const child = spawn(process.execPath, ['--max-old-space-size=4096', '--expose-gc', '--import', 'tsx', runner, ...names], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
