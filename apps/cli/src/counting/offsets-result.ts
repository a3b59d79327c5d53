import type { CsrMatrix, Weighting } from '@dproj/core';
import { CsrBuilder } from './csr-builder.ts';

/** Offset counts as merged: (a, b·w + k − 1) → C⁽ᵏ⁾_ab in (row, col) order, as float64 CSR. */
export interface OffsetCodes {
  readonly rowPtr: Uint32Array;
  readonly codes: Uint32Array;
  readonly counts: Float64Array;
}

function weight(weighting: Weighting, k: number): number {
  return weighting === 'harmonic' ? 1 / k : 1;
}

/**
 * From per-offset counts: C⁽¹⁾ … C⁽ʷ⁾ and F = Σₖ f(k) C⁽ᵏ⁾ (each F_ab summed over k in increasing
 * order from 0, as the js backend does, so --offsets gives its S bit for bit), then S = F + Fᵀ when
 * symmetric; `zeroDiagonal` drops F_aa. All V×V CSR in memory.
 */
export function offsetsResult(
  V: number,
  w: number,
  codes: OffsetCodes,
  weighting: Weighting,
  symmetric: boolean,
  zeroDiagonal: boolean,
): { matrix: CsrMatrix; offsets: CsrMatrix[] } {
  const parts = Array.from({ length: w }, () => new CsrBuilder(V, V));
  const fRowPtr = new Uint32Array(V + 1);
  const fCols: number[] = [];
  const fVals: number[] = [];
  for (let a = 0; a < V; a++) {
    let last = -1;
    for (let p = codes.rowPtr[a]!; p < codes.rowPtr[a + 1]!; p++) {
      const code = codes.codes[p]!;
      const b = Math.floor(code / w);
      const k = code - b * w + 1;
      parts[k - 1]!.push(a, b, codes.counts[p]!);
      if (zeroDiagonal && b === a) continue;
      if (b !== last) {
        fCols.push(b);
        fVals.push(0);
        last = b;
      }
      fVals[fVals.length - 1]! += weight(weighting, k) * codes.counts[p]!;
    }
    fRowPtr[a + 1] = fCols.length;
  }
  const offsets = parts.map((p) => p.build());
  if (!symmetric) {
    const f = new CsrBuilder(V, V);
    for (let a = 0; a < V; a++) for (let p = fRowPtr[a]!; p < fRowPtr[a + 1]!; p++) f.push(a, fCols[p]!, fVals[p]!);
    return { matrix: f.build(), offsets };
  }
  // Fᵀ by counting sort, then S_ab = F_ab + F_ba row by row.
  const tRowPtr = new Uint32Array(V + 1);
  for (const b of fCols) tRowPtr[b + 1]!++;
  for (let b = 0; b < V; b++) tRowPtr[b + 1]! += tRowPtr[b]!;
  const fill = tRowPtr.slice(0, V);
  const tCols = new Uint32Array(fCols.length);
  const tVals = new Float64Array(fCols.length);
  for (let a = 0; a < V; a++) {
    for (let p = fRowPtr[a]!; p < fRowPtr[a + 1]!; p++) {
      const q = fill[fCols[p]!]!++;
      tCols[q] = a;
      tVals[q] = fVals[p]!;
    }
  }
  const s = new CsrBuilder(V, V);
  for (let a = 0; a < V; a++) {
    let p = fRowPtr[a]!;
    let q = tRowPtr[a]!;
    const pe = fRowPtr[a + 1]!;
    const qe = tRowPtr[a + 1]!;
    while (p < pe || q < qe) {
      const cp = p < pe ? fCols[p]! : V;
      const cq = q < qe ? tCols[q]! : V;
      if (cp === cq) s.push(a, cp, fVals[p++]! + tVals[q++]!);
      else if (cp < cq) s.push(a, cp, fVals[p++]!);
      else s.push(a, cq, tVals[q++]!);
    }
  }
  return { matrix: s.build(), offsets };
}
