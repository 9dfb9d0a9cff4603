// The browser journeys (e2e/*.spec.ts) against a running ticketsvc that serves this build and
// the API on one origin: E2E_BASE_URL, plus the staff of E2E_AGENT_* and E2E_ADMIN_* (see
// README). Debian's Chromium (CHROMIUM to use another); nothing here downloads a browser.
import { defineConfig } from '@playwright/test';
import { ARTIFACTS } from './e2e/support/artifacts';

export default defineConfig({
  testDir: './e2e',
  outputDir: `${ARTIFACTS}/results`,
  // Two cores shared with the server under test: one browser at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: `${ARTIFACTS}/report`, open: 'never' }]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    actionTimeout: 15_000,
    navigationTimeout: 15_000,
    // A failure's trace keeps its actions, DOM snapshots and network, without the screencast:
    // recorded in every journey, passing ones too, the screencast cost ~3 s of CPU each
    // (2 journeys: 35.3 → 29.3 s of CPU for the whole pytest run, 2026-12-07).
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
});
