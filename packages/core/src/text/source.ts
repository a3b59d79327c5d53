import { ValueError } from '../errors/errors.ts';
import { splitCompleteSentences, splitSentences } from './tokenize.ts';

/**
 * Text to read: one string, an iterable or async iterable of string chunks (an array, a generator, a
 * stream of decoded text), or a function that returns a fresh such iterable each time it is called
 * (needed where the text is read twice and the iterable is one-shot).
 */
export type TextSource =
  | string
  | Iterable<string>
  | AsyncIterable<string>
  | (() => Iterable<string> | AsyncIterable<string>);

/**
 * What a document (the unit co-occurrence windows do not cross) is:
 * - `line`: a line of the concatenated chunks; lines may span chunks; `\n` or `\r\n` ends a line;
 * - `sentence`: a sentence of the concatenated chunks, as `splitSentences` splits them;
 * - `text`: each chunk of the source, whole.
 */
export type DocumentMode = 'line' | 'sentence' | 'text';

const MODES: readonly DocumentMode[] = ['line', 'sentence', 'text'];

/** One pass over a source's chunks, and whether the source can give a second pass. */
export interface OpenedSource {
  readonly chunks: AsyncIterable<string>;
  /** True when the source is an iterator that returns itself, so a second pass would see nothing. */
  readonly oneShot: boolean;
}

/** Starts one pass over a source. A function source is called once per pass. */
export function openSource(source: TextSource, fn: string): OpenedSource {
  if (typeof source === 'string') return { chunks: toAsync([source][Symbol.iterator]()), oneShot: false };
  if (typeof source === 'function') return { chunks: openIterable(source(), fn).chunks, oneShot: false };
  return openIterable(source, fn);
}

function openIterable(source: Iterable<string> | AsyncIterable<string>, fn: string): OpenedSource {
  if (typeof source === 'object' && source !== null) {
    if (Symbol.asyncIterator in source) {
      const it = source[Symbol.asyncIterator]();
      return { chunks: { [Symbol.asyncIterator]: () => it }, oneShot: (it as unknown) === source };
    }
    if (Symbol.iterator in source) {
      const it = source[Symbol.iterator]();
      return { chunks: toAsync(it), oneShot: (it as unknown) === source };
    }
  }
  throw new ValueError(`${fn}: source must be a string, an iterable or async iterable of strings, or a function returning one; got ${describe(source)}`, {
    op: 'vocabulary',
    argument: 'source',
  });
}

function toAsync(it: Iterator<string>): AsyncIterable<string> {
  const iterable: Iterable<string> = { [Symbol.iterator]: () => it };
  return {
    async *[Symbol.asyncIterator]() {
      yield* iterable;
    },
  };
}

/** Checks a `documents` option, returning the default `line` when absent. */
export function documentMode(mode: DocumentMode | undefined, fn: string): DocumentMode {
  if (mode === undefined) return 'line';
  if (!MODES.includes(mode)) {
    throw new ValueError(`${fn}: options.documents must be one of ${MODES.join(', ')}, got ${String(mode)}`, {
      op: 'vocabulary',
      argument: 'options.documents',
    });
  }
  return mode;
}

/**
 * The documents of a stream of chunks, in order, as `mode` defines them. Lines and sentences that
 * span chunks are carried over; the last, unterminated one is emitted at the end. Empty or
 * whitespace-only documents are still yielded (callers drop documents with no tokens).
 */
export async function* documents(chunks: AsyncIterable<string>, mode: DocumentMode, fn: string): AsyncGenerator<string> {
  let carry = '';
  let index = 0;
  for await (const chunk of chunks) {
    if (typeof chunk !== 'string') {
      throw new ValueError(`${fn}: every chunk of the source must be a string, got ${describe(chunk)} at chunk ${index}`, {
        op: 'vocabulary',
        argument: `source[${index}]`,
      });
    }
    index++;
    if (mode === 'text') {
      yield chunk;
    } else if (mode === 'line') {
      const lines = chunk.split('\n');
      // Only the chunk is split, so a long line spread over many chunks is not rescanned.
      if (lines.length === 1) {
        carry += chunk;
        continue;
      }
      yield stripCr(carry + lines[0]!);
      for (let t = 1; t < lines.length - 1; t++) yield stripCr(lines[t]!);
      carry = lines[lines.length - 1]!;
    } else {
      const { sentences, rest } = splitCompleteSentences(carry + chunk);
      yield* sentences;
      carry = rest;
    }
  }
  if (mode === 'line' && carry !== '') yield stripCr(carry);
  if (mode === 'sentence') yield* splitSentences(carry);
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
