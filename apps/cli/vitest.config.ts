import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'vitest-report.json' }]],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
