import type { CallOptions, OpName } from '@dproj/core';

// Long loops hand the event loop back at least this often, so an abort (and the rest of the page or
// server) gets a turn while a big call runs.
const YIELD_EVERY_MS = 16;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Progress, cancellation and cooperative yielding for one call. A loop calls `step(done)` now and
 * then; the checkpoint reports progress, yields when enough time has passed, and throws the signal's
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

  /** Throws the abort reason when the call's signal has fired. */
  throwIfAborted(): void {
    this.options.signal?.throwIfAborted();
  }

  /** Reports `done` of `total`, yields to the event loop when due, and honours an abort. */
  async step(done: number): Promise<void> {
    this.options.onProgress?.({ op: this.op, done, total: this.total });
    if (performance.now() - this.lastYield >= YIELD_EVERY_MS) {
      await yieldToEventLoop();
      this.lastYield = performance.now();
    }
    this.throwIfAborted();
  }
}
