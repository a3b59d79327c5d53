import { join } from 'node:path';
import { LineScanner } from './line-scanner.ts';
import { type MemoryPlan, PairCounter } from './pair-counter.ts';
import type { SortedEntries } from './pair-table.ts';
import { type Segment, scanSegment } from './read-segment.ts';
import { writeRun } from './run-file.ts';
import type { PairSettings } from './settings.ts';
import { VocabCounter } from './vocab-counter.ts';
import { WordMap } from './word-map.ts';

/** One thread's word counts: `words[i]` was seen `counts[i]` times, first at (firstSegment, firstToken). */
export interface VocabPart {
  readonly words: string[];
  readonly counts: Float64Array;
  readonly firstSegment: Int32Array;
  readonly firstToken: Float64Array;
  readonly tokens: number;
}

/** A thread's segments, each with its index in the whole input's order. */
export interface Assignment {
  readonly segments: readonly Segment[];
  readonly indices: readonly number[];
}

/** Pass one over a thread's segments: every word's count and first appearance. */
export async function vocabularyPass(
  work: Assignment,
  lowercase: boolean,
  onBytes: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<VocabPart> {
  const map = new WordMap();
  const counter = new VocabCounter();
  const scanner = new LineScanner(map, true, lowercase, counter);
  for (let i = 0; i < work.segments.length; i++) {
    counter.startSegment(work.indices[i]!);
    await scanSegment(work.segments[i]!, scanner, onBytes, signal);
  }
  const n = map.size;
  return {
    words: map.words(),
    counts: counter.counts.slice(0, n),
    firstSegment: counter.firstSegment.slice(0, n),
    firstToken: counter.firstToken.slice(0, n),
    tokens: counter.tokens,
  };
}

/** One thread's pair counts: its spilled run files and what it still held at the end. */
export interface PairPart {
  readonly runs: string[];
  readonly entries: SortedEntries;
  readonly dense: Float64Array;
  /** Tokens counted (words in the vocabulary). */
  readonly tokens: number;
}

/** Where and under what names a thread writes its runs. */
export interface RunPlace {
  readonly dir: string;
  readonly prefix: string;
}

/**
 * Pass two over a thread's segments: pair sums within its memory plan, spilling sorted runs into
 * `place.dir` whenever its table fills.
 */
export async function pairPass(
  work: Assignment,
  vocabulary: readonly string[],
  lowercase: boolean,
  settings: PairSettings,
  plan: MemoryPlan,
  place: RunPlace,
  onBytes: (bytes: number) => void,
  onSpill: () => void,
  signal?: AbortSignal,
): Promise<PairPart> {
  const map = new WordMap();
  // Ids are the vocabulary's: inserted in its order, the map gives id i to vocabulary[i].
  for (const word of vocabulary) map.add(word);
  const runs: string[] = [];
  const counter = new PairCounter(vocabulary.length, settings, plan, (entries) => {
    const path = join(place.dir, `${place.prefix}-${runs.length}.run`);
    writeRun(path, entries);
    runs.push(path);
    onSpill();
  });
  const scanner = new LineScanner(map, false, lowercase, counter);
  for (const segment of work.segments) await scanSegment(segment, scanner, onBytes, signal);
  const { entries, dense, tokens } = counter.finish();
  return { runs, entries, dense, tokens };
}
