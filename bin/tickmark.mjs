#!/usr/bin/env node
// The `tickmark` command: runs the TypeScript sources through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') {
    process.exit(0);
  }
  throw error;
});
const { main } = await import('../src/cli/main.ts');
try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) {
    process.exit(code);
  }
} catch (error) {
  process.stderr.write(`tickmark: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
