import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'vitest-report.json' }]],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // One file drives one Chromium: build, serve, then every scenario in order.
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
    ],
  },
});
