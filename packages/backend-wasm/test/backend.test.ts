import { DisposedError, ResourceLimitError } from '@dproj/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { wasmBackend } from '../src/index.ts';

describe('wasmBackend factory and lifecycle', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('probe: available where SIMD validates, "no wasm simd" where it does not', async () => {
    const factory = wasmBackend();
    expect([factory.name, factory.priority]).toEqual(['wasm', 10]);
    expect(await factory.probe()).toEqual({ available: true });
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    expect(await factory.probe()).toEqual({ available: false, reason: 'no wasm simd' });
  });

  test('capabilities: float32, one thread unless more are asked for', async () => {
    const backend = await wasmBackend().create();
    expect(backend.capabilities.precision).toBe('float32');
    expect(backend.capabilities.threads).toBe(1);
    expect(backend.name).toBe('wasm');
    await backend.dispose();
  });

  test('an input beyond the wasm32 address space is a ResourceLimitError, and the backend goes on', async () => {
    const backend = await wasmBackend().create();
    // 40 000 × 40 000 weights are 6.4 GB; the data arrays need not be that large for the size check.
    const n = 40_000;
    const h = { rows: n, cols: 1, data: new Float32Array(n) };
    const w = { rows: 1, cols: 1, data: Float32Array.of(1) };
    const error = await backend.attention({ h, wq: w, wk: w, wv: w, returnWeights: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceLimitError);
    expect((error as ResourceLimitError).limit).toBe(2 ** 32);
    expect((error as ResourceLimitError).requested).toBeGreaterThan(2 ** 32);
    expect((error as ResourceLimitError).op).toBe('attention');
    expect(backend.stats()).toEqual({ liveBuffers: 0, liveBytes: 0 });
    const ok = await backend.attention({ h: { rows: 2, cols: 1, data: Float32Array.of(1, 2) }, wq: w, wk: w, wv: w });
    expect(ok.out.rows).toBe(2);
  });

  test('dispose is idempotent; later calls reject with DisposedError; a running call finishes', async () => {
    const backend = await wasmBackend().create();
    const w = { rows: 1, cols: 1, data: Float32Array.of(1) };
    const h = { rows: 3, cols: 1, data: Float32Array.of(1, 2, 3) };
    const running = backend.attention({ h, wq: w, wk: w, wv: w });
    await backend.dispose();
    await backend.dispose();
    expect((await running).out.rows).toBe(3);
    await expect(backend.attention({ h, wq: w, wk: w, wv: w })).rejects.toBeInstanceOf(DisposedError);
    await expect(backend.projection({ tokens: [0], s: w })).rejects.toBeInstanceOf(DisposedError);
    expect(backend.stats()).toEqual({ liveBuffers: 0, liveBytes: 0 });
  });

  test('concurrent calls are queued, each with the arena to itself', async () => {
    const backend = await wasmBackend().create();
    const s = { rows: 3, cols: 3, data: Float32Array.of(0, 1, 2, 1, 0, 3, 2, 3, 0) };
    const results = await Promise.all([0, 1, 2].map((t) => backend.projection({ tokens: [t, (t + 1) % 3], s })));
    expect(results.map((r) => Array.from(r.m.data))).toEqual([
      [0, 1, 1, 0],
      [0, 3, 3, 0],
      [0, 2, 2, 0],
    ]);
    expect(backend.stats()).toEqual({ liveBuffers: 0, liveBytes: 0 });
  });
});
