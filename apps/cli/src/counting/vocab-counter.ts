import type { LineSink } from './line-scanner.ts';

/**
 * Pass one: counts every word (by the id of its first appearance in this counter's `WordMap`) and
 * where it first appeared, as (segment, token index in that segment), so that counts from several
 * threads can be merged into core's order: frequency, ties by first appearance in the whole input.
 */
export class VocabCounter implements LineSink {
  counts = new Float64Array(1024);
  firstSegment = new Int32Array(1024).fill(-1);
  firstToken = new Float64Array(1024);
  /** Tokens of the current segment so far. */
  segmentTokens = 0;
  /** Tokens of all segments so far. */
  tokens = 0;
  segment = 0;

  /** Starts counting segment `index` (its tokens are numbered from 0). */
  startSegment(index: number): void {
    this.segment = index;
    this.segmentTokens = 0;
  }

  line(ids: Int32Array, n: number): void {
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (id >= this.counts.length) this.grow(id);
      if (this.firstSegment[id]! < 0) {
        this.firstSegment[id] = this.segment;
        this.firstToken[id] = this.segmentTokens + i;
      }
      this.counts[id]!++;
    }
    this.segmentTokens += n;
    this.tokens += n;
  }

  private grow(id: number): void {
    const n = Math.max(this.counts.length * 2, id + 1);
    const counts = new Float64Array(n);
    counts.set(this.counts);
    const segment = new Int32Array(n).fill(-1);
    segment.set(this.firstSegment);
    const token = new Float64Array(n);
    token.set(this.firstToken);
    this.counts = counts;
    this.firstSegment = segment;
    this.firstToken = token;
  }
}
