import { jsBackend } from '@dproj/backend-js';
import { onnxBackend } from '@dproj/backend-onnx';
import { wasmBackend } from '@dproj/backend-wasm';
import { webgpuBackend } from '@dproj/backend-webgpu';
import { describe, expect, it } from 'vitest';
import { dprojAdapter } from '../src/dproj.mjs';
import { onnxruntimeAdapter } from '../src/peers/onnxruntime.mjs';
import { plainJsAdapter } from '../src/peers/plain-js.mjs';
import { tfjsAdapter } from '../src/peers/tfjs.mjs';
import type { Adapter } from '../src/runner.mjs';
import { runAll } from '../src/runner.mjs';
import { benchCases } from '../src/workloads/index.mjs';

// The `--quick` cases through every adapter, each result checked against the float64 oracle by the
// same gate the benchmark uses. Times are measured but never asserted.
const adapters: [string, () => Promise<Adapter>][] = [
  ['dproj-js', () => dprojAdapter(jsBackend())],
  ['dproj-wasm', () => dprojAdapter(wasmBackend())],
  // The `dproj-wasm-2t` row: a worker thread beside the calling one (the table names both dproj-wasm).
  ['dproj-wasm', () => dprojAdapter(wasmBackend({ threads: 2 }))],
  // In Node, without a GPU, on SwiftShader (CI sets VK_ICD_FILENAMES); the probe must pass there.
  ['dproj-webgpu', () => dprojAdapter(webgpuBackend())],
  ['dproj-onnx-wasm', () => dprojAdapter(onnxBackend())],
  ['dproj-onnx-node-cpu', async () => dprojAdapter(onnxBackend({ ort: await import('onnxruntime-node'), name: 'onnx-node' }))],
  ['@tensorflow/tfjs-backend-wasm', () => tfjsAdapter('wasm')],
  ['@tensorflow/tfjs-backend-cpu', () => tfjsAdapter('cpu')],
  ['onnxruntime-web', () => onnxruntimeAdapter(1)],
  ['plain-js', async () => plainJsAdapter()],
];

const cases = benchCases('quick');

describe.each(adapters)('%s at --quick sizes (#%#)', (impl, create) => {
  it('agrees with the oracle on every workload it supports, and says why it skips the others', async () => {
    const adapter = await create();
    expect(adapter.impl).toBe(impl);
    const { rows, notes } = await runAll(adapter, cases, { warmup: 0, runs: 1 });
    await adapter.dispose();
    // The gate's tolerance is relative to the result's magnitude (projection scores run into the
    // thousands), so `wrong` is the assertion, not a fixed absolute bound.
    for (const row of rows) {
      expect(row.wrong, `${row.workload} ${row.size}: max abs err ${row.maxAbsErr}`).toBeUndefined();
      expect(Number.isFinite(row.maxAbsErr)).toBe(true);
    }
    for (const note of notes) expect(note.reason).not.toMatch(/^failed/);
    expect(rows.length + notes.length).toBe(cases.length);
    // Every adapter runs the dense workloads; only dproj counts co-occurrences.
    const ran = new Set(rows.map((r) => r.workload));
    for (const w of ['matmul', 'attention', 'attention-causal', 'mha', 'projection-dense'] as const) expect(ran).toContain(w);
    expect(ran.has('cooccurrence')).toBe(impl.startsWith('dproj-'));
  }, 60_000);
});
