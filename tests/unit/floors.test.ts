// @vitest-environment node
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The floors of eslint.config.js, through ESLint's own API: a file placed in
 * a folder (not written to disk) with one import, linted with the project's
 * configuration. Imports name real files, as the rule resolves them.
 */
const eslint = new ESLint({ cwd: join(import.meta.dirname, '..', '..') });

async function floorProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  // Only the floors' verdict: the one-line files leave their import unused, which another rule reports.
  return (result?.messages ?? [])
    .filter((m) => m.ruleId !== '@typescript-eslint/no-unused-vars')
    .map((m) => `${m.ruleId}: ${m.message}`);
}

const refusal = (from: string, to: string) =>
  `boundaries/dependencies: Floors: ${from} may not import ${to} (eslint.config.js says what each folder may import, and why).`;

describe('the floors', () => {
  it.each([
    ['the domain imports page state', 'lib/domain/x.ts', "import { t } from '../ui/i18n.ts';", 'domain', 'ui'],
    [
      'a rule imports a backend',
      'lib/features/access/x.ts',
      "import type { OrgBackend } from '../../backend/port.ts';",
      'features',
      'backend',
    ],
    [
      'a page imports the Marketo client',
      'lib/ui/x.ts',
      "import { getJson } from '../marketo/http.ts';",
      'ui',
      'marketo',
    ],
    [
      'a component imports worker code',
      'components/access/x.tsx',
      "import { createTrialBackend } from '../../lib/backend/trial/worker/backend.ts';",
      'components',
      'backend-worker',
    ],
    [
      'the worker imports page code',
      'lib/worker/x.ts',
      "import { followChanges } from '../backend/team-server/page/feed.ts';",
      'worker',
      'backend-page',
    ],
    [
      'the server imports page state',
      'server/routes/x.ts',
      "import { t } from '../../lib/ui/i18n.ts';",
      'server',
      'ui',
    ],
    [
      'shipped code imports a test double',
      'lib/backend/team-server/shared/x.ts',
      "import { createFakeServer } from '../../../../tests/doubles/team-server-api.ts';",
      'backend',
      'tests',
    ],
    [
      'an entrypoint is imported from below',
      'components/x.tsx',
      "import { App } from '../entrypoints/popup/App.tsx';",
      'components',
      'page-entry',
    ],
  ])('refuses %s', async (_case, filePath, code, from, to) => {
    expect(await floorProblems(filePath, `${code}\nexport {};\n`)).toEqual([refusal(from, to)]);
  });

  it.each([
    ['a rule imports the domain', 'lib/features/access/x.ts', "import { ok } from '../../domain/result.ts';"],
    [
      'the server imports the registry',
      'server/routes/x.ts',
      "import { COMMANDS } from '../../lib/features/registry.ts';",
    ],
    [
      'a page imports the team server page client',
      'lib/ui/x.ts',
      "import { createServerAuth } from '../backend/team-server/page/auth.ts';",
    ],
    ['a test imports a double', 'tests/e2e/x.ts', "import { createFakeServer } from '../doubles/team-server-api.ts';"],
  ])('allows %s', async (_case, filePath, code) => {
    expect(await floorProblems(filePath, `${code}\nexport {};\n`)).toEqual([]);
  });
});
