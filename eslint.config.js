// ESLint: correctness rules for TypeScript and Preact, and the floors of the house; layout is Prettier's job.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * The floors: a folder imports only from the floors below it (and its own
 * folder), never upward. From the bottom:
 *
 *   0  lib/domain          values, limits, parsing (no browser, server or database API)
 *   1  lib/features        the commands and their rules
 *   2  lib/db, lib/marketo, lib/secrets, lib/messaging, lib/csv, lib/waiting-period
 *                          one outside thing each (IndexedDB, Marketo's API, WebCrypto,
 *                          page <-> worker messages, CSV files, the badge and its alarm)
 *   3  lib/backend         where the org lives: shared code (port.ts, settings.ts,
 *                          server-url.ts, <area>/shared/), worker code (<area>/worker/), page code (<area>/page/);
 *                          <area> is trial (the org in this browser) or team-server
 *   4  lib/ui, lib/worker  page state and hooks; the worker's services
 *   5  components/         Preact components
 *   6  entrypoints/        background (wiring the worker), popup, options, passkey
 *
 * Besides the floors, two processes: pages (popup, options, passkey, components,
 * lib/ui, lib/backend/<area>/page) never import worker code (lib/worker,
 * lib/backend/<area>/worker), lib/marketo or lib/secrets; the worker never imports
 * page code. The team server (server/) imports lib/domain and lib/features,
 * and one exception, lib/marketo: the Marketo REST client is plain fetch code
 * with no browser API, and the server calls Marketo with it as the worker does
 * in trial mode. Nothing shipped imports tests/ or server/testing/ (the test
 * doubles live there). Test files (*.test.ts) are not shipped and are not held
 * to the floors; nor is scripts/ (set-up, start, the server's build, the benches).
 */
const FLOORS = [
  ['domain', 'lib/domain'],
  ['features', 'lib/features'],
  ['db', 'lib/db'],
  ['marketo', 'lib/marketo'],
  ['secrets', 'lib/secrets'],
  ['messaging', 'lib/messaging'],
  ['csv', 'lib/csv'],
  ['waiting-period', 'lib/waiting-period'],
  ['backend-worker', 'lib/backend/*/worker'],
  ['backend-page', 'lib/backend/*/page'],
  ['backend', 'lib/backend'],
  ['ui', 'lib/ui'],
  ['worker', 'lib/worker'],
  ['components', 'components'],
  ['worker-entry', 'entrypoints/background'],
  ['page-entry', 'entrypoints'],
  ['server-testing', 'server/testing'],
  ['server', 'server'],
  ['tests', 'tests'],
  ['scripts', 'scripts'],
];

const OUTSIDE = ['db', 'marketo', 'secrets', 'messaging', 'csv', 'waiting-period'];
/** What each folder may import, besides itself. */
const MAY_IMPORT = {
  domain: [],
  features: ['domain'],
  db: ['domain', 'features'],
  marketo: ['domain'],
  secrets: ['domain', 'db'],
  messaging: ['domain', 'features'],
  csv: ['domain', 'features'],
  'waiting-period': ['domain'],
  backend: ['domain', 'features', 'db'],
  'backend-worker': ['domain', 'features', 'db', 'waiting-period', 'backend'],
  'backend-page': ['domain', 'features', 'db', 'backend'],
  ui: ['domain', 'features', 'db', 'messaging', 'csv', 'waiting-period', 'backend', 'backend-page'],
  worker: ['domain', 'features', ...OUTSIDE, 'backend', 'backend-worker'],
  components: ['domain', 'features', 'db', 'messaging', 'csv', 'waiting-period', 'backend', 'backend-page', 'ui'],
  'page-entry': ['domain', 'ui', 'components'],
  'worker-entry': ['domain', 'features', ...OUTSIDE, 'worker'],
  server: ['domain', 'features', 'marketo'],
  'server-testing': FLOORS.map(([type]) => type),
  tests: FLOORS.map(([type]) => type),
  // The project's own tooling (set-up, start, build, bench): not shipped, may import anything.
  scripts: FLOORS.map(([type]) => type),
};

export default tseslint.config(
  {
    ignores: [
      '.output/',
      '.wxt/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      '.data/',
      '.stryker-tmp*/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Unused names fail the type check already (noUnusedLocals); `_name` marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No HTML from data: render text.' },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': FLOORS.map(([type, pattern]) => ({ type, pattern, partialMatch: false })),
      'boundaries/ignore': ['**/*.test.ts', '**/*.test.tsx'],
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkUnknownLocals: true,
          message:
            'Floors: {{from.type}} may not import {{to.type}} (eslint.config.js says what each folder may import, and why).',
          policies: Object.entries(MAY_IMPORT).map(([from, to]) => ({
            from: { element: { type: from } },
            allow: { to: { element: { types: [from, ...to] } } },
          })),
        },
      ],
    },
  },
  prettier,
);
