import type { CsrMatrix } from '@dproj/core';
import type { Direction } from '../shaders/gather-pairs.wgsl.ts';

/** CSR arrays as the kernels read them: columns sorted within each row (binary search). */
export interface SortedCsr {
  readonly rowPtr: Uint32Array;
  readonly colIdx: Uint32Array;
  readonly values: Float32Array;
}

/** S itself when its rows are sorted, else a copy with each row sorted by column (inputs are never mutated). */
export function sortedCsr(s: CsrMatrix): SortedCsr {
  let sorted = true;
  for (let r = 0; r < s.rows && sorted; r++) {
    for (let p = s.rowPtr[r] + 1; p < s.rowPtr[r + 1]; p++) {
      if (s.colIdx[p] < s.colIdx[p - 1]) {
        sorted = false;
        break;
      }
    }
  }
  if (sorted) return s;
  const colIdx = new Uint32Array(s.colIdx.length);
  const values = new Float32Array(s.values.length);
  for (let r = 0; r < s.rows; r++) {
    const from = s.rowPtr[r];
    const to = s.rowPtr[r + 1];
    const order = Array.from({ length: to - from }, (_, t) => from + t).sort((a, b) => s.colIdx[a] - s.colIdx[b]);
    order.forEach((p, t) => {
      colIdx[from + t] = s.colIdx[p];
      values[from + t] = s.values[p];
    });
  }
  return { rowPtr: s.rowPtr, colIdx, values };
}

/** A sparse matrix by columns: column b holds rows `rowIdx[colPtr[b] .. colPtr[b+1])` with `values`. */
export interface Csc {
  readonly rows: number;
  readonly cols: number;
  readonly colPtr: Uint32Array;
  readonly rowIdx: Uint32Array;
  readonly values: Float32Array;
}

/**
 * R = the rows `words` of S_dir (S, Sᵀ or S + Sᵀ), U×C, by columns: the layout the sparse product
 * kernel gathers from. A host layout step (entries are moved, never combined): for S + Sᵀ a column may
 * list a row twice, once from each part, and the kernel's sum adds them.
 */
export function rowsByColumn(s: CsrMatrix, words: Uint32Array, direction: Direction): Csc {
  const cols = direction === 'backward' ? s.rows : s.cols;
  const u = words.length;
  const entryRows: number[] = [];
  const entryCols: number[] = [];
  const entryValues: number[] = [];
  if (direction !== 'backward') {
    words.forEach((a, r) => {
      for (let p = s.rowPtr[a]; p < s.rowPtr[a + 1]; p++) {
        entryRows.push(r);
        entryCols.push(s.colIdx[p]);
        entryValues.push(s.values[p]);
      }
    });
  }
  if (direction !== 'forward') {
    // Row a of Sᵀ is column a of S.
    const rowOf = new Int32Array(s.cols).fill(-1);
    words.forEach((a, r) => {
      rowOf[a] = r;
    });
    for (let b = 0; b < s.rows; b++) {
      for (let p = s.rowPtr[b]; p < s.rowPtr[b + 1]; p++) {
        const r = rowOf[s.colIdx[p]];
        if (r < 0) continue;
        entryRows.push(r);
        entryCols.push(b);
        entryValues.push(s.values[p]);
      }
    }
  }
  const colPtr = new Uint32Array(cols + 1);
  for (const c of entryCols) colPtr[c + 1]++;
  for (let c = 0; c < cols; c++) colPtr[c + 1] += colPtr[c];
  const next = colPtr.slice(0, cols);
  const rowIdx = new Uint32Array(entryCols.length);
  const values = new Float32Array(entryCols.length);
  entryCols.forEach((c, e) => {
    const at = next[c]++;
    rowIdx[at] = entryRows[e];
    values[at] = entryValues[e];
  });
  return { rows: u, cols, colPtr, rowIdx, values };
}
