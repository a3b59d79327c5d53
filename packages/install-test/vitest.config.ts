import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'vitest-report.json' }]],
    // Packing, a registry install and a nested conformance run take minutes, not seconds.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
