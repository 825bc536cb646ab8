// What both stages of `npm run mutate` share (see README, "Mutation testing").
/** @type {(stage: string) => import('@stryker-mutator/api/core').PartialStrykerOptions} */
export const base = (stage) => {
  // vitest.mutate.config.ts runs this stage's tests only (the test runners Stryker starts inherit it).
  process.env.MUTATE_STAGE = stage;
  return {
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.mutate.config.ts', related: false },
    coverageAnalysis: 'perTest',
    incremental: true,
    incrementalFile: `reports/mutation/${stage}/stryker-incremental.json`,
    reporters: ['html', 'json', 'clear-text', 'progress'],
    htmlReporter: { fileName: `reports/mutation/${stage}/index.html` },
    jsonReporter: { fileName: `reports/mutation/${stage}/mutation.json` },
    clearTextReporter: { allowColor: false, logTests: false },
    tempDirName: '.stryker-tmp',
    ignorePatterns: [
      '.output',
      '.data',
      'test-results',
      'playwright-report',
      'bench-results',
      'reports',
      '.stryker-tmp*',
    ],
    concurrency: 2,
    timeoutMS: 30_000,
    cleanTempDir: 'always',
  };
};
