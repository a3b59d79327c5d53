import { allCases, caseSeed, runCase, toleranceFor } from '@dproj/conformance';
import type { CaseContext } from '@dproj/conformance';
import { createEngine } from '@dproj/core';
import * as ort from 'onnxruntime-web';
import { onnxBackend } from '../../src/index.ts';
import type { OnnxBackend } from '../../src/index.ts';

/** What the page reports back to the test. */
export interface PageReport {
  readonly backend: string;
  readonly skippedProviders: readonly { provider: string; reason: string }[];
  readonly adapter: string;
  readonly passed: string[];
  readonly failed: { id: string; error: string }[];
  readonly ms: number;
}

declare global {
  interface Window {
    dprojReport?: PageReport;
    dprojError?: string;
  }
}

async function adapterInfo(): Promise<string> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<{ info?: { vendor: string; architecture: string } } | null> } }).gpu;
  const adapter = await gpu?.requestAdapter();
  return adapter === null || adapter === undefined ? 'none' : `${adapter.info?.vendor ?? '?'} / ${adapter.info?.architecture ?? '?'}`;
}

async function main(): Promise<void> {
  // The .wasm files are served beside the page; the bundle cannot carry them.
  ort.env.wasm.wasmPaths = '/ort/';
  const params = new URLSearchParams(location.search);
  const only = params.get('cases');
  const factory = onnxBackend({ ort, executionProviders: ['webgpu'] });
  const engine = await createEngine({ backends: [factory], prefer: [factory.name], fallback: 'none' });
  // The engine holds the backend as the contract's type; this factory only makes OnnxBackend.
  const backend = engine.backend as OnnxBackend;
  const tol = toleranceFor(backend.capabilities.precision, undefined);
  const passed: string[] = [];
  const failed: { id: string; error: string }[] = [];
  const start = performance.now();
  for (const c of allCases()) {
    if (only !== null && !only.split(',').some((prefix) => c.id.startsWith(prefix))) continue;
    const ctx: CaseContext = { engine, backend, factory, tol, seed: caseSeed(c.id), level: 'modest' };
    try {
      await runCase(c, ctx);
      passed.push(c.id);
    } catch (error) {
      failed.push({ id: c.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  window.dprojReport = {
    backend: backend.name,
    skippedProviders: backend.skippedProviders,
    adapter: await adapterInfo(),
    passed,
    failed,
    ms: Math.round(performance.now() - start),
  };
  await engine.dispose();
}

main().catch((error: unknown) => {
  window.dprojError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
});
