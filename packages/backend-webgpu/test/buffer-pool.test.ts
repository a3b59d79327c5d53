import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferPool } from '../src/device/buffer-pool.ts';
import type { GpuContext } from '../src/device/gpu-context.ts';
import { STORAGE_USAGE, UNIFORM_USAGE } from '../src/device/usage.ts';
import { openTestContext } from './helpers.ts';

let ctx: GpuContext;
beforeAll(async () => {
  ctx = await openTestContext();
});
afterAll(() => ctx.destroy());

describe('BufferPool', () => {
  it('rounds sizes up to a power of two of at least 256 bytes', () => {
    const pool = new BufferPool(ctx.device, 1 << 20);
    expect(pool.sizeClass(1)).toBe(256);
    expect(pool.sizeClass(257)).toBe(512);
    expect(pool.sizeClass(4096)).toBe(4096);
    // Past the largest buffer the device allows, the exact (4-byte aligned) size is used.
    expect(pool.sizeClass((1 << 20) + 1)).toBe((1 << 20) + 4);
  });

  it('counts live buffers and bytes, and reuses a released buffer of the same class and usage', () => {
    const pool = new BufferPool(ctx.device, ctx.limits.maxBufferSize);
    const a = pool.acquire(1000, STORAGE_USAGE);
    expect(pool.stats()).toMatchObject({ liveBuffers: 1, liveBytes: 1024, freeBuffers: 0 });
    pool.release(a);
    expect(pool.stats()).toMatchObject({ liveBuffers: 0, liveBytes: 0, freeBuffers: 1, freeBytes: 1024 });
    expect(pool.acquire(700, STORAGE_USAGE)).toBe(a);
    const other = pool.acquire(700, UNIFORM_USAGE);
    expect(other).not.toBe(a);
    pool.release(a);
    pool.release(other);
    pool.release(other);
    expect(pool.stats().liveBuffers).toBe(0);
    pool.destroyAll();
    expect(pool.stats()).toEqual({ liveBuffers: 0, liveBytes: 0, freeBuffers: 0, freeBytes: 0 });
  });

  it('destroys released buffers beyond what it keeps', () => {
    const pool = new BufferPool(ctx.device, ctx.limits.maxBufferSize, 2048);
    const buffers = [pool.acquire(1024, STORAGE_USAGE), pool.acquire(1024, STORAGE_USAGE), pool.acquire(1024, STORAGE_USAGE)];
    for (const b of buffers) pool.release(b);
    expect(pool.stats()).toMatchObject({ freeBuffers: 2, freeBytes: 2048 });
    pool.destroyAll();
  });
});
