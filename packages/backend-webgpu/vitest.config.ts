import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**'],
    setupFiles: ['test/setup/software-adapter.ts'],
    reporters: ['default', ['json', { outputFile: 'vitest-report.json' }]],
    // Software adapters (SwiftShader) are exact but slow: minutes of GPU work in all.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
