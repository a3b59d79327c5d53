/** Options of `tokenize`. */
export interface TokenizeOptions {
  /** Lower-case every word (locale-independent `toLowerCase`). Default true. */
  readonly lowercase?: boolean;
}

// Apostrophe and hyphen variants that join words are folded to ASCII so "don’t" and "don't" are one word.
const JOINER_VARIANTS = /[\u2019\u2010\u2011]/gu;
// A word: a run of letters, combining marks and digits, continued across an apostrophe or hyphen that
// has a letter (or a mark on one) before it and a letter after it.
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?<=[\p{L}\p{M}])['-](?=\p{L})[\p{L}\p{M}\p{N}]+)*/gu;

/**
 * Splits text into words. The rules, in order:
 * 1. The text is normalized to NFC, so a decomposed "cafe\u0301" and "café" give the same word.
 * 2. ’ (U+2019) becomes ' and the hyphens ‐ ‑ (U+2010, U+2011) become -.
 * 3. A word is a maximal run of letters, combining marks and digits (`\p{L}\p{M}\p{N}`), in any
 *    script. An apostrophe or hyphen stays inside a word when a letter (or a letter's combining mark)
 *    precedes it and a letter follows it: "don't", "o'clock", "state-of-the-art" are one word each;
 *    "COVID-19", "1-2", "dogs'" and "--" split or lose the mark.
 * 4. Everything else (punctuation, symbols, whitespace, underscores) separates words and is dropped,
 *    so "3.14" gives "3" and "14".
 * 5. With `lowercase` (default true) each word is lower-cased with the locale-independent
 *    `String.prototype.toLowerCase`.
 * Scripts written without spaces (Chinese, Japanese, Thai) are not segmented: a run is one word.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const lowercase = options.lowercase ?? true;
  const words = text.normalize('NFC').replace(JOINER_VARIANTS, (c) => (c === '\u2019' ? "'" : '-')).match(WORD);
  if (words === null) return [];
  return lowercase ? words.map((w) => w.toLowerCase()) : words;
}

// A sentence ends at a run of . ! ? (and any closing quotes or brackets after it) that whitespace
// follows, or at a blank line (a line holding only whitespace).
const BOUNDARY_CONFIRMED = /[.!?]+[)\]"'’”»]*(?=\s)|\r?\n[^\S\r\n]*\r?\n/gu;
const BOUNDARY = /[.!?]+[)\]"'’”»]*(?=\s|$)|\r?\n[^\S\r\n]*\r?\n/gu;

/**
 * Splits text into sentences, simply: a sentence ends after a run of `.`, `!` or `?` (with any closing
 * quotes or brackets right after it) that is followed by whitespace or the end of the text, and at
 * every blank line. Single line breaks inside a sentence are kept. Sentences are trimmed; empty ones
 * are dropped. Abbreviations ("Mr. Smith") and decimals followed by a space are not recognised, so they
 * split where a real sentence splitter would not.
 */
export function splitSentences(text: string): string[] {
  return splitAt(text, BOUNDARY, text.length);
}

/**
 * The sentences of `text` that end at a boundary already confirmed by the text that follows it, and
 * the rest (carried to the next chunk of a stream). `splitSentences(a + b)` equals the sentences of
 * `a` here, then `splitSentences(rest + b)`.
 */
export function splitCompleteSentences(text: string): { sentences: string[]; rest: string } {
  let end = 0;
  for (const m of text.matchAll(BOUNDARY_CONFIRMED)) end = m.index + m[0].length;
  return { sentences: splitAt(text, BOUNDARY, end), rest: text.slice(end) };
}

function splitAt(text: string, boundary: RegExp, end: number): string[] {
  const out: string[] = [];
  const head = text.slice(0, end);
  let last = 0;
  for (const m of head.matchAll(boundary)) {
    // A terminator belongs to its sentence; a blank line belongs to neither.
    const stop = m[0].includes('\n') ? m.index : m.index + m[0].length;
    push(out, head.slice(last, stop));
    last = m.index + m[0].length;
  }
  push(out, head.slice(last));
  return out;
}

function push(out: string[], sentence: string): void {
  const trimmed = sentence.trim();
  if (trimmed !== '') out.push(trimmed);
}
