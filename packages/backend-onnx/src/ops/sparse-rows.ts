import type { CsrMatrix } from '@dproj/core';

/** CSR entries picked out for a graph: row, column and value arrays of one length. */
export interface PickedEntries {
  readonly rows: number[];
  readonly cols: number[];
  readonly values: number[];
}

/** The entries of S in the rows marked by `rows` (one CSR slice per marked row). */
export function entriesOfRows(s: CsrMatrix, rows: Uint8Array | null): PickedEntries {
  const out: PickedEntries = { rows: [], cols: [], values: [] };
  for (let a = 0; a < s.rows; a++) {
    if (rows !== null && rows[a] === 0) continue;
    for (let p = s.rowPtr[a]; p < s.rowPtr[a + 1]; p++) {
      out.rows.push(a);
      out.cols.push(s.colIdx[p]);
      out.values.push(s.values[p]);
    }
  }
  return out;
}

/** The entries of S whose column is marked by `cols` (one pass over all entries), for reading Sᵀ. */
export function entriesOfColumns(s: CsrMatrix, cols: Uint8Array | null): PickedEntries {
  if (cols === null) return entriesOfRows(s, null);
  const out: PickedEntries = { rows: [], cols: [], values: [] };
  for (let a = 0; a < s.rows; a++) {
    for (let p = s.rowPtr[a]; p < s.rowPtr[a + 1]; p++) {
      if (cols[s.colIdx[p]] === 0) continue;
      out.rows.push(a);
      out.cols.push(s.colIdx[p]);
      out.values.push(s.values[p]);
    }
  }
  return out;
}
