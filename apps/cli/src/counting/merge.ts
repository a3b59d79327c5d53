import type { DenseLayout } from './dense-region.ts';
import type { EntrySource } from './run-file.ts';

/**
 * The dense region's non-zero cells in (row, col) order; with `transpose`, cell (a, b) reads
 * D[a][b] + D[b][a] (S = F + Fᵀ; the region is symmetric, so D[b][a] exists).
 */
export class DenseSource implements EntrySource {
  row = 0;
  col = -1;
  val = 0;

  constructor(
    private readonly layout: DenseLayout,
    private readonly data: Float64Array,
    private readonly transpose: boolean,
  ) {}

  next(): boolean {
    const start = this.layout.rowStart;
    const rows = start.length - 1;
    for (;;) {
      this.col++;
      if (this.row >= rows) return false;
      if (this.col >= start[this.row + 1]! - start[this.row]!) {
        this.row++;
        this.col = -1;
        continue;
      }
      let v = this.data[start[this.row]! + this.col]!;
      if (this.transpose) v += this.data[start[this.col]! + this.row]!;
      if (v !== 0) {
        this.val = v;
        return true;
      }
    }
  }
}

function before(x: EntrySource, y: EntrySource): boolean {
  return x.row < y.row || (x.row === y.row && x.col < y.col);
}

/**
 * k-way merge of sorted sources with a binary heap: calls `emit(row, col, sum)` once per key in
 * (row, col) order, summing the key's values over all sources (GloVe's `cooccur` merges its runs the
 * same way).
 */
export function mergeSources(sources: readonly EntrySource[], emit: (row: number, col: number, val: number) => void): void {
  const heap = sources.filter((s) => s.next());
  const down = (i: number): void => {
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[c]!, heap[i]!)) return;
      const t = heap[c]!;
      heap[c] = heap[i]!;
      heap[i] = t;
      i = c;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  while (heap.length > 0) {
    const top = heap[0]!;
    const row = top.row;
    const col = top.col;
    let sum = 0;
    while (heap.length > 0 && heap[0]!.row === row && heap[0]!.col === col) {
      const s = heap[0]!;
      sum += s.val;
      if (!s.next()) {
        const last = heap.pop()!;
        if (heap.length > 0 && last !== s) heap[0] = last;
      }
      down(0);
    }
    emit(row, col, sum);
  }
}
