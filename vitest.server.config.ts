import { defineConfig } from 'vitest/config';

// The team server's tests: Node, one embedded PostgreSQL per run (globalSetup),
// one database per test file made from a migrated template.
export default defineConfig({
  test: {
    name: 'server',
    include: ['server/**/*.test.ts', 'tests/contract/server*.contract.test.ts'],
    environment: 'node',
    // Files share workers: better-auth and Kysely load once per worker, not once per file; each file still has its own database.
    isolate: false,
    globalSetup: ['server/testing/global-setup.ts'],
    // Every answer the tests get from a server route is checked against the OpenAPI document.
    setupFiles: ['server/testing/conformance-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
