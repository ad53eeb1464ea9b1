#!/usr/bin/env node
// The `tickmark` command: runs the TypeScript sources through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
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
