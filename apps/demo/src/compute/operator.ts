import type { CsrMatrix, TransformSpec } from '@dproj/core';
import { csrTranspose, isCsr, transform } from '@dproj/core';
import type { DemoDirection, DemoTransform } from '../state/url-state.ts';

/** The operator a projection reads, and how: M = Q S Qᵀ (`forward`) or M = Q Sᵀ Qᵀ (`backward`). */
export interface DirectedOperator {
  readonly s: CsrMatrix;
  readonly direction: 'forward' | 'backward';
}

/** The transform spec behind each of the page's choices; `log` is log(1 + S), which keeps S sparse. */
export function transformSpec(kind: DemoTransform): TransformSpec {
  switch (kind) {
    case 'raw':
      return { kind: 'raw' };
    case 'ppmi':
      return { kind: 'ppmi' };
    case 'log':
      return { kind: 'log1p' };
  }
}

/**
 * A + B for two CSR matrices of the same shape with sorted columns (the result's columns are sorted
 * too; entries that sum to 0 are kept only if both were stored, which cannot happen for counts).
 */
export function csrAdd(a: CsrMatrix, b: CsrMatrix): CsrMatrix {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new RangeError(`csrAdd: shapes differ, ${a.rows}×${a.cols} and ${b.rows}×${b.cols}`);
  const rowPtr = new Uint32Array(a.rows + 1);
  const colIdx = new Uint32Array(a.colIdx.length + b.colIdx.length);
  const values = new Float32Array(colIdx.length);
  let n = 0;
  for (let i = 0; i < a.rows; i++) {
    let p = a.rowPtr[i]!;
    let q = b.rowPtr[i]!;
    const pe = a.rowPtr[i + 1]!;
    const qe = b.rowPtr[i + 1]!;
    while (p < pe || q < qe) {
      const ca = p < pe ? a.colIdx[p]! : Number.POSITIVE_INFINITY;
      const cb = q < qe ? b.colIdx[q]! : Number.POSITIVE_INFINITY;
      if (ca === cb) {
        colIdx[n] = ca;
        values[n++] = a.values[p++]! + b.values[q++]!;
      } else if (ca < cb) {
        colIdx[n] = ca;
        values[n++] = a.values[p++]!;
      } else {
        colIdx[n] = cb;
        values[n++] = b.values[q++]!;
      }
    }
    rowPtr[i + 1] = n;
  }
  return { rows: a.rows, cols: a.cols, rowPtr, colIdx: colIdx.slice(0, n), values: values.slice(0, n) };
}

/**
 * The operator for the page's transform and direction, from the forward operator F:
 * - symmetric: φ(F + Fᵀ) read forward, so M = Q φ(S) Qᵀ with S = F + Fᵀ (SPEC B.2.3);
 * - forward: φ(F), M→ = Q φ(F) Qᵀ;
 * - backward: φ(F) read backward, M← = Q φ(F)ᵀ Qᵀ (SPEC B.9).
 * The transform is applied after symmetrizing, so PPMI of S uses S's own marginals.
 */
export function directedOperator(f: CsrMatrix, kind: DemoTransform, direction: DemoDirection): DirectedOperator {
  const base = direction === 'symmetric' ? csrAdd(f, csrTranspose(f)) : f;
  const s = transform(base, transformSpec(kind));
  if (!isCsr(s)) throw new Error(`transform ${kind} returned a dense operator; the page keeps S sparse`);
  return { s, direction: direction === 'backward' ? 'backward' : 'forward' };
}

/** M_ij = S_{x_i x_j} (forward) or S_{x_j x_i} (backward), gathered on the host: Q S Qᵀ without refinement. */
export function gatherProjection(op: DirectedOperator, tokens: Uint32Array): Float64Array {
  const n = tokens.length;
  const out = new Float64Array(n * n);
  const { s } = op;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [a, b] = op.direction === 'forward' ? [tokens[i]!, tokens[j]!] : [tokens[j]!, tokens[i]!];
      let v = 0;
      for (let p = s.rowPtr[a]!; p < s.rowPtr[a + 1]!; p++) {
        if (s.colIdx[p] === b) {
          v = s.values[p]!;
          break;
        }
      }
      out[i * n + j] = v;
    }
  }
  return out;
}

/** The distance kernel of the `kernel` refinement: κ(d) = 1/(1 + d), so M^κ_ij = M_ij / (1 + |i − j|). */
export function distanceKernel(n: number): Float64Array {
  return Float64Array.from({ length: Math.max(1, n) }, (_, d) => 1 / (1 + d));
}
