import type { Arena } from './arena.ts';
import type { KernelExports } from './kernels.ts';

/** What an operator runs with: the kernels and the arena of the current call. */
export interface Wasm {
  readonly kernels: KernelExports;
  readonly arena: Arena;
}
