import { ResourceLimitError } from '@dproj/core';
import type { OpName } from '@dproj/core';

/** wasm32 addresses 4 GiB at most. */
export const WASM32_LIMIT_BYTES = 2 ** 32;
const PAGE_BYTES = 65_536;
// Kernels may read a vector past the end of a row (see SLACK_BYTES in csrc/common.h).
const SLACK_BYTES = 256;
const ALIGN = 16;

type TypedArray = Float32Array | Float64Array | Uint32Array | Uint8Array;

/**
 * A bump allocator over the module's linear memory for one call at a time: `alloc` hands out aligned
 * blocks above the C stack and grows the memory only when a block does not fit; `reset` frees them all.
 * Views are made on demand, because growing the memory replaces its buffer.
 */
export class Arena {
  private top: number;
  private blocks = 0;
  private op: OpName | undefined;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly base: number,
  ) {
    this.top = base;
  }

  /** Starts a call: allocation errors name this operator. */
  begin(op: OpName): void {
    this.op = op;
  }

  /** Frees every block (the end of a call, whatever its outcome). */
  reset(): void {
    this.top = this.base;
    this.blocks = 0;
    this.op = undefined;
  }

  /** The current fill, to `release` back to when a scoped piece of work (one chunk) is done. */
  mark(): { readonly top: number; readonly blocks: number } {
    return { top: this.top, blocks: this.blocks };
  }

  /** Frees every block allocated since `mark` was taken. */
  release(mark: { readonly top: number; readonly blocks: number }): void {
    this.top = mark.top;
    this.blocks = mark.blocks;
  }

  /** Bytes and blocks handed out since the last reset. */
  get liveBytes(): number {
    return this.top - this.base;
  }

  get liveBlocks(): number {
    return this.blocks;
  }

  /**
   * A block of `bytes` bytes, 16-aligned, contents undefined. Throws `ResourceLimitError` when the
   * call's blocks would pass the wasm32 address space or the engine refuses to grow the memory.
   */
  alloc(bytes: number, what: string): number {
    const ptr = Math.ceil(this.top / ALIGN) * ALIGN;
    const end = ptr + Math.max(0, bytes);
    const needed = end + SLACK_BYTES;
    const context = { op: this.op, argument: what };
    if (!Number.isSafeInteger(needed) || needed > WASM32_LIMIT_BYTES) {
      throw new ResourceLimitError(
        `${this.op ?? 'wasm'}: ${what} needs ${bytes} bytes, and with the ${this.liveBytes} bytes already in use the call would pass the 4 GiB address space of wasm32`,
        WASM32_LIMIT_BYTES,
        needed,
        context,
      );
    }
    const have = this.memory.buffer.byteLength;
    if (needed > have) {
      try {
        this.memory.grow(Math.ceil((needed - have) / PAGE_BYTES));
      } catch (error) {
        throw new ResourceLimitError(
          `${this.op ?? 'wasm'}: ${what} needs ${bytes} bytes; the engine refused to grow wasm memory from ${have} to ${needed} bytes`,
          have,
          needed,
          { ...context, cause: error },
        );
      }
    }
    this.top = end;
    this.blocks++;
    return ptr;
  }

  /** A block holding a copy of `data`. */
  copyIn(data: TypedArray, what: string): number {
    const ptr = this.alloc(data.byteLength, what);
    new Uint8Array(this.memory.buffer, ptr, data.byteLength).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return ptr;
  }

  /** A zero-filled block of `bytes` bytes. */
  zeros(bytes: number, what: string): number {
    const ptr = this.alloc(bytes, what);
    new Uint8Array(this.memory.buffer, ptr, bytes).fill(0);
    return ptr;
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  u32(ptr: number, length: number): Uint32Array {
    return new Uint32Array(this.memory.buffer, ptr, length);
  }
}
