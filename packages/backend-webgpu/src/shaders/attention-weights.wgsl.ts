import type { KernelSource } from '../device/pipeline-cache.ts';
import type { MaskFlags } from './attention-mask.wgsl.ts';
import { maskBindings, maskFunctions, maskKey } from './attention-mask.wgsl.ts';

/** Threads per query row of the weights kernel. */
export const WEIGHTS_THREADS = 64;

/**
 * A_ℓ = softmax(Q_ℓ K_ℓᵀ · scale_ℓ + mask) for a block of query rows `rowOffset ..` of every head
 * (SPEC B.7, B.11): workgroup (r, ℓ) owns query row rowOffset + r of head ℓ; its threads stride over the
 * m keys, computing scores into the row of A, then reduce the row maximum (over unmasked keys) and the
 * sum of exp(z − max) in workgroup memory and normalise. Masked keys get weight 0; a fully masked row
 * is a zero row. A is (heads × rows)×m, head ℓ's block first; the outputs follow as A_ℓ V_ℓ (matmul).
 * Bindings: 0 params, 1 Q, 2 K, 3 A, 4 head table, then keep bytes and bias as the mask needs.
 */
export function attentionWeightsKernel(mask: MaskFlags): KernelSource {
  const code = /* wgsl */ `
struct Params { n: u32, m: u32, ldq: u32, ldk: u32, rowOffset: u32, rows: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read_write> a: array<f32>;
@group(0) @binding(4) var<storage, read> heads: array<u32>;
${maskBindings(mask, 5)}
var<workgroup> redF: array<f32, ${WEIGHTS_THREADS}>;
var<workgroup> redU: array<u32, ${WEIGHTS_THREADS}>;
${maskFunctions(mask)}

@compute @workgroup_size(${WEIGHTS_THREADS})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32) {
  let head = wid.y;
  let kOff = heads[head * 8u];
  let dk = heads[head * 8u + 1u];
  let scale = bitcast<f32>(heads[head * 8u + 4u]);
  let r = wid.x;
  let i = p.rowOffset + r;
  let base = (head * p.rows + r) * p.m;

  var localMax = 0.0;
  var localSeen = 0u;
  for (var j = lid; j < p.m; j += ${WEIGHTS_THREADS}u) {
    if (hidden(i, j, p.m)) { continue; }
    var dot = 0.0;
    for (var c = 0u; c < dk; c++) { dot += q[i * p.ldq + kOff + c] * k[j * p.ldk + kOff + c]; }
    let z = dot * scale + biasAt(i, j, p.m);
    a[base + j] = z;
    if (localSeen == 0u || z > localMax) { localMax = z; }
    localSeen = 1u;
  }
  redF[lid] = localMax;
  redU[lid] = localSeen;
  workgroupBarrier();
  for (var s = ${WEIGHTS_THREADS / 2}u; s > 0u; s >>= 1u) {
    if (lid < s && redU[lid + s] == 1u && (redU[lid] == 0u || redF[lid + s] > redF[lid])) {
      redF[lid] = redF[lid + s];
      redU[lid] = 1u;
    }
    workgroupBarrier();
  }
  let rowMax = redF[0];
  let anySeen = redU[0] == 1u;
  workgroupBarrier();

  var localSum = 0.0;
  for (var j = lid; j < p.m; j += ${WEIGHTS_THREADS}u) {
    if (!anySeen || hidden(i, j, p.m)) {
      a[base + j] = 0.0;
      continue;
    }
    let e = exp(a[base + j] - rowMax);
    a[base + j] = e;
    localSum += e;
  }
  redF[lid] = localSum;
  workgroupBarrier();
  for (var s = ${WEIGHTS_THREADS / 2}u; s > 0u; s >>= 1u) {
    if (lid < s) { redF[lid] += redF[lid + s]; }
    workgroupBarrier();
  }
  let total = redF[0];
  if (anySeen && total > 0.0) {
    let inv = 1.0 / total;
    for (var j = lid; j < p.m; j += ${WEIGHTS_THREADS}u) { a[base + j] *= inv; }
  }
}`;
  return { key: `attention-weights:${maskKey(mask)}`, code };
}
