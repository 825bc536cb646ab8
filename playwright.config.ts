import { defineConfig } from '@playwright/test';

// End-to-end tests load the built extension (.output/chrome-mv3, made by
// `npm run build` first) into Debian's Chromium: never the dev server, which
// keeps the worker alive and hides worker-death bugs.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: { trace: 'retain-on-failure' },
});
