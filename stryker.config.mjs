// `npm run mutate` (not part of `npm test`): StrykerJS over the code that decides who may do what to which org:
// the who check and the dispatcher's caller check, every command's `who` declaration, what a member may read of
// the org (the view), the server's store and its org filters, the caller and session checks, the code requests
// and the routes that use them. Then tests/mutation/org-filters.ts drops each org filter in turn, which no
// Stryker mutator does. Reports in reports/mutation/; the incremental file there makes a later run test only the
// mutants whose code or tests changed. See README, "Mutation testing", for the scope and the score.
import { readdirSync, readFileSync } from 'node:fs';

// Only the `who:` line of each command's declaration: the rest of a declaration (its schema, its body's
// log lines) runs at import, so each of its mutants would run every test; the rules have their own tables.
const whoLines = readdirSync('lib/features', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `lib/features/${entry.name}/commands.ts`)
  .flatMap((file) => {
    let lines;
    try {
      lines = readFileSync(file, 'utf8').split('\n');
    } catch {
      return [];
    }
    return lines.flatMap((line, i) => (/^\s*who: '/.test(line) ? [`${file}:${i + 1}-${i + 1}`] : []));
  });

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: [
    'lib/features/authorize.ts',
    'lib/features/dispatch.ts',
    'lib/features/session/view.ts',
    ...whoLines,
    'server/store/org-store.ts',
    'server/store/store-access.ts',
    'server/store/no-org-store.ts',
    'server/store/sessions.ts',
    'server/auth/auth.ts',
    'server/auth/caller.ts',
    'server/auth/code-requests.ts',
    'server/auth/auth-routes.ts',
    'server/routes/commands.ts',
    'server/routes/session.ts',
    'server/routes/changes.ts',
    'server/routes/auth.ts',
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['.output', '.data', 'test-results', 'playwright-report', 'bench-results', 'reports', '.scratch'],
  concurrency: 2,
  timeoutMS: 30_000,
  cleanTempDir: 'always',
};
