// Order of a top-k: higher score first; on equal scores the lower id first.
function better(row: Float32Array, a: number, b: number): boolean {
  return row[a] > row[b] || (row[a] === row[b] && a < b);
}

/**
 * The k best entries of a row of E into ids/scores at `offset`, best first (ties: lower id first).
 * Done on the host from rows of E read back from the device: a bounded min-heap, O(V log k).
 */
export function topKOfRow(row: Float32Array, k: number, ids: Uint32Array, scores: Float32Array, offset: number): void {
  const heap: number[] = [];
  const worseThan = (x: number, y: number): boolean => better(row, y, x);
  const siftDown = (start: number): void => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) return;
      const r = l + 1;
      const w = r < heap.length && worseThan(heap[r], heap[l]) ? r : l;
      if (!worseThan(heap[w], heap[i])) return;
      [heap[i], heap[w]] = [heap[w], heap[i]];
      i = w;
    }
  };
  for (let c = 0; c < row.length; c++) {
    if (heap.length < k) {
      heap.push(c);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worseThan(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (better(row, c, heap[0])) {
      heap[0] = c;
      siftDown(0);
    }
  }
  for (let t = heap.length - 1; t >= 0; t--) {
    ids[offset + t] = heap[0];
    scores[offset + t] = row[heap[0]];
    heap[0] = heap[heap.length - 1];
    heap.pop();
    siftDown(0);
  }
}
