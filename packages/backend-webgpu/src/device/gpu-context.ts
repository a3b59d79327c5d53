import { DeviceLostError, DisposedError, ResourceLimitError } from '@dproj/core';
import type { OpName } from '@dproj/core';
import { BufferPool } from './buffer-pool.ts';
import type { DeviceLimits } from './limits.ts';
import { PipelineCache } from './pipeline-cache.ts';

/**
 * One device and what lives on it: the buffer pool, the pipeline cache and the device's fate. Calls
 * check `assertUsable` first, so after `device.lost` every call rejects with `DeviceLostError`, and after
 * `destroy()` with `DisposedError`.
 */
export class GpuContext {
  readonly pool: BufferPool;
  readonly pipelines: PipelineCache;
  private lostMessage: string | undefined;
  private destroyed = false;

  constructor(
    readonly device: GPUDevice,
    readonly limits: DeviceLimits,
    /** Name of the backend, for messages. */
    readonly name: string,
  ) {
    this.pool = new BufferPool(device, limits.maxBufferSize);
    this.pipelines = new PipelineCache(device);
    device.lost.then((info) => {
      this.lostMessage = `${info.reason === 'destroyed' ? 'destroyed' : 'lost'}${info.message ? `: ${info.message}` : ''}`;
    });
  }

  /** True once the device has been lost (or destroyed from outside). */
  get isLost(): boolean {
    return this.lostMessage !== undefined;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Throws `DisposedError` after `destroy()` and `DeviceLostError` after a device loss. */
  assertUsable(op: OpName): void {
    if (this.destroyed) throw new DisposedError(`${op}: the '${this.name}' backend has been disposed`, { op });
    if (this.lostMessage !== undefined) {
      throw new DeviceLostError(`${op}: the '${this.name}' backend's GPU device was ${this.lostMessage}; create a new backend`, { op });
    }
  }

  /**
   * The error a failed call reports: `DisposedError` or `DeviceLostError` when the device went away
   * meanwhile (a loss is announced asynchronously, so one macrotask is allowed for it), else the error.
   */
  async explain(error: unknown, op: OpName): Promise<unknown> {
    if (error instanceof ResourceLimitError) return error;
    if (!this.destroyed && this.lostMessage === undefined) await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      this.assertUsable(op);
    } catch (gone) {
      return gone;
    }
    return error;
  }

  /** Destroys every buffer and the device. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.pool.destroyAll();
    this.pipelines.clear();
    this.device.destroy();
  }
}
