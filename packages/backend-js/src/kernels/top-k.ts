// Order of the top-k: higher score first, and on equal scores the lower id first. `worse(a, b)` is the
// reverse, so the heap keeps its worst kept entry at the root and a candidate only has to beat it.
function worse(row: Float64Array, a: number, b: number): boolean {
  return row[a] < row[b] || (row[a] === row[b] && a > b);
}

function siftDown(row: Float64Array, heap: Uint32Array, size: number, start: number): void {
  let i = start;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) return;
    const r = l + 1;
    const w = r < size && worse(row, heap[r], heap[l]) ? r : l;
    if (!worse(row, heap[w], heap[i])) return;
    const t = heap[i];
    heap[i] = heap[w];
    heap[w] = t;
    i = w;
  }
}

function siftUp(row: Float64Array, heap: Uint32Array, start: number): void {
  let i = start;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!worse(row, heap[i], heap[p])) return;
    const t = heap[i];
    heap[i] = heap[p];
    heap[p] = t;
    i = p;
  }
}

/**
 * The k largest entries of row[0 .. len): ids[off + t] and scores[off + t] for t < k, highest score
 * first, ties by lower id. `heap` is scratch of at least k entries. O(len log k); k ≤ len.
 */
export function topKInto(
  row: Float64Array,
  len: number,
  k: number,
  ids: Uint32Array,
  scores: Float32Array,
  off: number,
  heap: Uint32Array,
): void {
  if (k === 0) return;
  let size = 0;
  for (let c = 0; c < len; c++) {
    if (size < k) {
      heap[size] = c;
      siftUp(row, heap, size);
      size++;
    } else if (worse(row, heap[0], c)) {
      heap[0] = c;
      siftDown(row, heap, size, 0);
    }
  }
  // Popping the worst first fills the output from its end.
  for (let t = size - 1; t >= 0; t--) {
    const id = heap[0];
    ids[off + t] = id;
    scores[off + t] = row[id];
    size--;
    heap[0] = heap[size];
    siftDown(row, heap, size, 0);
  }
}
