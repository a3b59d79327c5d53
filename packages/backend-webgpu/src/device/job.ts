import { ResourceLimitError } from '@dproj/core';
import type { OpName } from '@dproj/core';
import type { GpuContext } from './gpu-context.ts';
import { assertBindable } from './limits.ts';
import type { KernelSource } from './pipeline-cache.ts';
import { MAP_READ_MODE, STAGING_USAGE, STORAGE_USAGE, UNIFORM_USAGE } from './usage.ts';

/** Typed arrays a job uploads. */
export type HostArray = Float32Array | Uint32Array | Int32Array | Uint8Array;

/**
 * The GPU side of one operator call. It acquires pooled buffers, records dispatches into one command
 * encoder, submits them inside validation and out-of-memory error scopes, reads results back through
 * pooled staging buffers, and releases every buffer it acquired in `finish()` (the caller's `finally`),
 * so nothing is live between calls. Each buffer belongs to one job, so concurrent calls never share one.
 */
export class Job {
  private readonly buffers: GPUBuffer[] = [];
  private encoder: GPUCommandEncoder | undefined;
  private readonly pending: Promise<GPUError | null>[] = [];

  constructor(
    readonly ctx: GpuContext,
    readonly op: OpName,
    private readonly signal?: AbortSignal,
  ) {}

  get limits() {
    return this.ctx.limits;
  }

  /** Throws the signal's reason when the call has been aborted. */
  checkAbort(): void {
    this.signal?.throwIfAborted();
  }

  /** A storage buffer of at least `bytes` bytes with undefined contents. */
  scratch(bytes: number, argument = 'intermediate'): GPUBuffer {
    assertBindable(bytes, this.limits, this.op, argument);
    return this.track(this.ctx.pool.acquire(bytes, STORAGE_USAGE));
  }

  /** A storage buffer of at least `bytes` bytes, zero-filled on the GPU before the next dispatch. */
  zeroed(bytes: number, argument = 'intermediate'): GPUBuffer {
    const buffer = this.scratch(bytes, argument);
    this.commands().clearBuffer(buffer);
    return buffer;
  }

  /** A storage buffer holding a copy of `data` (padded to 4 bytes). */
  upload(data: HostArray, argument = 'input'): GPUBuffer {
    const bytes = data.byteLength;
    const buffer = this.scratch(Math.max(4, bytes), argument);
    if (bytes === 0) return buffer;
    if (bytes % 4 === 0) {
      this.ctx.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, bytes);
    } else {
      const padded = new Uint8Array(Math.ceil(bytes / 4) * 4);
      padded.set(new Uint8Array(data.buffer, data.byteOffset, bytes));
      this.ctx.device.queue.writeBuffer(buffer, 0, padded);
    }
    return buffer;
  }

  /**
   * A uniform block of u32 fields followed by f32 fields, in the order the kernel's `Params` struct
   * declares them; padded to 16 bytes.
   */
  uniform(u32s: readonly number[], f32s: readonly number[] = []): GPUBuffer {
    const words = Math.ceil((u32s.length + f32s.length) / 4) * 4 || 4;
    const data = new ArrayBuffer(words * 4);
    const u = new Uint32Array(data);
    const f = new Float32Array(data);
    u32s.forEach((v, i) => {
      u[i] = v;
    });
    f32s.forEach((v, i) => {
      f[u32s.length + i] = v;
    });
    const buffer = this.track(this.ctx.pool.acquire(data.byteLength, UNIFORM_USAGE));
    this.ctx.device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  }

  /** Records one dispatch of `kernel` with `bindings` at @binding(0..) of group 0. */
  async dispatch(kernel: KernelSource, bindings: readonly GPUBuffer[], x: number, y = 1, z = 1): Promise<void> {
    const pipeline = await this.ctx.pipelines.get(kernel);
    this.ctx.assertUsable(this.op);
    const bindGroup = this.ctx.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: bindings.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const pass = this.commands().beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(x, y, z);
    pass.end();
  }

  /** Records a buffer-to-buffer copy (ordered with the dispatches around it). */
  copy(from: GPUBuffer, fromOffset: number, to: GPUBuffer, toOffset: number, bytes: number): void {
    this.commands().copyBufferToBuffer(from, fromOffset, to, toOffset, bytes);
  }

  /** Submits what has been recorded, inside error scopes that are checked at the next readback. */
  flush(): void {
    if (this.encoder === undefined) return;
    const { device } = this.ctx;
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    device.queue.submit([this.encoder.finish()]);
    this.pending.push(device.popErrorScope(), device.popErrorScope());
    this.encoder = undefined;
  }

  /**
   * Copies of the first `bytes[i]` bytes of each buffer, after every recorded dispatch has run. One
   * submission and one staging buffer per result.
   */
  async read(sources: readonly { buffer: GPUBuffer; bytes: number }[]): Promise<ArrayBuffer[]> {
    const staging = sources.map(({ buffer, bytes }) => {
      const size = Math.ceil(bytes / 4) * 4;
      if (size === 0) return undefined;
      const stage = this.track(this.ctx.pool.acquire(size, STAGING_USAGE));
      this.commands().copyBufferToBuffer(buffer, 0, stage, 0, size);
      return stage;
    });
    this.flush();
    await this.checkErrors();
    return Promise.all(
      staging.map(async (stage, i) => {
        if (stage === undefined) return new ArrayBuffer(0);
        const size = Math.ceil(sources[i].bytes / 4) * 4;
        await stage.mapAsync(MAP_READ_MODE, 0, size);
        const copy = stage.getMappedRange(0, size).slice(0, sources[i].bytes);
        stage.unmap();
        return copy;
      }),
    );
  }

  /** Float32 contents of a buffer: `count` values. */
  async readFloats(buffer: GPUBuffer, count: number): Promise<Float32Array> {
    const [data] = await this.read([{ buffer, bytes: count * 4 }]);
    return new Float32Array(data);
  }

  /** Uint32 contents of a buffer: `count` values. */
  async readUints(buffer: GPUBuffer, count: number): Promise<Uint32Array> {
    const [data] = await this.read([{ buffer, bytes: count * 4 }]);
    return new Uint32Array(data);
  }

  /** Returns every buffer of the job to the pool. Idempotent. */
  finish(): void {
    for (const buffer of this.buffers) this.ctx.pool.release(buffer);
    this.buffers.length = 0;
    this.encoder = undefined;
  }

  private async checkErrors(): Promise<void> {
    const errors = await Promise.all(this.pending.splice(0));
    const error = errors.find((e) => e !== null);
    if (error === undefined || error === null) return;
    this.ctx.assertUsable(this.op);
    if (error.constructor.name === 'GPUOutOfMemoryError' || /out of memory/i.test(error.message)) {
      throw new ResourceLimitError(`${this.op}: the GPU ran out of memory: ${error.message}`, 0, 0, { op: this.op });
    }
    throw new Error(`webgpu: ${this.op} failed on the device: ${error.message}`);
  }

  private commands(): GPUCommandEncoder {
    this.encoder ??= this.ctx.device.createCommandEncoder();
    return this.encoder;
  }

  private track(buffer: GPUBuffer): GPUBuffer {
    this.buffers.push(buffer);
    return buffer;
  }
}
