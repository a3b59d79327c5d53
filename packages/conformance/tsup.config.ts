import { defineConfig } from 'tsup';
import { baseTsup } from '../../tsup.base.ts';

// vitest is the host's test runner: it must stay an import, never be bundled.
export default defineConfig({ ...baseTsup, external: ['vitest', 'fast-check', '@dproj/core'] });
