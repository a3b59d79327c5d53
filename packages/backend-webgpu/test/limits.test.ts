import { ResourceLimitError } from '@dproj/core';
import type { Corpus, CsrMatrix } from '@dproj/core';
import { vocabularyFromWords } from '@dproj/core';
import { expectCsrClose, expectRowsClose, expectTopK, oracleAttention, oracleCooccurrence, oracleProjection } from '@dproj/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebGpuBackend } from '../src/backend.ts';
import { openTestBackend } from './helpers.ts';

// Small pretend limits force every splitting path on any device: bindings of 8 KiB (row blocks of
// weights and of E, several co-occurrence passes) and 8 workgroups per dimension (2-D grids, matmul and
// fused attention dispatched in blocks).
const TIGHT = { maxStorageBufferBindingSize: 8192, maxComputeWorkgroupsPerDimension: 8 };
const tol = { atol: 2e-5, rtol: 2e-4 };

let backend: WebGpuBackend;
beforeAll(async () => {
  backend = await openTestBackend(TIGHT);
});
afterAll(() => backend.dispose());

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomMatrix(next: () => number, rows: number, cols: number, scale = 1) {
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, () => (2 * next() - 1) * scale) };
}

function all(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

describe('work split to fit device limits', () => {
  it('plans with the tightened limits', () => {
    expect(backend.gpu.limits.maxStorageBufferBindingSize).toBe(8192);
    expect(backend.gpu.limits.maxComputeWorkgroupsPerDimension).toBe(8);
  });

  it('fused attention over more query blocks than one dispatch holds', async () => {
    const next = seeded(1);
    const n = 600;
    const input = { h: randomMatrix(next, n, 2), wq: randomMatrix(next, 2, 2), wk: randomMatrix(next, 2, 2), wv: randomMatrix(next, 2, 2), mask: { kind: 'causal' as const } };
    const got = await backend.attention(input);
    const rows = [0, 1, 63, 64, 511, 512, 599];
    expectRowsClose(got.out, n, 2, rows, oracleAttention(input, rows).out, tol, 'output');
    expect(backend.stats().liveBuffers).toBe(0);
  });

  it('attention weights in row blocks that fit one binding', async () => {
    const next = seeded(2);
    const [n, m] = [40, 150];
    const input = {
      h: randomMatrix(next, n, 4),
      context: randomMatrix(next, m, 3),
      wq: randomMatrix(next, 4, 3),
      wk: randomMatrix(next, 3, 3),
      wv: randomMatrix(next, 3, 2),
      returnWeights: true,
    };
    const got = await backend.attention(input);
    const want = oracleAttention(input);
    expectRowsClose(got.out, n, 2, all(n), want.out, tol, 'output');
    expectRowsClose(got.weights, n, m, all(n), want.weights, tol, 'weights');
  });

  it('E of a sparse operator in row blocks, with top-k', async () => {
    const next = seeded(3);
    const v = 300;
    const rowPtr = new Uint32Array(v + 1);
    const cols: number[] = [];
    const values: number[] = [];
    for (let a = 0; a < v; a++) {
      for (let b = a % 7; b < v; b += 97) {
        cols.push(b);
        values.push(1 + Math.floor(next() * 4));
      }
      rowPtr[a + 1] = cols.length;
    }
    const s: CsrMatrix = { rows: v, cols: v, rowPtr, colIdx: Uint32Array.from(cols), values: Float32Array.from(values) };
    const tokens = Uint32Array.from({ length: 20 }, () => Math.floor(next() * v));
    const input = { tokens, s, direction: 'symmetric' as const, predict: { kind: 'topk' as const, k: 5 } };
    const got = await backend.projection(input);
    const want = oracleProjection(input);
    expectRowsClose(got.m, 20, 20, all(20), want.m, tol, 'M');
    expectTopK(got.topk, 5, 20, want.e ?? [], all(20), tol, 'top-k');
  });

  it('co-occurrence in several passes over the vocabulary', async () => {
    const next = seeded(4);
    const V = 50;
    const docs = Array.from({ length: 40 }, () => Uint32Array.from({ length: 50 }, () => Math.floor(next() * V)));
    const corpus: Corpus = { vocab: vocabularyFromWords(all(V).map((a) => `w${a}`)), docs };
    for (const options of [{ window: 3, offsets: true }, { window: 2, direction: 'forward' as const, weighting: 'uniform' as const }]) {
      const got = await backend.cooccurrence(corpus, options);
      const want = oracleCooccurrence(corpus.docs, V, options);
      expectCsrClose(got.matrix, want.matrix, tol, 'matrix');
      for (const [k, c] of (got.offsets ?? []).entries()) expectCsrClose(c, want.offsets[k], tol, `C(${k + 1})`);
    }
    expect(backend.stats().liveBuffers).toBe(0);
  });

  it('an input larger than one binding is a ResourceLimitError, and nothing stays live', async () => {
    const next = seeded(5);
    const h = randomMatrix(next, 2000, 8);
    const w = randomMatrix(next, 8, 4);
    const error = await backend.attention({ h, wq: w, wk: w, wv: w }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceLimitError);
    expect((error as ResourceLimitError).limit).toBe(8192);
    expect((error as ResourceLimitError).requested).toBe(2000 * 8 * 4);
    expect(backend.stats().liveBuffers).toBe(0);
  });
});
