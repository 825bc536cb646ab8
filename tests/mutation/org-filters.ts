// `npm run mutate`, second half: every org filter of the server dropped, one at a time. StrykerJS has no mutator
// that removes a call from a chain, and a forgotten `.where('org_id', '=', orgId)` is exactly how one org reads
// or changes another's rows; so each such call is removed here, in a copy of the checkout, and the tests that
// guard isolation must fail. Writes reports/mutation/org-filters.json; exits 1 if any filter can go unnoticed.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const FILES = [
  'server/store/org-store.ts',
  'server/store/store-access.ts',
  'server/store/sessions.ts',
  'server/routes/commands.ts',
  'server/routes/session.ts',
  'server/routes/changes.ts',
];
// A filter on the org: its id column (or the orgs row itself) compared with the caller's org.
const FILTER = /\n?\s*\.where\('(?:org_id|orgId|members\.org_id|id)', '=', (?:caller\.)?orgId\)/g;
const TESTS = [
  'server/tests/isolation.test.ts',
  'server/tests/org-store.test.ts',
  'server/tests/store-access.test.ts',
  'server/tests/sign-in.test.ts',
  'server/tests/session-membership.test.ts',
  'server/tests/changes.test.ts',
];

// A copy of the tracked files (a mutant never touches the working tree), sharing node_modules.
const sandbox = mkdtempSync(join(tmpdir(), 'marketo-access-org-filters-'));
// As root, the embedded PostgreSQL's postgres user must pass through the copy.
spawnSync('chmod', ['711', sandbox]);
const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
  .stdout.split('\0')
  .filter(Boolean);
for (const file of tracked) {
  mkdirSync(dirname(join(sandbox, file)), { recursive: true });
  cpSync(join(ROOT, file), join(sandbox, file));
}
symlinkSync(join(ROOT, 'node_modules'), join(sandbox, 'node_modules'));
const cleanUp = () => rmSync(sandbox, { recursive: true, force: true });
process.on('SIGINT', () => (cleanUp(), process.exit(130)));
process.on('SIGTERM', () => (cleanUp(), process.exit(143)));

interface Outcome {
  file: string;
  line: number;
  filter: string;
  status: 'killed' | 'survived';
  by?: string;
}
const outcomes: Outcome[] = [];
try {
  for (const file of FILES) {
    const original = readFileSync(join(ROOT, file), 'utf8');
    for (const match of original.matchAll(FILTER)) {
      const line = original.slice(0, match.index + match[0].search(/\S/)).split('\n').length;
      writeFileSync(
        join(sandbox, file),
        original.slice(0, match.index) + original.slice(match.index + match[0].length),
      );
      const run = spawnSync(
        join(ROOT, 'node_modules/.bin/vitest'),
        ['run', '--config', 'vitest.server.config.ts', '--bail=1', ...TESTS],
        { cwd: sandbox, encoding: 'utf8', env: { ...process.env, CI: '1' } },
      );
      // eslint-disable-next-line no-control-regex -- the colours of vitest's output are what this strips.
      const failed = run.stdout.replace(/\x1b\[[0-9;]*m/g, '').match(/FAIL .*?(server\/tests\/[\w-]+\.test\.ts)/)?.[1];
      const outcome: Outcome = {
        file,
        line,
        filter: match[0].trim(),
        status: run.status === 0 ? 'survived' : 'killed',
        ...(failed && { by: failed }),
      };
      outcomes.push(outcome);
      console.log(
        `${outcome.status === 'killed' ? 'killed  ' : 'SURVIVED'} ${file}:${line} ${outcome.filter}${failed ? ` (${failed})` : ''}`,
      );
      writeFileSync(join(sandbox, file), original);
    }
  }
} finally {
  cleanUp();
}
const survived = outcomes.filter((o) => o.status === 'survived');
mkdirSync(join(ROOT, 'reports/mutation'), { recursive: true });
writeFileSync(join(ROOT, 'reports/mutation/org-filters.json'), JSON.stringify(outcomes, null, 2));
console.log(
  `org filters dropped one at a time: ${outcomes.length - survived.length} of ${outcomes.length} noticed by the tests`,
);
process.exit(survived.length > 0 ? 1 : 0);
