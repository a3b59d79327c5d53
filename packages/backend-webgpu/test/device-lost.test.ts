import { DeviceLostError, DisposedError } from '@dproj/core';
import { describe, expect, it } from 'vitest';
import { openTestBackend } from './helpers.ts';

const h = { rows: 3, cols: 2, data: Float32Array.from([1, 0, 0, 1, 1, 1]) };
const w = { rows: 2, cols: 2, data: Float32Array.from([1, 0, 0, 1]) };
const corpus = { vocab: { size: 3, words: ['a', 'b', 'c'], idOf: () => undefined }, docs: [Uint32Array.from([0, 1, 2])] };

describe('device loss', () => {
  it('every call after the device is lost rejects with DeviceLostError', async () => {
    const backend = await openTestBackend();
    await backend.attention({ h, wq: w, wk: w, wv: w });
    // Losing the device from outside (a GPU reset looks the same to the backend).
    backend.gpu.device.destroy();
    await backend.gpu.device.lost;
    const calls = [
      () => backend.attention({ h, wq: w, wk: w, wv: w }),
      () => backend.multiHead({ h, heads: [{ wq: w, wk: w, wv: w }], wo: w }),
      () => backend.projection({ tokens: [0, 1], s: w }),
      () => backend.cooccurrence(corpus, { window: 1 }),
    ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceLostError);
      expect((error as Error).message).toMatch(/device was (lost|destroyed)/);
    }
    expect(backend.stats().liveBuffers).toBe(0);
    await backend.dispose();
    await expect(backend.attention({ h, wq: w, wk: w, wv: w })).rejects.toBeInstanceOf(DisposedError);
  });

  it('a call in flight when the device goes reports DeviceLostError', async () => {
    const backend = await openTestBackend();
    const pending = backend.attention({ h, wq: w, wk: w, wv: w, returnWeights: true });
    backend.gpu.device.destroy();
    await expect(pending).rejects.toBeInstanceOf(DeviceLostError);
    expect(backend.stats().liveBuffers).toBe(0);
    await backend.dispose();
  });

  it('dispose is idempotent, destroys the buffers and the device, and later calls are DisposedError', async () => {
    const backend = await openTestBackend();
    await backend.projection({ tokens: [0, 1], s: w, predict: { kind: 'dense' } });
    expect(backend.gpu.pool.stats().freeBuffers).toBeGreaterThan(0);
    await backend.dispose();
    await backend.dispose();
    expect(backend.gpu.pool.stats()).toEqual({ liveBuffers: 0, liveBytes: 0, freeBuffers: 0, freeBytes: 0 });
    expect((await backend.gpu.device.lost).reason).toBe('destroyed');
    await expect(backend.cooccurrence(corpus, { window: 1 })).rejects.toBeInstanceOf(DisposedError);
  });
});
