import type { KernelSource } from '../device/pipeline-cache.ts';
import { linearMain } from './common.wgsl.ts';

/**
 * M_ij = T[i, y_j]: the columns of T = Q_x S_dir (n×V) picked by the tokens y, which is
 * M = T Q_yᵀ for a one-hot Q_y (SPEC B.4, B.13). Bindings: 0 params, 1 T, 2 y, 3 M (n×m).
 */
export function gatherColumnsKernel(): KernelSource {
  const code = /* wgsl */ `
struct Params { n: u32, m: u32, ldt: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> t: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<u32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
${linearMain()}
  if (idx >= p.n * p.m) { return; }
  out[idx] = t[(idx / p.m) * p.ldt + y[idx % p.m]];
}`;
  return { key: 'gather-columns', code };
}
