import { BufferUsage } from './usage.ts';

/** Buffers in use and bytes they hold. */
export interface PoolStats {
  readonly liveBuffers: number;
  readonly liveBytes: number;
  /** Released buffers kept for reuse. */
  readonly freeBuffers: number;
  readonly freeBytes: number;
}

// Released buffers stay for reuse up to this many bytes in all; beyond, they are destroyed, so a
// one-off large call does not pin its memory for the life of the backend.
const DEFAULT_KEEP_BYTES = 64 * 1024 * 1024;
const MIN_SIZE = 256;

/**
 * Reuses GPU buffers between calls. Sizes are rounded up to a power of two (at least 256 bytes, at
 * most the device's `maxBufferSize`) so a buffer serves every request of its size class; a buffer is
 * keyed by size class and usage. `acquire` hands out a free buffer or creates one; `release` returns it.
 * `stats()` counts buffers handed out and not yet returned: zero between calls of a leak-free backend.
 */
export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private readonly live = new Set<GPUBuffer>();
  private liveBytes = 0;
  private freeBytes = 0;
  private freeCount = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly maxBufferSize: number,
    private readonly keepBytes = DEFAULT_KEEP_BYTES,
  ) {}

  /** The size a request of `bytes` is served with. */
  sizeClass(bytes: number): number {
    const wanted = Math.max(MIN_SIZE, Math.ceil(bytes / 4) * 4);
    const pow2 = 2 ** Math.ceil(Math.log2(wanted));
    return pow2 <= this.maxBufferSize ? pow2 : wanted;
  }

  /** A buffer of at least `bytes` bytes with exactly this `usage`; its contents are undefined. */
  acquire(bytes: number, usage: number): GPUBuffer {
    const size = this.sizeClass(bytes);
    const key = `${size}:${usage}`;
    const list = this.free.get(key);
    let buffer = list?.pop();
    if (buffer !== undefined) {
      this.freeBytes -= size;
      this.freeCount--;
    } else {
      buffer = this.device.createBuffer({ size, usage, label: `dproj ${usage & BufferUsage.MAP_READ ? 'staging' : 'buffer'} ${size}` });
    }
    this.live.add(buffer);
    this.liveBytes += size;
    return buffer;
  }

  /** Returns a buffer from `acquire`; it may be handed out again. Unknown buffers are ignored. */
  release(buffer: GPUBuffer): void {
    if (!this.live.delete(buffer)) return;
    this.liveBytes -= buffer.size;
    if (this.freeBytes + buffer.size > this.keepBytes) {
      buffer.destroy();
      return;
    }
    const key = `${buffer.size}:${buffer.usage}`;
    let list = this.free.get(key);
    if (list === undefined) {
      list = [];
      this.free.set(key, list);
    }
    list.push(buffer);
    this.freeBytes += buffer.size;
    this.freeCount++;
  }

  stats(): PoolStats {
    return { liveBuffers: this.live.size, liveBytes: this.liveBytes, freeBuffers: this.freeCount, freeBytes: this.freeBytes };
  }

  /** Destroys every buffer, live or free. The pool is empty afterwards. */
  destroyAll(): void {
    for (const buffer of this.live) buffer.destroy();
    for (const list of this.free.values()) for (const buffer of list) buffer.destroy();
    this.live.clear();
    this.free.clear();
    this.liveBytes = 0;
    this.freeBytes = 0;
    this.freeCount = 0;
  }
}
