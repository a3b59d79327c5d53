import type { KernelSource } from '../device/pipeline-cache.ts';
import type { MaskFlags } from './attention-mask.wgsl.ts';
import { maskBindings, maskFunctions, maskKey } from './attention-mask.wgsl.ts';

/** Query rows per workgroup of the fused kernel: one thread per query row. */
export const FUSED_ROWS = 64;

/** Static facts of the fused attention kernel. */
export interface FusedAttentionKey {
  /** Capacity for d_k (a power of two ≥ every head's d_k): the query row and key tile widths. */
  readonly dkCap: number;
  /** Capacity for d_v: the accumulator and value tile widths. */
  readonly dvCap: number;
  /** Keys staged in workgroup memory per step. */
  readonly keyTile: number;
  readonly mask: MaskFlags;
}

/**
 * O_ℓ = softmax(Q_ℓ K_ℓᵀ · scale_ℓ + mask) V_ℓ for every head ℓ in one dispatch (SPEC B.11, B.12),
 * flash-attention style: no n×m score buffer exists. Workgroup (x, ℓ) owns 64 query rows of head ℓ;
 * key and value rows are staged `keyTile` at a time in workgroup memory, and each thread folds them into
 * an online softmax: a running maximum μ, sum σ = Σ exp(z − μ) and accumulator a = Σ exp(z − μ) v_j,
 * rescaled by exp(μ_old − μ_new) when the maximum grows; the output row is a / σ. A fully masked row
 * (σ = 0) gives a zero row. Under a causal mask a block stops at its last query's key.
 *
 * Layout: Q (n×ldq), K (m×ldk), V (m×ldv), O (n×ldo) row-major with head ℓ at column offsets from the
 * head table (8 u32 per head: k offset, d_k, v offset, d_v, bitcast scale).
 * Bindings: 0 params, 1 Q, 2 K, 3 V, 4 O, 5 head table, then keep bytes and bias as the mask needs.
 */
export function fusedAttentionKernel(key: FusedAttentionKey): KernelSource {
  const { dkCap, dvCap, keyTile: t } = key;
  const code = /* wgsl */ `
struct Params { n: u32, m: u32, ldq: u32, ldk: u32, ldv: u32, ldo: u32, rowOffset: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;
@group(0) @binding(4) var<storage, read_write> o: array<f32>;
@group(0) @binding(5) var<storage, read> heads: array<u32>;
${maskBindings(key.mask, 6)}
var<workgroup> kTile: array<f32, ${t * dkCap}>;
var<workgroup> vTile: array<f32, ${t * dvCap}>;
${maskFunctions(key.mask)}

@compute @workgroup_size(${FUSED_ROWS})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32) {
  let head = wid.y;
  let kOff = heads[head * 8u];
  let dk = heads[head * 8u + 1u];
  let vOff = heads[head * 8u + 2u];
  let dv = heads[head * 8u + 3u];
  let scale = bitcast<f32>(heads[head * 8u + 4u]);
  let first = p.rowOffset + wid.x * ${FUSED_ROWS}u;
  let i = first + lid;
  let live = i < p.n;

  var qRow: array<f32, ${dkCap}>;
  var acc: array<f32, ${dvCap}>;
  for (var c = 0u; c < ${dvCap}u; c++) { acc[c] = 0.0; }
  if (live) {
    for (var c = 0u; c < dk; c++) { qRow[c] = q[i * p.ldq + kOff + c]; }
  }
  var mu = 0.0;
  var sigma = 0.0;
  var seen = false;

  var keyEnd = p.m;
  ${key.mask.causal ? `keyEnd = min(p.m, min(p.n, first + ${FUSED_ROWS}u));` : ''}
  for (var j0 = 0u; j0 < keyEnd; j0 += ${t}u) {
    workgroupBarrier();
    for (var e = lid; e < ${t}u * dk; e += ${FUSED_ROWS}u) {
      let j = j0 + e / dk;
      var x = 0.0;
      if (j < p.m) { x = k[j * p.ldk + kOff + e % dk]; }
      kTile[(e / dk) * ${dkCap}u + e % dk] = x;
    }
    for (var e = lid; e < ${t}u * dv; e += ${FUSED_ROWS}u) {
      let j = j0 + e / dv;
      var x = 0.0;
      if (j < p.m) { x = v[j * p.ldv + vOff + e % dv]; }
      vTile[(e / dv) * ${dvCap}u + e % dv] = x;
    }
    workgroupBarrier();
    if (live) {
      let count = min(${t}u, keyEnd - j0);
      for (var r = 0u; r < count; r++) {
        let j = j0 + r;
        if (hidden(i, j, p.m)) { continue; }
        var dot = 0.0;
        for (var c = 0u; c < dk; c++) { dot += qRow[c] * kTile[r * ${dkCap}u + c]; }
        let z = dot * scale + biasAt(i, j, p.m);
        if (!seen) {
          mu = z;
          seen = true;
        } else if (z > mu) {
          let shrink = exp(mu - z);
          sigma *= shrink;
          for (var c = 0u; c < dv; c++) { acc[c] *= shrink; }
          mu = z;
        }
        let w = exp(z - mu);
        sigma += w;
        for (var c = 0u; c < dv; c++) { acc[c] += w * vTile[r * ${dvCap}u + c]; }
      }
    }
  }
  if (live) {
    var inv = 0.0;
    if (sigma > 0.0) { inv = 1.0 / sigma; }
    for (var c = 0u; c < dv; c++) { o[i * p.ldo + vOff + c] = acc[c] * inv; }
  }
}`;
  return { key: `attention-fused:k${dkCap}:v${dvCap}:t${t}:${maskKey(key.mask)}`, code };
}
