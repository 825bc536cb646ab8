import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// The tests `npm run mutate` (StrykerJS) runs against each mutant of the authorization, rules, command and
// org-scoping code: the rules' tables, the authorization contract in trial mode (the same declarations
// the server dispatches), and the server tests that exercise callers, org filters and sessions. Left out, to
// stay within half an hour on two cores (a mutant in code that server start-up or a test file's set-up runs is
// "static" for Stryker, and runs this whole list): the contract on the server (54 s, a fresh org and three
// sign-ins per case; the isolation, sign-in and store tests cover the server's side), tests that need a second
// process (a mutant is active in this process only), the fault tests, and tests of other parts (the claim,
// Marketo, pages).
// Fastest and most telling first: a mutant is killed by the first failing test (Stryker bails), and a mutant in
// code that runs at import (a command's declaration) runs every test until one fails.
const ORDER = [
  'lib/features/',
  'server/auth/caller-cache.test.ts',
  'tests/contract/trial.contract.test.ts',
  'server/tests/isolation.test.ts',
  'server/tests/sign-in.test.ts',
  'server/tests/org-store.test.ts',
  'server/tests/store-access.test.ts',
  'server/tests/no-probing.test.ts',
];
const rank = (spec: TestSpecification) => {
  const at = ORDER.findIndex((part) => spec.moduleId.includes(part));
  return at < 0 ? ORDER.length : at;
};
const stageProject: Record<string, string> = { rules: 'rules', server: 'server', memberships: 'memberships' };

class FastFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    sequence: { sequencer: FastFirst },
    // MUTATE_STAGE (set by tests/mutation/stryker.*.mjs) runs one project; unset, both.
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'rules',
          include: ['lib/features/**/*.test.ts', 'tests/contract/trial.contract.test.ts'],
          setupFiles: ['tests/unit/setup.ts'],
          environment: 'happy-dom',
          restoreMocks: true,
        },
      },
      {
        test: {
          name: 'server',
          include: [
            'server/auth/caller-cache.test.ts',
            'server/tests/isolation.test.ts',
            'server/tests/sign-in.test.ts',
            'server/tests/no-probing.test.ts',
            'server/tests/auth-extras.test.ts',
            'server/tests/changes.test.ts',
            'server/tests/http-edges.test.ts',
            'server/tests/org-store.test.ts',
            'server/tests/store-access.test.ts',
          ],
          environment: 'node',
          isolate: false,
          globalSetup: ['server/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'memberships',
          // The server's memberships test, and of the contract on the server only its person-in-two-orgs case
          // (the whole contract takes a minute a mutant).
          include: ['server/tests/memberships.test.ts', 'tests/mutation/person-in-two-orgs.mutate.ts'],
          environment: 'node',
          isolate: false,
          globalSetup: ['server/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ].filter((project) => !process.env.MUTATE_STAGE || project.test.name === stageProject[process.env.MUTATE_STAGE]),
  },
});
