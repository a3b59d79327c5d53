import type { Options } from 'tsup';

/** The one build every package shares: ESM, type declarations, sourcemaps, no bundled dependencies. */
export const baseTsup: Options = {
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  splitting: false,
};
