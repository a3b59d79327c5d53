import type { KernelSource } from '../device/pipeline-cache.ts';
import { linearMain } from './common.wgsl.ts';

/**
 * W_iu = Σ_{j : y_j = word_u} M_ij = (M Q_y)_{i, word_u}: the weight of each distinct context word in
 * row i of E = M (Q_y S) (SPEC B.5). Group u holds positions[start_u .. start_{u+1}).
 * Bindings: 0 params, 1 M (n×m), 2 start, 3 positions, 4 W (n×U).
 */
export function groupSumKernel(): KernelSource {
  const code = /* wgsl */ `
struct Params { n: u32, m: u32, groups: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> mat: array<f32>;
@group(0) @binding(2) var<storage, read> start: array<u32>;
@group(0) @binding(3) var<storage, read> positions: array<u32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;
${linearMain()}
  if (idx >= p.n * p.groups) { return; }
  let i = idx / p.groups;
  let u = idx % p.groups;
  var acc = 0.0;
  for (var e = start[u]; e < start[u + 1u]; e++) { acc += mat[i * p.m + positions[e]]; }
  out[idx] = acc;
}`;
  return { key: 'group-sum', code };
}
