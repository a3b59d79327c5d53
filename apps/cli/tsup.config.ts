import { defineConfig } from 'tsup';

/**
 * The CLI runs in Node only. Each worker thread's script is its own entry, so it can be started from
 * dist/ by file name beside main.js.
 */
export default defineConfig({
  entry: { main: 'src/main.ts', index: 'src/index.ts', 'count-worker': 'src/counting/count-worker.ts' },
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
});
