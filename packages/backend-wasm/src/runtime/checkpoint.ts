import type { CallOptions, OpName } from '@dproj/core';

// Long calls hand the event loop back at least this often, so an abort (and the rest of the page or
// server) gets a turn while a kernel sequence runs.
const YIELD_EVERY_MS = 16;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Progress, cancellation and cooperative yielding between kernel calls: a loop calls `step(done)`
 * after each piece of work; the checkpoint reports progress, yields when due, and throws the signal's
 * reason once the call has been aborted.
 */
export class Checkpoint {
  private lastYield = performance.now();

  constructor(
    private readonly options: CallOptions,
    private readonly op: OpName,
    /** Units of work in the whole call (tokens for co-occurrence, rows elsewhere). */
    readonly total: number,
  ) {}

  throwIfAborted(): void {
    this.options.signal?.throwIfAborted();
  }

  async step(done: number): Promise<void> {
    this.options.onProgress?.({ op: this.op, done: Math.min(done, this.total), total: this.total });
    if (performance.now() - this.lastYield >= YIELD_EVERY_MS) {
      await yieldToEventLoop();
      this.lastYield = performance.now();
    }
    this.throwIfAborted();
  }
}
