// `npm start`: install what is missing, build the web app if needed, then migrate, seed and serve
// (in this same process, so stopping `npm start` stops the server).
import { ensureNodeModules, ensureWebBuild, log } from './bootstrap.mjs';

try {
  ensureNodeModules();
  ensureWebBuild();
} catch (error) {
  log(`start-up failed: ${error.message}`);
  process.exit(1);
}
process.argv.splice(2, process.argv.length, 'serve');
await import('../bin/tickmark.mjs');
