import { describe, expect, it } from 'vitest';
import { webgpuBackend } from '../src/index.ts';

describe('webgpuBackend()', () => {
  it('is named webgpu with priority 20', () => {
    const factory = webgpuBackend();
    expect(factory.name).toBe('webgpu');
    expect(factory.priority).toBe(20);
  });

  it('probes the real adapter here (SwiftShader on machines without a GPU)', async () => {
    await expect(webgpuBackend().probe()).resolves.toEqual({ available: true });
  });

  it('reports the reason when the injected GPU has no adapter', async () => {
    const gpu = { requestAdapter: async () => null } as unknown as GPU;
    await expect(webgpuBackend({ gpu }).probe()).resolves.toEqual({ available: false, reason: 'no WebGPU adapter' });
    await expect(webgpuBackend({ gpu }).create()).rejects.toMatchObject({ name: 'BackendUnavailableError' });
  });

  it('never throws from probe, even when requestAdapter does', async () => {
    const gpu = {
      requestAdapter: async () => {
        throw new Error('driver exploded');
      },
    } as unknown as GPU;
    await expect(webgpuBackend({ gpu, powerPreference: 'low-power' }).probe()).resolves.toEqual({
      available: false,
      reason: 'no WebGPU adapter: driver exploded',
    });
  });

  it('creates a working backend with an empty pool', async () => {
    const backend = await webgpuBackend().create();
    try {
      const m = await backend.projection({ tokens: [0, 1], s: { rows: 2, cols: 2, data: Float32Array.from([0, 1, 2, 0]) } });
      expect(Array.from(m.m.data)).toEqual([0, 1, 2, 0]);
      expect(backend.stats()).toEqual({ liveBuffers: 0, liveBytes: 0 });
    } finally {
      await backend.dispose();
    }
  });
});
