import { toyCorpus } from '@dproj/core';
import type { CsrMatrix } from '@dproj/core';
import { describe, expect, test } from 'vitest';
import { wasmBackend } from '../src/index.ts';

function dense(m: CsrMatrix): number[][] {
  const out = Array.from({ length: m.rows }, () => new Array<number>(m.cols).fill(0));
  for (let r = 0; r < m.rows; r++) for (let p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++) out[r][m.colIdx[p]] = m.values[p];
  return out;
}

describe('co-occurrence counting in wasm', async () => {
  const backend = await wasmBackend().create();
  const corpus = toyCorpus();

  test('the toy corpus of SPEC C.0: F, S and the offset counts', async () => {
    const f = await backend.cooccurrence(corpus, { window: 2, direction: 'forward', offsets: true });
    expect(dense(f.matrix)).toEqual([
      [0, 1, 1.5, 0, 0],
      [0, 0, 1, 1, 0.5],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
    ]);
    expect(dense(f.offsets![0])).toEqual([
      [0, 1, 1, 0, 0],
      [0, 0, 1, 1, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
    ]);
    expect(dense(f.offsets![1])[0][2]).toBe(1);
    expect(dense(f.offsets![1])[1][4]).toBe(1);
    const s = await backend.cooccurrence(corpus, { window: 2 });
    expect(dense(s.matrix)).toEqual([
      [0, 1, 1.5, 0, 0],
      [1, 0, 1, 1, 0.5],
      [1.5, 1, 0, 0, 0],
      [0, 1, 0, 0, 1],
      [0, 0.5, 0, 1, 0],
    ]);
    // Sorted columns, no explicit zeros.
    expect(Array.from(s.matrix.values).every((v) => v !== 0)).toBe(true);
    expect(s.tokens).toBe(8);
  });

  test('counts equal a direct loop on a corpus larger than one chunk, across documents', async () => {
    // 1.5M tokens at w = 3 make 4.5M pairs: more than one 4M-pair chunk, so merging is exercised.
    const V = 40;
    let seed = 12345;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 16;
    };
    const docs = Array.from({ length: 300 }, () => Uint32Array.from({ length: 5000 }, () => next() % V));
    const big = { vocab: { ...corpus.vocab, size: V }, docs };
    for (const crossDocuments of [false, true]) {
      const expected = new Float64Array(V * V);
      let prev: number[] = [];
      for (const doc of docs) {
        if (!crossDocuments) prev = [];
        for (const b of doc) {
          for (let k = 1; k <= Math.min(3, prev.length); k++) expected[prev[prev.length - k] * V + b] += 1 / k;
          prev.push(b);
          if (prev.length > 3) prev.shift();
        }
      }
      const r = await backend.cooccurrence(big, { window: 3, direction: 'forward', crossDocuments });
      const got = dense(r.matrix).flat();
      for (let t = 0; t < V * V; t++) expect(got[t]).toBeCloseTo(expected[t], 1);
      expect(Math.max(...got.map((g, t) => Math.abs(g - expected[t]) / expected[t]))).toBeLessThan(1e-6);
    }
  });

  test('abort between chunks rejects with the reason and frees the arena', async () => {
    const docs = [Uint32Array.from({ length: 3_000_000 }, (_, t) => t % 7)];
    const controller = new AbortController();
    const reason = new Error('enough');
    const call = backend.cooccurrence({ vocab: { ...corpus.vocab, size: 7 }, docs }, {
      window: 2,
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await expect(call).rejects.toBe(reason);
    expect(backend.stats()).toEqual({ liveBuffers: 0, liveBytes: 0 });
  });
});
