const EMPTY = 0xffff_ffff;

/** Entries sorted by (row, col), each key once: `rows`, `cols`, `vals` hold `length` of them. */
export interface SortedEntries {
  readonly rows: Uint32Array;
  readonly cols: Uint32Array;
  readonly vals: Float64Array;
  readonly length: number;
}

/** Bytes a table of `capacity` slots takes: 16 per slot for the table, 16 per slot of sort scratch. */
export const BYTES_PER_SLOT = 32;

/**
 * Pair sums in an open-addressing hash table on typed arrays (row, col → float64), never a `Map`:
 * 16 bytes a slot plus as much again of scratch to sort a run. It is "full" at half its slots, when
 * the caller spills it (`sorted`, write, `clear`). Keys are (row < rowRange, col < colRange).
 */
export class PairTable {
  readonly rows: Uint32Array;
  readonly cols: Uint32Array;
  readonly vals: Float64Array;
  private readonly scratchRows: Uint32Array;
  private readonly scratchCols: Uint32Array;
  private readonly scratchVals: Float64Array;
  private readonly mask: number;
  /** Distinct keys held. */
  size = 0;
  /** When `size` reaches this, the table is full. */
  readonly limit: number;

  /** A table of `capacity` slots (a power of two). */
  constructor(
    readonly capacity: number,
    private readonly rowRange: number,
    private readonly colRange: number,
  ) {
    if (capacity & (capacity - 1)) throw new RangeError(`PairTable capacity must be a power of two, got ${capacity}`);
    this.rows = new Uint32Array(capacity).fill(EMPTY);
    this.cols = new Uint32Array(capacity);
    this.vals = new Float64Array(capacity);
    this.scratchRows = new Uint32Array(capacity);
    this.scratchCols = new Uint32Array(capacity);
    this.scratchVals = new Float64Array(capacity);
    this.mask = capacity - 1;
    this.limit = capacity >>> 1;
  }

  /** Adds `v` to the entry (a, b); true when the table is now full. */
  add(a: number, b: number, v: number): boolean {
    let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    let s = h & this.mask;
    const rows = this.rows;
    for (;;) {
      const r = rows[s]!;
      if (r === a) {
        if (this.cols[s] === b) {
          this.vals[s]! += v;
          return false;
        }
      } else if (r === EMPTY) {
        rows[s] = a;
        this.cols[s] = b;
        this.vals[s] = v;
        return ++this.size >= this.limit;
      }
      s = (s + 1) & this.mask;
    }
  }

  /**
   * The entries sorted by (row, col), in this table's own arrays (valid until `clear`). With
   * `transpose`, every (a, b, v) also counts as (b, a, v), and the two meet in one entry: that turns
   * forward sums F into S = F + Fᵀ as a run is written, so the hot loop adds each pair once.
   * Two stable counting sorts (by col, then by row) cost O(n + range) with no comparisons.
   */
  sorted(transpose: boolean): SortedEntries {
    const { rows, cols, vals } = this;
    let n = 0;
    for (let s = 0; s <= this.mask; s++) {
      if (rows[s] !== EMPTY) {
        rows[n] = rows[s]!;
        cols[n] = cols[s]!;
        vals[n++] = vals[s]!;
      }
    }
    if (n < this.capacity) rows.fill(EMPTY, n);
    const m = transpose ? 2 * n : n;
    const sr = this.scratchRows;
    const sc = this.scratchCols;
    const sv = this.scratchVals;
    // By column into the scratch arrays.
    const byCol = new Uint32Array(this.colRange + 1);
    for (let i = 0; i < n; i++) {
      byCol[cols[i]! + 1]!++;
      if (transpose) byCol[rows[i]! + 1]!++;
    }
    for (let c = 0; c < this.colRange; c++) byCol[c + 1]! += byCol[c]!;
    for (let i = 0; i < n; i++) {
      let q = byCol[cols[i]!]!++;
      sr[q] = rows[i]!;
      sc[q] = cols[i]!;
      sv[q] = vals[i]!;
      if (transpose) {
        q = byCol[rows[i]!]!++;
        sr[q] = cols[i]!;
        sc[q] = rows[i]!;
        sv[q] = vals[i]!;
      }
    }
    // Stably by row back into the table's arrays.
    const byRow = new Uint32Array(this.rowRange + 1);
    for (let i = 0; i < m; i++) byRow[sr[i]! + 1]!++;
    for (let r = 0; r < this.rowRange; r++) byRow[r + 1]! += byRow[r]!;
    for (let i = 0; i < m; i++) {
      const q = byRow[sr[i]!]!++;
      rows[q] = sr[i]!;
      cols[q] = sc[i]!;
      vals[q] = sv[i]!;
    }
    // (a, b) of F and (a, b) of Fᵀ are now adjacent: sum them.
    let out = 0;
    for (let i = 0; i < m; i++) {
      if (out > 0 && rows[out - 1] === rows[i] && cols[out - 1] === cols[i]) {
        vals[out - 1]! += vals[i]!;
      } else {
        rows[out] = rows[i]!;
        cols[out] = cols[i]!;
        vals[out++] = vals[i]!;
      }
    }
    return { rows, cols, vals, length: out };
  }

  /** Empties the table after its sorted entries have been written. */
  clear(): void {
    this.rows.fill(EMPTY);
    this.size = 0;
  }
}
