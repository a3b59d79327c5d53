import { type DenseLayout, denseLayout } from './dense-region.ts';
import type { LineSink } from './line-scanner.ts';
import { BYTES_PER_SLOT, PairTable, type SortedEntries } from './pair-table.ts';
import { type PairSettings, columnRange, pairWeights } from './settings.ts';

/** How a counter's share of the memory budget is spent. */
export interface MemoryPlan {
  readonly dense: DenseLayout;
  /** Slots of the pair table (a power of two). */
  readonly capacity: number;
}

const MIN_CAPACITY = 1024;

/**
 * Splits a byte budget between the dense corner (an eighth, at most 64 MiB: beyond that its rows
 * reach words so rare that hashing costs less than the memory) and the pair table with its sort
 * scratch (the rest, rounded down to a power of two of slots). Offsets use no dense corner.
 */
export function planMemory(budget: number, vocabSize: number, settings: PairSettings): MemoryPlan {
  const cols = columnRange(vocabSize, settings);
  // The two counting sorts' histograms are part of the budget too.
  const histograms = 4 * (cols + vocabSize + 2);
  const denseBytes = settings.offsets ? 0 : Math.min(Math.floor(budget / 8), 64 * 1024 * 1024);
  const dense = denseLayout(vocabSize, denseBytes);
  const left = budget - dense.cells * 8 - histograms;
  let capacity = MIN_CAPACITY;
  while (capacity * 2 * BYTES_PER_SLOT <= left) capacity *= 2;
  return { dense, capacity };
}

/** What a pair counter holds when its input ends. */
export interface PairCounts {
  /** The last table's entries, sorted (never written to disk). */
  readonly entries: SortedEntries;
  /** The dense corner's cells (forward sums F, not transposed). */
  readonly dense: Float64Array;
  /** Tokens counted (words in the vocabulary). */
  readonly tokens: number;
}

/**
 * Pass two: every line's ids (words outside the vocabulary already dropped, so their neighbours are
 * adjacent, as core's `drop` policy does) add f(k) to F[a][b] for each b that follows a at distance
 * k ≤ w within the line. Frequent pairs go to the dense corner, the rest to the hash table; when the
 * table is full, `spill` gets its sorted entries (S = F + Fᵀ already formed when symmetric).
 */
export class PairCounter implements LineSink {
  tokens = 0;
  private readonly table: PairTable;
  private readonly dense: Float64Array;
  private readonly rowStart: Int32Array;
  private readonly denseRows: number;
  private readonly weights: Float64Array;
  private readonly transpose: boolean;

  constructor(
    vocabSize: number,
    private readonly settings: PairSettings,
    plan: MemoryPlan,
    private readonly spill: (entries: SortedEntries) => void,
  ) {
    this.table = new PairTable(plan.capacity, vocabSize, columnRange(vocabSize, settings));
    this.dense = new Float64Array(plan.dense.cells);
    this.rowStart = plan.dense.rowStart;
    this.denseRows = plan.dense.rowStart.length - 1;
    this.weights = pairWeights(settings).weights;
    // Offsets are kept forward; S is formed from them at the end (see `offsetsResult`).
    this.transpose = settings.direction === 'symmetric' && !settings.offsets;
  }

  line(ids: Int32Array, n: number): void {
    this.tokens += n;
    const w = this.settings.window;
    const weights = this.weights;
    const table = this.table;
    if (this.settings.offsets) {
      for (let t = 1; t < n; t++) {
        const b = ids[t]! * w - 1;
        const lo = t > w ? t - w : 0;
        for (let s = t - 1; s >= lo; s--) {
          if (table.add(ids[s]!, b + (t - s), 1)) this.flush();
        }
      }
      return;
    }
    const dense = this.dense;
    const rowStart = this.rowStart;
    const denseRows = this.denseRows;
    if (this.transpose) {
      // S = F + Fᵀ = Fᵀ + F, so the symmetric count may sum Fᵀ instead: row b (the later word) is then
      // fixed for the whole window, and when b is rare its dense cells (frequent a, small columns) sit
      // in one or two cache lines. The sums are integers, so S is the same to the bit.
      for (let t = 1; t < n; t++) {
        const b = ids[t]!;
        const lo = t > w ? t - w : 0;
        const start = b < denseRows ? rowStart[b]! : 0;
        const width = b < denseRows ? rowStart[b + 1]! - start : 0;
        for (let s = t - 1; s >= lo; s--) {
          const a = ids[s]!;
          if (a < width) dense[start + a]! += weights[t - s]!;
          else if (table.add(b, a, weights[t - s]!)) this.flush();
        }
      }
      return;
    }
    for (let t = 1; t < n; t++) {
      const b = ids[t]!;
      const lo = t > w ? t - w : 0;
      for (let s = t - 1; s >= lo; s--) {
        const a = ids[s]!;
        if (a < denseRows) {
          const at = rowStart[a]! + b;
          if (at < rowStart[a + 1]!) {
            dense[at]! += weights[t - s]!;
            continue;
          }
        }
        if (table.add(a, b, weights[t - s]!)) this.flush();
      }
    }
  }

  private flush(): void {
    this.spill(this.table.sorted(this.transpose));
    this.table.clear();
  }

  /** Ends counting: the table's sorted entries and the dense cells. */
  finish(): PairCounts {
    return { entries: this.table.sorted(this.transpose), dense: this.dense, tokens: this.tokens };
  }
}
