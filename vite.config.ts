// Builds the Preact SPA (web/) into dist/web, which wrangler serves as the Worker's static assets.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  plugins: [preact()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or styles: the CSP in _headers allows only same-origin files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    // `vite` alone (web only) proxies the API to a running `npm run dev`.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
