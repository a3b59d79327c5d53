/** FNV-1a over bytes: the hash the scanner computes while it reads a word. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Words as UTF-8 bytes → dense ids 0, 1, 2 … in insertion order, without making a JS string per token:
 * an open-addressing table of ids over a byte pool. The scanner hashes a word as it reads it and
 * compares the stored bytes with the text's bytes folded through `fold` (lower-casing ASCII).
 */
export class WordMap {
  private pool = new Uint8Array(1 << 16);
  private poolUsed = 0;
  private starts = new Uint32Array(1024);
  private lengths = new Uint32Array(1024);
  private hashes = new Int32Array(1024);
  private slots = new Int32Array(2048).fill(-1);
  private mask = 2047;
  /** Number of words stored. */
  size = 0;

  /**
   * The id of the word in `bytes[start, end)` read through `fold` (a 256-entry byte map), whose
   * FNV-1a hash (of the folded bytes) is `hash`; with `insert`, a new word gets the next id, else -1.
   */
  find(bytes: Uint8Array, start: number, end: number, hash: number, fold: Uint8Array, insert: boolean): number {
    const length = end - start;
    let s = (hash ^ (hash >>> 15)) & this.mask;
    for (;;) {
      const id = this.slots[s]!;
      if (id < 0) break;
      if (this.hashes[id] === hash && this.lengths[id] === length) {
        const at = this.starts[id]!;
        let i = 0;
        while (i < length && this.pool[at + i] === fold[bytes[start + i]!]) i++;
        if (i === length) return id;
      }
      s = (s + 1) & this.mask;
    }
    if (!insert) return -1;
    const id = this.size++;
    if (id === this.starts.length) this.growIds();
    if (this.poolUsed + length > this.pool.length) {
      const bigger = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + length));
      bigger.set(this.pool.subarray(0, this.poolUsed));
      this.pool = bigger;
    }
    for (let i = 0; i < length; i++) this.pool[this.poolUsed + i] = fold[bytes[start + i]!]!;
    this.starts[id] = this.poolUsed;
    this.lengths[id] = length;
    this.hashes[id] = hash;
    this.poolUsed += length;
    this.slots[s] = id;
    // Keep the table at most half full so probes stay short.
    if (this.size * 2 > this.mask) this.rehash();
    return id;
  }

  /** Adds (or finds) a word given as a string; its id. */
  add(word: string): number {
    const bytes = encoder.encode(word);
    return this.find(bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length), IDENTITY, true);
  }

  /** The word with id `id`. */
  word(id: number): string {
    const at = this.starts[id]!;
    return decoder.decode(this.pool.subarray(at, at + this.lengths[id]!));
  }

  /** All words, by id. */
  words(): string[] {
    return Array.from({ length: this.size }, (_, id) => this.word(id));
  }

  private growIds(): void {
    const n = this.starts.length * 2;
    const starts = new Uint32Array(n);
    starts.set(this.starts);
    const lengths = new Uint32Array(n);
    lengths.set(this.lengths);
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    this.starts = starts;
    this.lengths = lengths;
    this.hashes = hashes;
  }

  private rehash(): void {
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let id = 0; id < this.size; id++) {
      const h = this.hashes[id]!;
      let s = (h ^ (h >>> 15)) & this.mask;
      while (this.slots[s]! >= 0) s = (s + 1) & this.mask;
      this.slots[s] = id;
    }
  }
}

/** The identity byte map (no folding). */
export const IDENTITY: Uint8Array = Uint8Array.from({ length: 256 }, (_, b) => b);

/** The byte map that lower-cases ASCII A–Z and keeps every other byte. */
export const LOWER_ASCII: Uint8Array = Uint8Array.from({ length: 256 }, (_, b) => (b >= 65 && b <= 90 ? b + 32 : b));

/** FNV-1a of `bytes[start, end)` (already folded). */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h;
}
