const EMPTY = 0xffff_ffff;

/** Entries sorted by (row, col), each key once: `rows`, `cols`, `vals` hold `length` of them. */
export interface SortedEntries {
  readonly rows: Uint32Array;
  readonly cols: Uint32Array;
  readonly vals: Float64Array;
  readonly length: number;
}

/**
 * Bytes per slot of the largest table: 16 for the slot itself and, while a run is sorted, up to
 * twice 16 for the entries (transposed too) and their sorted copy.
 */
export const BYTES_PER_SLOT = 48;

const FIRST_CAPACITY = 1 << 16;

/**
 * Pair sums in an open-addressing hash table on typed arrays (row, col → float64), never a `Map`.
 * A slot is 16 bytes in one buffer (row u32, col u32, value f64), so a probe touches one cache line.
 * The table starts small and doubles while it is at most half full, up to `maxCapacity` slots; then
 * it is "full" and the caller spills it (`sorted`, write, `clear`). Keys are (row < rowRange, col < colRange).
 */
export class PairTable {
  private keys: Uint32Array;
  private vals: Float64Array;
  private mask: number;
  private limit: number;
  /** Distinct keys held. */
  size = 0;

  constructor(
    private readonly maxCapacity: number,
    private readonly rowRange: number,
    private readonly colRange: number,
  ) {
    if (maxCapacity & (maxCapacity - 1)) throw new RangeError(`PairTable capacity must be a power of two, got ${maxCapacity}`);
    const capacity = Math.min(FIRST_CAPACITY, maxCapacity);
    this.keys = new Uint32Array(capacity * 4).fill(EMPTY);
    this.vals = new Float64Array(this.keys.buffer);
    this.mask = capacity - 1;
    this.limit = capacity >>> 1;
  }

  /** Slots now. */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Adds `v` to the entry (a, b); true when the table is now full (at its largest and half full). */
  add(a: number, b: number, v: number): boolean {
    let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    let s = h & this.mask;
    const keys = this.keys;
    for (;;) {
      const r = keys[s << 2]!;
      if (r === a) {
        if (keys[(s << 2) + 1] === b) {
          this.vals[(s << 1) + 1]! += v;
          return false;
        }
      } else if (r === EMPTY) {
        keys[s << 2] = a;
        keys[(s << 2) + 1] = b;
        this.vals[(s << 1) + 1] = v;
        if (++this.size < this.limit) return false;
        if (this.capacity >= this.maxCapacity) return true;
        this.grow();
        return false;
      }
      s = (s + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const capacity = this.capacity * 2;
    this.keys = new Uint32Array(capacity * 4).fill(EMPTY);
    this.vals = new Float64Array(this.keys.buffer);
    this.mask = capacity - 1;
    this.limit = capacity >>> 1;
    this.size = 0;
    for (let s = 0; s < oldKeys.length >> 2; s++) {
      const a = oldKeys[s << 2]!;
      if (a !== EMPTY) this.add(a, oldKeys[(s << 2) + 1]!, oldVals[(s << 1) + 1]!);
    }
  }

  /**
   * The entries sorted by (row, col). With `transpose`, every (a, b, v) also counts as (b, a, v), and
   * the two meet in one entry: that turns forward sums F into S = F + Fᵀ as a run is written, so the
   * hot loop adds each pair once. Two stable counting sorts (by col, then by row) cost O(n + range).
   */
  sorted(transpose: boolean): SortedEntries {
    const { keys, vals } = this;
    const m = transpose ? 2 * this.size : this.size;
    const sr = new Uint32Array(m);
    const sc = new Uint32Array(m);
    const sv = new Float64Array(m);
    // Histogram of columns, then place by column.
    const byCol = new Uint32Array(this.colRange + 1);
    for (let s = 0; s <= this.mask; s++) {
      const a = keys[s << 2]!;
      if (a === EMPTY) continue;
      byCol[keys[(s << 2) + 1]! + 1]!++;
      if (transpose) byCol[a + 1]!++;
    }
    for (let c = 0; c < this.colRange; c++) byCol[c + 1]! += byCol[c]!;
    for (let s = 0; s <= this.mask; s++) {
      const a = keys[s << 2]!;
      if (a === EMPTY) continue;
      const b = keys[(s << 2) + 1]!;
      const v = vals[(s << 1) + 1]!;
      let q = byCol[b]!++;
      sr[q] = a;
      sc[q] = b;
      sv[q] = v;
      if (transpose) {
        q = byCol[a]!++;
        sr[q] = b;
        sc[q] = a;
        sv[q] = v;
      }
    }
    // Stably by row.
    const rows = new Uint32Array(m);
    const cols = new Uint32Array(m);
    const out = new Float64Array(m);
    const byRow = new Uint32Array(this.rowRange + 1);
    for (let i = 0; i < m; i++) byRow[sr[i]! + 1]!++;
    for (let r = 0; r < this.rowRange; r++) byRow[r + 1]! += byRow[r]!;
    for (let i = 0; i < m; i++) {
      const q = byRow[sr[i]!]!++;
      rows[q] = sr[i]!;
      cols[q] = sc[i]!;
      out[q] = sv[i]!;
    }
    // (a, b) of F and (a, b) of Fᵀ are now adjacent: sum them.
    let n = 0;
    for (let i = 0; i < m; i++) {
      if (n > 0 && rows[n - 1] === rows[i] && cols[n - 1] === cols[i]) {
        out[n - 1]! += out[i]!;
      } else {
        rows[n] = rows[i]!;
        cols[n] = cols[i]!;
        out[n++] = out[i]!;
      }
    }
    return { rows, cols, vals: out, length: n };
  }

  /** Empties the table after its sorted entries have been written. */
  clear(): void {
    this.keys.fill(EMPTY);
    this.size = 0;
  }
}
