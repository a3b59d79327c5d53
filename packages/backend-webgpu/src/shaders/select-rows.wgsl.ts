import type { KernelSource } from '../device/pipeline-cache.ts';
import { linearMain } from './common.wgsl.ts';
import type { Direction } from './gather-pairs.wgsl.ts';

/**
 * R_u = S_dir[words_u, :] for a dense S (V_r×V_c), with S_dir = S, Sᵀ or S + Sᵀ: the rows of S_dir a
 * projection reads (those of the distinct context words, or all of them), as a dense U×C matrix.
 * Bindings: 0 params, 1 words, 2 S, 3 R.
 */
export function selectRowsKernel(direction: Direction): KernelSource {
  const value =
    direction === 'forward'
      ? 's[a * p.sCols + b]'
      : direction === 'backward'
        ? 's[b * p.sCols + a]'
        : 's[a * p.sCols + b] + s[b * p.sCols + a]';
  const code = /* wgsl */ `
struct Params { rows: u32, cols: u32, sCols: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> words: array<u32>;
@group(0) @binding(2) var<storage, read> s: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
${linearMain()}
  if (idx >= p.rows * p.cols) { return; }
  let a = words[idx / p.cols];
  let b = idx % p.cols;
  out[idx] = ${value};
}`;
  return { key: `select-rows:${direction}`, code };
}
