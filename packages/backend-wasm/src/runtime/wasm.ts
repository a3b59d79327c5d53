import type { Arena } from './arena.ts';
import type { KernelExports } from './kernels.ts';
import type { ThreadPool } from './threads.ts';

/** What an operator runs with: the kernels, the arena of the current call, and workers if any. */
export interface Wasm {
  readonly kernels: KernelExports;
  readonly arena: Arena;
  /** Worker threads with their own module instances; undefined when the backend runs one thread. */
  readonly pool?: ThreadPool;
}
