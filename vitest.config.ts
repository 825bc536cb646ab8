import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'lib/**/*.test.ts',
      'components/**/*.test.tsx',
      'entrypoints/**/*.test.{ts,tsx}',
      'tests/unit/**/*.test.{ts,tsx}',
      'tests/sandbox/**/*.test.ts',
      'tests/resilience/**/*.test.{ts,tsx}',
      'tests/contract/trial.contract.test.ts',
      'tests/contract/trial-activity.contract.test.ts',
    ],
    setupFiles: ['tests/unit/setup.ts'],
    environment: 'happy-dom',
    restoreMocks: true,
  },
});
