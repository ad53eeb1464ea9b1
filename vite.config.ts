import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web bundle: built into dist/web, which the Fastify server serves with an SPA fallback.
 * In development vite serves on 5173 and proxies the API to the server on 3000; the Host header
 * is kept (no changeOrigin) so the server's same-origin check on state-changing requests passes.
 */
export default defineConfig({
  root: '.',
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
