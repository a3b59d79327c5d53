import type { Backend, Matrix } from '@dproj/core';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { wasmBackend } from '../src/index.ts';
import { kernelsModule } from '../src/runtime/load-module.ts';
import { ThreadPool } from '../src/runtime/threads.ts';
import { freshWasm, random, randomMatrix } from './helpers.ts';

// Sizes above the split threshold (2²³ flops), odd so the parts and the tiles have ragged edges.
const N = 251;
const D = 37;

describe('threads: results on 2 threads equal those on 1', () => {
  let one: Backend;
  let two: Backend;
  beforeAll(async () => {
    one = await wasmBackend({ threads: 1 }).create();
    two = await wasmBackend({ threads: 2 }).create();
  });
  afterAll(async () => {
    await one.dispose();
    await two.dispose();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('capabilities report the threads actually running', () => {
    expect(one.capabilities.threads).toBe(1);
    expect(two.capabilities.threads).toBe(2);
  });

  test('soft × dense projection (the matmul path), one-hot and soft Q_y', async () => {
    const jobs = vi.spyOn(ThreadPool.prototype, 'run');
    const next = random(3);
    const q = randomMatrix(N, N + 4, next);
    const s = randomMatrix(N + 4, N + 4, next);
    const other = randomMatrix(N - 9, N + 4, next);
    const ids = { tokens: Uint32Array.from({ length: N + 1 }, (_, i) => (i * 7) % (N + 4)) };
    for (const input of [
      { q, s, other: ids },
      { q, s, other: { q: other } },
    ]) {
      const a = await one.projection(input);
      const b = await two.projection(input);
      expect(b.m.rows).toBe(a.m.rows);
      expect(b.m.data).toEqual(a.m.data);
    }
    // The 2-thread backend really handed rows to its worker (the 1-thread one has no pool).
    expect(jobs.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  test('attention without and with masks, and multi-head', async () => {
    const jobs = vi.spyOn(ThreadPool.prototype, 'run');
    const next = random(5);
    const h = randomMatrix(N, D, next);
    const w = (cols: number): Matrix => randomMatrix(D, cols, next);
    const keep = Uint8Array.from({ length: N * N }, (_, t) => (t % 5 === 0 ? 0 : 1));
    const bias = Float32Array.from({ length: N * N }, (_, t) => (t % 3) * 0.25);
    const base = { h, wq: w(40), wk: w(40), wv: w(33) };
    for (const mask of [undefined, { kind: 'causal' } as const, { kind: 'keep', keep } as const, { kind: 'bias', bias } as const]) {
      const input = mask === undefined ? base : { ...base, mask };
      const before = jobs.mock.calls.length;
      expect((await two.attention(input)).out.data).toEqual((await one.attention(input)).out.data);
      expect(jobs.mock.calls.length).toBeGreaterThan(before);
    }
    const heads = [0, 1, 2].map(() => ({ wq: w(16), wk: w(16), wv: w(24) }));
    const mh = { h, heads, wo: randomMatrix(72, 30, next), mask: { kind: 'causal' } as const };
    const progress: number[] = [];
    const split = await two.multiHead({ ...mh, onProgress: (p) => progress.push(p.done) });
    expect(split.out.data).toEqual((await one.multiHead(mh)).out.data);
    // Progress counts rows done on any thread: non-decreasing, ending at n × heads.
    expect(progress.every((d, t) => t === 0 || d >= progress[t - 1])).toBe(true);
    expect(progress.at(-1)).toBe(N * heads.length);
    expect(two.stats()).toEqual({ liveBuffers: 0, liveBytes: 0 });
  });
});

describe('thread pool lifecycle', () => {
  test('a job copies its inputs over, calls kernels and returns its outputs', async () => {
    const pool = await ThreadPool.create(await kernelsModule(), 1);
    expect(pool?.size).toBe(1);
    const wasm = await freshWasm();
    const src = wasm.arena.copyIn(Float32Array.of(1, 2, 3, 4, 5, 6), 'b');
    const out = wasm.arena.alloc(6 * 4, 'bᵀ');
    const [bytes] = await pool!.run(0, wasm.kernels.memory, {
      inputs: [[src, 24]],
      calls: [['transpose_f32', src, 3, 2, 3, out, 2]],
      outputs: [[out, 24]],
    });
    expect(Array.from(new Float32Array(bytes))).toEqual([1, 4, 2, 5, 3, 6]);
    await pool!.dispose();
  });

  test('dispose terminates the workers; nothing runs on them afterwards', async () => {
    const pool = await ThreadPool.create(await kernelsModule(), 2);
    expect(pool?.running).toBe(2);
    await pool!.dispose();
    expect(pool!.running).toBe(0);
    const wasm = await freshWasm();
    await expect(pool!.run(0, wasm.kernels.memory, { inputs: [], calls: [], outputs: [] })).rejects.toThrow(/not running/);
  });

  test('a backend with threads disposes cleanly, and later calls reject', async () => {
    const backend = await wasmBackend({ threads: 2 }).create();
    const w = { rows: 1, cols: 1, data: Float32Array.of(1) };
    await backend.dispose();
    await expect(backend.attention({ h: w, wq: w, wk: w, wv: w })).rejects.toThrow(/disposed/);
  });

  test("threads: 'auto' runs at least one thread and never more than four", async () => {
    const backend = await wasmBackend({ threads: 'auto' }).create();
    expect(backend.capabilities.threads).toBeGreaterThanOrEqual(1);
    expect(backend.capabilities.threads).toBeLessThanOrEqual(4);
    await backend.dispose();
  });
});
