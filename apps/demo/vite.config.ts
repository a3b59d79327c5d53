import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { corpusPlugin } from './build/corpus-plugin.ts';
import { ISOLATION_HEADERS } from './scripts/serve.mjs';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // Relative URLs, so the built page works under any path.
  base: './',
  plugins: [corpusPlugin(here('./node_modules/.cache/dproj-demo'))],
  resolve: { alias: { vitest: here('./build/vitest-stub.ts') } },
  build: {
    target: 'es2022',
    // onnxruntime-web's runtime is one large chunk, loaded only when the onnx backend is probed.
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
});
