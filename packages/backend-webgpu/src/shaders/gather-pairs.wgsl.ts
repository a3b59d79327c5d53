import type { KernelSource } from '../device/pipeline-cache.ts';
import { csrLookupFn, linearMain } from './common.wgsl.ts';

/** How the projection reads S: as given, transposed, or S + Sᵀ (SPEC B.9). */
export type Direction = 'forward' | 'backward' | 'symmetric';

/** Static facts of the pair gather: the storage of S and the direction. */
export interface GatherPairsKey {
  readonly storage: 'dense' | 'csr';
  readonly direction: Direction;
}

/**
 * M_ij = S_dir[x_i, y_j] for token sequences x (n) and y (m): the core projection M = Q_x S Q_yᵀ with
 * one-hot selectors (SPEC B.4, B.13), where S_dir = S, Sᵀ or S + Sᵀ. One thread per entry of M. A dense
 * S is read directly; a CSR S (columns sorted by the host) by binary search in row x_i (or y_j for Sᵀ).
 * Bindings: 0 params, 1 x, 2 y, 3 M, then S (dense) or rowPtr, colIdx, values (CSR).
 */
export function gatherPairsKernel(key: GatherPairsKey): KernelSource {
  const sBindings =
    key.storage === 'dense'
      ? '@group(0) @binding(4) var<storage, read> s: array<f32>;'
      : `@group(0) @binding(4) var<storage, read> rowPtr: array<u32>;
@group(0) @binding(5) var<storage, read> colIdx: array<u32>;
@group(0) @binding(6) var<storage, read> values: array<f32>;
${csrLookupFn('colIdx', 'values')}`;
  const at = (r: string, c: string): string =>
    key.storage === 'dense' ? `s[${r} * p.sCols + ${c}]` : `csrLookup(rowPtr[${r}], rowPtr[${r} + 1u], ${c})`;
  const value =
    key.direction === 'forward' ? at('a', 'b') : key.direction === 'backward' ? at('b', 'a') : `${at('a', 'b')} + ${at('b', 'a')}`;
  const code = /* wgsl */ `
struct Params { n: u32, m: u32, sCols: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read> y: array<u32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
${sBindings}
${linearMain()}
  if (idx >= p.n * p.m) { return; }
  let a = x[idx / p.m];
  let b = y[idx % p.m];
  out[idx] = ${value};
}`;
  return { key: `gather-pairs:${key.storage}:${key.direction}`, code };
}
