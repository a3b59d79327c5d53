import { DisposedError, createEngine, fromRows, toyCorpus } from '@dproj/core';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import type { OrtModule } from '../src/index.ts';
import { onnxBackend } from '../src/index.ts';
import { orderTies } from '../src/ops/top-k-ties.ts';

/** onnxruntime-web with session creation watched (and, for `refuse`, failing as an absent provider would). */
function watchedRuntime(refuse: readonly string[] = []): { runtime: OrtModule; created: string[][] } {
  const created: string[][] = [];
  const runtime: OrtModule = {
    Tensor: ort.Tensor,
    env: ort.env,
    InferenceSession: {
      create: async (model, options) => {
        const providers = options?.executionProviders ?? [];
        created.push([...providers]);
        if (providers.some((p) => refuse.includes(p))) throw new Error(`no available backend found. ERR: [${providers[0]}] backend not found.`);
        return ort.InferenceSession.create(model, options);
      },
    },
  };
  return { runtime, created };
}

const h = fromRows([
  [1, 0, 2, -1],
  [0, 1, 1, 1],
  [2, -1, 0, 1],
]);
const w = fromRows([
  [1, 0],
  [0, 1],
  [1, 1],
  [0, -1],
]);

describe('onnxBackend', () => {
  it('uses an injected runtime, and names the execution provider that ran', async () => {
    const { runtime, created } = watchedRuntime();
    const factory = onnxBackend({ ort: runtime, executionProviders: ['wasm'] });
    expect(factory.name).toBe('onnx');
    expect(factory.priority).toBe(5);
    expect(await factory.probe()).toEqual({ available: true });
    const backend = (await factory.create());
    expect(backend.name).toBe('onnx-wasm');
    expect(backend.executionProvider).toBe('wasm');
    await backend.attention({ h, wq: w, wk: w, wv: w });
    expect(created.length).toBeGreaterThanOrEqual(2);
    // Every session is created with the one provider that was found to work, so none can fall back silently.
    for (const providers of created) expect(providers).toEqual(['wasm']);
    await backend.dispose();
  });

  it('detects a fallback from webgpu to wasm and reports it', async () => {
    // onnxruntime given ['webgpu', 'wasm'] falls back without a word; the backend tries them one at a time.
    const { runtime } = watchedRuntime(['webgpu']);
    const backend = (await onnxBackend({ ort: runtime, executionProviders: ['webgpu', 'wasm'] }).create());
    expect(backend.name).toBe('onnx-wasm');
    expect(backend.skippedProviders.map((s) => s.provider)).toEqual(['webgpu']);
    expect(backend.skippedProviders[0].reason).toContain('backend not found');
    await backend.dispose();
  });

  it('detects the real fallback of onnxruntime-web in Node, where it has no webgpu', async () => {
    const backend = (await onnxBackend({ executionProviders: ['webgpu', 'wasm'] }).create());
    expect(backend.name).toBe('onnx-wasm');
    expect(backend.skippedProviders.map((s) => s.provider)).toEqual(['webgpu']);
    await backend.dispose();
  });

  it('probe fails with a reason when no provider works', async () => {
    const { runtime } = watchedRuntime(['webgpu']);
    const probe = await onnxBackend({ ort: runtime, executionProviders: ['webgpu'] }).probe();
    expect(probe.available).toBe(false);
    if (!probe.available) expect(probe.reason).toMatch(/webgpu: .*backend not found/);
  });

  it('caches one session per graph variant, holds no tensors between calls, and releases everything on dispose', async () => {
    const backend = (await onnxBackend({ executionProviders: ['wasm'] }).create());
    await backend.warmup();
    expect(backend.stats()).toEqual({ liveBuffers: 0, liveBytes: 0, sessions: 5 });
    await backend.attention({ h, wq: w, wk: w, wv: w });
    await backend.attention({ h: fromRows([[1, 2, 3, 4]]), wq: w, wk: w, wv: w });
    await backend.attention({ h, wq: w, wk: w, wv: w, mask: { kind: 'causal' } });
    expect(backend.stats()).toEqual({ liveBuffers: 0, liveBytes: 0, sessions: 6 });
    await backend.dispose();
    await backend.dispose();
    expect(backend.stats().sessions).toBe(0);
    await expect(backend.attention({ h, wq: w, wk: w, wv: w })).rejects.toBeInstanceOf(DisposedError);
    await expect(backend.warmup()).rejects.toBeInstanceOf(DisposedError);
  });

  it('gives a zero row for a fully masked row (no NaN from Softmax)', async () => {
    const backend = await onnxBackend({ executionProviders: ['wasm'] }).create();
    const keep = Uint8Array.from([1, 1, 0, 0, 0, 0, 1, 0, 1]);
    const result = await backend.attention({ h, wq: w, wk: w, wv: w, mask: { kind: 'keep', keep }, returnWeights: true });
    expect(Array.from(result.weights!.data.subarray(3, 6))).toEqual([0, 0, 0]);
    expect(Array.from(result.out.data.subarray(2, 4))).toEqual([0, 0]);
    expect(result.weights!.data[0] + result.weights!.data[1]).toBeCloseTo(1, 6);
    await backend.dispose();
  });

  it('counts co-occurrences in the graph: the toy corpus gives SPEC P1–P3', async () => {
    await using engine = await createEngine({ backends: [onnxBackend({ executionProviders: ['wasm'] })] });
    const corpus = toyCorpus();
    const { matrix } = await engine.cooccurrence(corpus, { window: 2 });
    const total = matrix.values.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(12, 6);
    const river = corpus.vocab.idOf('river')!;
    const water = corpus.vocab.idOf('water')!;
    let entry = 0;
    for (let p = matrix.rowPtr[river]; p < matrix.rowPtr[river + 1]; p++) if (matrix.colIdx[p] === water) entry = matrix.values[p];
    expect(entry).toBe(1.5);
  });

  it('keeps the lower id first among tied top-k scores', async () => {
    const backend = await onnxBackend({ executionProviders: ['wasm'] }).create();
    // Row 0 of S is flat, so E's row for token 0 ties everywhere.
    const s = fromRows([
      [1, 1, 1, 1, 1],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
    const { topk } = await backend.projection({ tokens: [0], s, predict: { kind: 'topk', k: 3 } });
    expect(Array.from(topk!.ids)).toEqual([0, 1, 2]);
    await backend.dispose();
  });
});

describe('orderTies', () => {
  it('sorts ids within runs of equal scores, row by row', () => {
    const ids = Uint32Array.from([4, 2, 9, 7, 1, 3, 0, 5]);
    const scores = Float32Array.from([5, 3, 3, 1, 2, 2, 2, 1]);
    orderTies(ids, scores, 4);
    expect(Array.from(ids)).toEqual([4, 2, 9, 7, 0, 1, 3, 5]);
  });
});
