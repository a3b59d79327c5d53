import type { KernelSource } from '../device/pipeline-cache.ts';

/** Static facts of a matmul kernel. */
export interface MatmulKey {
  /** Tile edge: the workgroup is tile × tile threads, each computing one entry of C. */
  readonly tile: number;
  /** B is stored transposed (N×K), so C = A Bᵀ. */
  readonly transB: boolean;
  /** C += A B instead of C = A B. */
  readonly accumulate: boolean;
}

/**
 * C = A B (or A Bᵀ, or C + A B) for row-major A: M×K, B: K×N (N×K when transposed), C: M×N, each
 * addressed with a leading dimension and a start offset (in elements) so that column blocks (heads)
 * and row blocks of larger buffers can be read and written in place.
 *
 * Tiled: each workgroup stages a tile × tile block of A and of B in workgroup memory per step along K,
 * so every global value is read once per tile instead of once per output.
 * Bindings: 0 params, 1 A, 2 B, 3 C.
 */
export function matmulKernel(key: MatmulKey): KernelSource {
  const t = key.tile;
  const bAt = key.transB ? 'p.bOff + col * p.ldb + k' : 'p.bOff + k * p.ldb + col';
  const code = /* wgsl */ `
struct Params { m: u32, n: u32, k: u32, lda: u32, ldb: u32, ldc: u32, aOff: u32, bOff: u32, cOff: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
var<workgroup> aTile: array<f32, ${t * t}>;
var<workgroup> bTile: array<f32, ${t * t}>;

@compute @workgroup_size(${t}, ${t})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let row = wid.y * ${t}u + lid.y;
  let outCol = wid.x * ${t}u + lid.x;
  var acc = 0.0;
  for (var k0 = 0u; k0 < p.k; k0 += ${t}u) {
    let ak = k0 + lid.x;
    var av = 0.0;
    if (row < p.m && ak < p.k) { av = a[p.aOff + row * p.lda + ak]; }
    aTile[lid.y * ${t}u + lid.x] = av;
    let k = k0 + lid.y;
    let col = outCol;
    var bv = 0.0;
    if (col < p.n && k < p.k) { bv = b[${bAt}]; }
    bTile[lid.y * ${t}u + lid.x] = bv;
    workgroupBarrier();
    for (var kk = 0u; kk < ${t}u; kk++) {
      acc += aTile[lid.y * ${t}u + kk] * bTile[kk * ${t}u + lid.x];
    }
    workgroupBarrier();
  }
  if (row < p.m && outCol < p.n) {
    let at = p.cOff + row * p.ldc + outCol;
    ${key.accumulate ? 'c[at] = c[at] + acc;' : 'c[at] = acc;'}
  }
}`;
  return { key: `matmul:t${t}:${key.transB ? 'bt' : 'b'}:${key.accumulate ? 'acc' : 'set'}`, code };
}
