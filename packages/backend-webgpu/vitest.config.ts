import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// Debian's chromium (nothing is downloaded) with WebGPU enabled: on a machine without a GPU it offers
// SwiftShader's adapter. CHROMIUM_PATH points at another Chromium when needed.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// Software adapters are exact but slow: cases take seconds, not milliseconds.
const timeouts = { testTimeout: 180_000, hookTimeout: 180_000 };

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'vitest-report.json' }]],
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          setupFiles: ['test/setup/software-adapter.ts'],
          ...timeouts,
        },
      },
      {
        test: {
          name: 'chromium',
          include: ['test/browser/**/*.test.ts'],
          ...timeouts,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            instances: [{ browser: 'chromium' }],
            provider: playwright({ launchOptions: { executablePath: chromium, args: chromiumArgs } }),
          },
        },
      },
    ],
  },
});
