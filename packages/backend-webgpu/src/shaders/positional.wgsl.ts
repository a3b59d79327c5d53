import type { KernelSource } from '../device/pipeline-cache.ts';
import { csrLookupFn, linearMain } from './common.wgsl.ts';

/**
 * In place, M ← K ∘ M with the Toeplitz kernel K_ij = κ(|j − i|) = kappa[|j − i|], 0 beyond the
 * given length (SPEC B.10b). A zero product is stored as +0 so masked-out entries compare equal to 0.
 * Bindings: 0 params, 1 kappa, 2 M (rows×cols).
 */
export function distanceKernelKernel(): KernelSource {
  const code = /* wgsl */ `
struct Params { rows: u32, cols: u32, kappaLength: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> kappa: array<f32>;
@group(0) @binding(2) var<storage, read_write> mat: array<f32>;
${linearMain()}
  if (idx >= p.rows * p.cols) { return; }
  let i = idx / p.cols;
  let j = idx % p.cols;
  let d = max(i, j) - min(i, j);
  var factor = 0.0;
  if (d < p.kappaLength) { factor = kappa[d]; }
  let v = mat[idx] * factor;
  mat[idx] = bitcast<f32>(select(bitcast<u32>(v), 0u, v == 0.0));
}`;
  return { key: 'distance-kernel', code };
}

/**
 * The offset-specific projection (SPEC B.10a): M^pos_ij = f(d) · C⁽ᵈ⁾[x_lo, x_hi] with d = |j − i|,
 * lo = min(i, j), hi = max(i, j), for 1 ≤ d ≤ w, else 0. So M^pos is symmetric and reads "x_hi follows
 * x_lo by exactly d". C⁽¹⁾..C⁽ʷ⁾ are concatenated CSR matrices (sorted columns) with a table of
 * (rowPtr start, entry start) per offset; f(d) = 1/d (harmonic) or 1 (uniform).
 * Bindings: 0 params, 1 x, 2 table, 3 rowPtr, 4 colIdx, 5 values, 6 M (n×n).
 */
export function offsetProjectionKernel(): KernelSource {
  const code = /* wgsl */ `
struct Params { n: u32, window: u32, harmonic: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read> table: array<u32>;
@group(0) @binding(3) var<storage, read> rowPtr: array<u32>;
@group(0) @binding(4) var<storage, read> colIdx: array<u32>;
@group(0) @binding(5) var<storage, read> values: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;
${csrLookupFn('colIdx', 'values')}
${linearMain()}
  if (idx >= p.n * p.n) { return; }
  let i = idx / p.n;
  let j = idx % p.n;
  let lo = min(i, j);
  let hi = max(i, j);
  let d = hi - lo;
  var v = 0.0;
  if (d >= 1u && d <= p.window) {
    let rows = table[(d - 1u) * 2u];
    let entries = table[(d - 1u) * 2u + 1u];
    let a = x[lo];
    let count = csrLookup(entries + rowPtr[rows + a], entries + rowPtr[rows + a + 1u], x[hi]);
    var f = 1.0;
    if (p.harmonic == 1u) { f = 1.0 / f32(d); }
    v = f * count;
  }
  out[idx] = v;
}`;
  return { key: 'offset-projection', code };
}
