import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The SPA only ever calls its own origin (/api/...); in development Vite forwards those
// calls to the Flask app, so no CORS and no API address ends up in the bundle.
const apiTarget = process.env.TICKETSVC_API ?? 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    // Every browser we support has native <link rel=modulepreload>; skip the polyfill bytes.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    // e2e/*.spec.ts are Playwright's, run against a live server by `npm run e2e`.
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    restoreMocks: true,
    // The machine's two cores are shared: a test that waits on rendering gets time to spare.
    testTimeout: 15_000,
  },
});
