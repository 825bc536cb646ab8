/**
 * The Firefox end-to-end run: `node tests/firefox/run.ts` (npm run test:firefox,
 * after npm run build:firefox). Plain Node, not Playwright (which cannot drive
 * Debian's Firefox ESR): each test gets its own headless Firefox, and the
 * Marketo sandbox runs in this process. Writes test-results/firefox.json
 * ({ passed, failed, tests }) for scripts/test.mjs; exits 1 on any failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { geckoId, launchFirefox, type Firefox } from './firefox.ts';
import { writeFirefoxPolicy } from './firefox-policy.ts';
import { tests } from './smoke.ts';

const REPORT = 'test-results/firefox.json';
/** Bounds one test, so that a hang fails it instead of the run. */
const TEST_TIMEOUT = 60_000;

interface Outcome {
  name: string;
  ok: boolean;
  durationMs: number;
  error?: string;
}

const outcomes: Outcome[] = [];
const started = Date.now();
let sandbox: Sandbox | undefined;
let current: Promise<Firefox> | undefined;
let interrupted: NodeJS.Signals | undefined;
// Interrupted (Ctrl+C, CI cancel): close the running browser; the loop then starts no
// other test and the run ends as usual, sandbox stopped and report written.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    interrupted = signal;
    void current?.then(
      (firefox) => firefox.close(),
      () => undefined,
    );
  });
}
try {
  sandbox = await startSandbox({ port: 0 });
} catch (error) {
  // Still a report: every test counts as failed rather than vanishing from the totals.
  for (const { name } of tests)
    outcomes.push({ name, ok: false, durationMs: 0, error: `The Marketo sandbox did not start: ${String(error)}` });
  console.log(`  ✘ The Marketo sandbox did not start: ${String(error)}`);
}
try {
  // `--grep <text>`: only the tests whose name holds it (while working on one).
  const grep = process.argv.includes('--grep') ? process.argv[process.argv.indexOf('--grep') + 1] : undefined;
  for (const { name, prefs, policy, run } of sandbox ? tests.filter((t) => !grep || t.name.includes(grep)) : []) {
    if (interrupted) {
      outcomes.push({ name, ok: false, durationMs: 0, error: `Not run: ${interrupted}` });
      continue;
    }
    const t0 = Date.now();
    const removePolicy = policy ? writeFirefoxPolicy(geckoId(), policy) : undefined;
    const launched = (current = launchFirefox(prefs));
    // Firefox read its policies when it started: the machine-wide file goes at once.
    void launched.then(
      () => removePolicy?.(),
      () => removePolicy?.(),
    );
    let timer: NodeJS.Timeout | undefined;
    try {
      const body = (async () => {
        const firefox = await launched;
        await run(firefox, sandbox!);
        const errors = await firefox.errors();
        if (errors.length > 0)
          throw new Error(`Errors in the extension's pages or background page:\n  ${errors.join('\n  ')}`);
      })();
      // After a timeout the body fails when its browser is closed: that is expected, not a crash.
      body.catch(() => undefined);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Timed out after ${TEST_TIMEOUT / 1000} s`)), TEST_TIMEOUT);
      });
      await Promise.race([body, timeout]);
      outcomes.push({ name, ok: true, durationMs: Date.now() - t0 });
      console.log(`  ✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      outcomes.push({ name, ok: false, durationMs: Date.now() - t0, error: message });
      console.log(`  ✘ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n    ${message.replace(/\n/g, '\n    ')}`);
    } finally {
      clearTimeout(timer);
      // Even after a timeout: the browser is closed (or killed) before the next test, and its policy removed.
      await (await launched.catch(() => undefined))?.close();
      removePolicy?.();
    }
  }
} finally {
  await sandbox?.close();
}

const passed = outcomes.filter((o) => o.ok).length;
const failed = outcomes.length - passed;
mkdirSync('test-results', { recursive: true });
writeFileSync(REPORT, JSON.stringify({ passed, failed, durationMs: Date.now() - started, tests: outcomes }, null, 2));
console.log(`\nFirefox: ${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed > 0 ? 1 : 0);
