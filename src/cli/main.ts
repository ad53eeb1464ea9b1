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
  return (await import('./server-commands')).runServerCommand(argv);
}
