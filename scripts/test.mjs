// `npm test`: every check, in the order that fails fastest. Prints one
// closing line "N passed, N failed" from the unit and end-to-end reports.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureDependencies, npmRun, ROOT } from './setup.mjs';

const REPORTS = join(ROOT, 'test-results');
const unitReport = join(REPORTS, 'unit.json');
const e2eReport = join(REPORTS, 'e2e.json');

function counts() {
  let passed = 0;
  let failed = 0;
  if (existsSync(unitReport)) {
    const unit = JSON.parse(readFileSync(unitReport, 'utf8'));
    passed += unit.numPassedTests;
    failed += unit.numFailedTests;
  }
  if (existsSync(e2eReport)) {
    const { stats } = JSON.parse(readFileSync(e2eReport, 'utf8'));
    passed += stats.expected;
    failed += stats.unexpected + stats.flaky;
  }
  return { passed, failed };
}

let failure;
try {
  ensureDependencies();
  ensureChromium();
  rmSync(unitReport, { force: true });
  rmSync(e2eReport, { force: true });
  npmRun('typecheck');
  npmRun('test:unit', ['--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]);
  npmRun('build:firefox');
  npmRun('test:e2e');
} catch (error) {
  failure = error;
}
const { passed, failed } = counts();
console.log(`\n${passed} passed, ${failed} failed`);
if (failure) {
  console.error(`npm test: ${failure.message}`);
  process.exit(1);
}
