import { defineConfig } from 'vitest/config';

// Checks of what `npm run build` made (.output/chrome-mv3): run by `npm run test:build` after the build.
export default defineConfig({
  test: {
    name: 'build',
    include: ['tests/build/**/*.test.ts'],
    environment: 'node',
  },
});
