import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// The directory of this file (without node:url, so the config type-checks with DOM types only).
const here = decodeURIComponent(new URL('.', import.meta.url).pathname).replace(/^\/([A-Za-z]:)/, '$1');

// Served by the core at `/` with a strict CSP (script-src 'self'): everything is bundled,
// nothing is inlined or fetched from the network.
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    port: 5173,
    strictPort: false,
    // `vite dev` for the dashboard alone: proxy the API to a running core.
    proxy: {
      '/api': 'http://127.0.0.1:20128',
      '/v1': 'http://127.0.0.1:20128',
      '/health': 'http://127.0.0.1:20128',
    },
  },
});
