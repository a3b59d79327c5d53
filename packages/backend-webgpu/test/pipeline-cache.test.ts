import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpuContext } from '../src/device/gpu-context.ts';
import { PipelineCache } from '../src/device/pipeline-cache.ts';
import { matmulKernel } from '../src/shaders/matmul.wgsl.ts';
import { openTestContext } from './helpers.ts';

let ctx: GpuContext;
beforeAll(async () => {
  ctx = await openTestContext();
});
afterAll(() => ctx.destroy());

describe('PipelineCache', () => {
  it('compiles a kernel once per static key and shares the promise', async () => {
    const cache = new PipelineCache(ctx.device);
    const kernel = matmulKernel({ tile: 8, transB: false, accumulate: false });
    const first = cache.get(kernel);
    const second = cache.get(matmulKernel({ tile: 8, transB: false, accumulate: false }));
    expect(second).toBe(first);
    await first;
    expect(cache.size).toBe(1);
    cache.get(matmulKernel({ tile: 8, transB: true, accumulate: false }));
    expect(cache.size).toBe(2);
  });

  it('turns a shader that does not compile into a thrown error, and forgets it', async () => {
    const cache = new PipelineCache(ctx.device);
    const broken = { key: 'broken', code: '@compute @workgroup_size(1) fn main() { let x: u32 = 1.5; }' };
    await expect(cache.get(broken)).rejects.toThrow(/kernel 'broken' failed to compile/);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.size).toBe(0);
  });

  it('rejects a pipeline whose entry point is missing', async () => {
    const cache = new PipelineCache(ctx.device);
    const kernel = { key: 'no-entry', code: '@compute @workgroup_size(1) fn other() {}' };
    await expect(cache.get(kernel)).rejects.toThrow(/failed to compile/);
  });
});
