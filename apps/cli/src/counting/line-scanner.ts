import { tokenize } from '@dproj/core';
import { FNV_OFFSET, FNV_PRIME, IDENTITY, LOWER_ASCII, type WordMap, hashBytes } from './word-map.ts';

// Byte classes of the ASCII fast path.
const SEP = 0;
const DIGIT = 1;
const LETTER = 2;
const JOINER = 3;
const NEWLINE = 4;
const HIGH = 5;

const CLASS = Uint8Array.from({ length: 256 }, (_, b) => {
  if (b >= 0x80) return HIGH;
  if (b === 10) return NEWLINE;
  if ((b >= 65 && b <= 90) || (b >= 97 && b <= 122)) return LETTER;
  if (b >= 48 && b <= 57) return DIGIT;
  if (b === 39 || b === 45) return JOINER;
  return SEP;
});

/** Receives each document (line) as word ids; `ids[0, n)` is only valid during the call. */
export interface LineSink {
  line(ids: Int32Array, n: number): void;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Splits bytes into lines (documents) and each line into words by exactly the rules of core's
 * `tokenize`, looking every word up in a `WordMap`. An ASCII line is tokenized on the bytes, with no
 * string made per word (the hot path: core's rules restricted to ASCII are "runs of [A-Za-z0-9], joined
 * across ' or - between two letters"). A line with any byte ≥ 0x80 is decoded and handed to core's
 * `tokenize` itself (NFC, Unicode classes, ’ and ‐ folding), so the two paths always agree.
 */
export class LineScanner {
  private ids: Int32Array = new Int32Array(4096);
  private scratch = new Uint8Array(256);
  private readonly fold: Uint8Array;

  /**
   * @param map the words; with `insert`, unseen words are added (vocabulary pass), else they are
   *   dropped from the line before it reaches the sink (pair pass: words outside the vocabulary).
   */
  constructor(
    private readonly map: WordMap,
    private readonly insert: boolean,
    private readonly lowercase: boolean,
    private readonly sink: LineSink,
  ) {
    this.fold = lowercase ? LOWER_ASCII : IDENTITY;
  }

  /**
   * Scans the complete lines in `bytes[start, end)`: every line ends at '\n' or at `end` (the caller
   * passes whole lines only). Empty documents reach the sink with n = 0.
   */
  scan(bytes: Uint8Array, start: number, end: number): void {
    const map = this.map;
    const fold = this.fold;
    const insert = this.insert;
    let ids: Int32Array = this.ids;
    let n = 0;
    let lineStart = start;
    let p = start;
    while (p < end) {
      const k = CLASS[bytes[p]!]!;
      if (k === SEP || k === JOINER) {
        p++;
        continue;
      }
      if (k === NEWLINE) {
        this.sink.line(ids, n);
        n = 0;
        p++;
        lineStart = p;
        continue;
      }
      if (k === HIGH) {
        p = this.slowLine(bytes, lineStart, end);
        n = 0;
        ids = this.ids;
        lineStart = p;
        continue;
      }
      // A word: digits and letters, continued across ' or - between two letters.
      const wordStart = p;
      let h = FNV_OFFSET;
      while (p < end) {
        const c = bytes[p]!;
        const kc = CLASS[c]!;
        if (kc === LETTER || kc === DIGIT) {
          h = Math.imul(h ^ fold[c]!, FNV_PRIME);
          p++;
        } else if (p + 1 < end && kc === JOINER && CLASS[bytes[p - 1]!] === LETTER && CLASS[bytes[p + 1]!] === LETTER) {
          h = Math.imul(h ^ c, FNV_PRIME);
          p++;
        } else {
          break;
        }
      }
      // A non-ASCII byte right after the word (or after a joiner) may continue it under Unicode rules.
      if (p < end && (CLASS[bytes[p]!] === HIGH || (p + 1 < end && CLASS[bytes[p]!] === JOINER && CLASS[bytes[p + 1]!] === HIGH))) {
        p = this.slowLine(bytes, lineStart, end);
        n = 0;
        ids = this.ids;
        lineStart = p;
        continue;
      }
      const id = map.find(bytes, wordStart, p, h, fold, insert);
      if (id >= 0) {
        if (n === ids.length) ids = this.grow();
        ids[n++] = id;
      }
    }
    // An unterminated last line (the input does not end with '\n').
    if (lineStart < end) this.sink.line(ids, n);
  }

  /** Tokenizes the line starting at `lineStart` with core's `tokenize`; returns where the next line starts. */
  private slowLine(bytes: Uint8Array, lineStart: number, end: number): number {
    let lineEnd = bytes.indexOf(10, lineStart);
    if (lineEnd < 0 || lineEnd >= end) lineEnd = end;
    const text = decoder.decode(bytes.subarray(lineStart, lineEnd));
    let n = 0;
    for (const word of tokenize(text, { lowercase: this.lowercase })) {
      const need = word.length * 3;
      if (need > this.scratch.length) this.scratch = new Uint8Array(need * 2);
      const { written } = encoder.encodeInto(word, this.scratch);
      const id = this.map.find(this.scratch, 0, written, hashBytes(this.scratch, 0, written), IDENTITY, this.insert);
      if (id >= 0) {
        if (n === this.ids.length) this.grow();
        this.ids[n++] = id;
      }
    }
    this.sink.line(this.ids, n);
    // The newline itself is consumed here; a line ending at `end` leaves nothing.
    return lineEnd < end ? lineEnd + 1 : end;
  }

  private grow(): Int32Array {
    // Lines of more than 4096 words are rare; doubling keeps them linear.
    const bigger = new Int32Array(this.ids.length * 2);
    bigger.set(this.ids);
    this.ids = bigger;
    return bigger;
  }
}
