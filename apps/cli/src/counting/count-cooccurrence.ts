import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CooccurrenceResult, CsrMatrix, Vocabulary } from '@dproj/core';
import { CsrBuilder } from './csr-builder.ts';
import { DenseSource, mergeSources } from './merge.ts';
import { offsetsResult } from './offsets-result.ts';
import { type MemoryPlan, planMemory } from './pair-counter.ts';
import { type Assignment, type PairPart, type VocabPart, pairPass, vocabularyPass } from './passes.ts';
import { type Segment, splitAtLines } from './read-segment.ts';
import { ArraySource, type EntrySource, RunReader, RunWriter, readBlockBytes, removeRun } from './run-file.ts';
import { type PairSettings, pairWeights } from './settings.ts';
import { rankVocabulary } from './vocabulary.ts';
import type { WorkerPairs, WorkerReport, WorkerStart } from './worker-protocol.ts';

/** The phases progress is reported in. */
export type CountPhase = 'vocabulary' | 'pairs' | 'merge';

/** Progress: bytes of input read in the current phase (`total` per pass). */
export interface CountProgress {
  readonly phase: CountPhase;
  readonly bytes: number;
  readonly total: number;
  /** Tokens per byte of the input, known once the vocabulary pass is done (0 before). */
  readonly tokensPerByte: number;
}

/** Everything `countCooccurrence` needs. */
export interface CountRequest {
  /** Input files, one document per line; a file's end ends its last line. */
  readonly files: readonly string[];
  readonly lowercase: boolean;
  readonly minCount: number;
  readonly maxVocab?: number;
  readonly settings: PairSettings;
  readonly zeroDiagonal: boolean;
  /** Bytes of pair counts, all threads together. */
  readonly memory: number;
  readonly threads: number;
  /** A fresh private directory for runs; the caller creates and deletes it. */
  readonly workDir: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CountProgress) => void;
  /** Most run files open at once in the merge (default 128); more runs are merged in levels first. */
  readonly maxOpenRuns?: number;
  /** The compiled worker script; default: count-worker.js beside this module, or in dist/. */
  readonly workerUrl?: URL;
}

/** What counting found besides the matrix. */
export interface CountStats {
  /** Tokens read (every word, in the vocabulary or not). */
  readonly tokensRead: number;
  /** Distinct words before min-count and max-vocab. */
  readonly distinctWords: number;
  /** Runs spilled to disk. */
  readonly spills: number;
  readonly threads: number;
  /** The memory plan of each thread. */
  readonly plan: MemoryPlan;
  /** Milliseconds of each phase. */
  readonly timings: { readonly vocabulary: number; readonly pairs: number; readonly merge: number };
}

/** The result: core's co-occurrence result and vocabulary, plus statistics. */
export interface CountOutcome {
  readonly vocab: Vocabulary;
  readonly result: CooccurrenceResult;
  readonly stats: CountStats;
}

/** Thrown when the input has no word to count (no tokens, or none kept by min-count). */
export class EmptyInputError extends Error {}

function defaultWorkerUrl(): URL {
  // From dist/ (bundled) the worker sits beside the bundle; from src/ (tests) it is in dist/.
  const candidates = [new URL('./count-worker.js', import.meta.url), new URL('../../dist/count-worker.js', import.meta.url)];
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0]!;
}

/**
 * Counts the co-occurrence operator of core (SPEC B.2) over files too large to hold: pass one ranks
 * the vocabulary, pass two sums pairs within `memory` bytes (spilling sorted runs into `workDir`),
 * then the runs, the last tables and the dense corners are merged into S (or F) as CSR. With
 * `threads` > 1 each worker thread counts a share of every file, split at line starts.
 */
export async function countCooccurrence(request: CountRequest): Promise<CountOutcome> {
  const { signal } = request;
  const sizes = await Promise.all(request.files.map(async (f) => (await stat(f)).size));
  const totalBytes = sizes.reduce((x, y) => x + y, 0);
  const threads = Math.max(1, Math.min(request.threads, Math.ceil(totalBytes / (1024 * 1024))));
  const assignments: { segments: Segment[]; indices: number[] }[] = Array.from({ length: threads }, () => ({ segments: [], indices: [] }));
  let index = 0;
  for (let f = 0; f < request.files.length; f++) {
    const parts = await splitAtLines(request.files[f]!, sizes[f]!, threads);
    parts.forEach((segment, t) => {
      assignments[t]!.segments.push(segment);
      assignments[t]!.indices.push(index++);
    });
  }
  let tokensPerByte = 0;
  const progress = (phase: CountPhase) => {
    let bytes = 0;
    return (n: number) => {
      bytes += n;
      request.onProgress?.({ phase, bytes, total: totalBytes, tokensPerByte });
    };
  };
  const runner = threads === 1 ? inProcess(assignments[0]!, request) : await WorkerPool.start(assignments, request);
  try {
    const t0 = performance.now();
    const vocabParts = await runner.vocabulary(progress('vocabulary'));
    const ranked = rankVocabulary(vocabParts, request.minCount, request.maxVocab);
    if (ranked.tokensRead === 0) throw new EmptyInputError('the input has no words to count');
    if (ranked.vocab.size === 0) {
      throw new EmptyInputError(`no word occurs at least ${request.minCount} times (--min-count); lower --min-count`);
    }
    tokensPerByte = ranked.tokensRead / Math.max(totalBytes, 1);
    const V = ranked.vocab.size;
    const settings = request.settings;
    if (settings.offsets && V * settings.window > 0xffff_ffff) {
      throw new EmptyInputError(`--offsets needs vocabulary size × window ≤ 2^32, got ${V} × ${settings.window}; lower --max-vocab or --window`);
    }
    const plan = planMemory(Math.floor(request.memory / threads), V, settings);
    let spills = 0;
    const t1 = performance.now();
    const pairParts = await runner.pairs(ranked.vocab.words, plan, progress('pairs'), () => spills++);
    signal?.throwIfAborted();
    request.onProgress?.({ phase: 'merge', bytes: totalBytes, total: totalBytes, tokensPerByte });
    const t2 = performance.now();
    const result = mergeParts(pairParts, V, plan, request);
    const timings = { vocabulary: t1 - t0, pairs: t2 - t1, merge: performance.now() - t2 };
    const stats = { tokensRead: ranked.tokensRead, distinctWords: ranked.distinct, spills, threads, plan, timings };
    return { vocab: ranked.vocab, result, stats };
  } finally {
    runner.close();
  }
}

interface Runner {
  vocabulary(onBytes: (n: number) => void): Promise<VocabPart[]>;
  pairs(vocabulary: readonly string[], plan: MemoryPlan, onBytes: (n: number) => void, onSpill: () => void): Promise<PairPart[]>;
  close(): void;
}

/** One thread: the passes run here, between reads, so abort is seen at every chunk. */
function inProcess(work: Assignment, request: CountRequest): Runner {
  return {
    vocabulary: async (onBytes) => [await vocabularyPass(work, request.lowercase, onBytes, request.signal)],
    pairs: async (vocabulary, plan, onBytes, onSpill) => [
      await pairPass(work, vocabulary, request.lowercase, request.settings, plan, { dir: request.workDir, prefix: 't0' }, onBytes, onSpill, request.signal),
    ],
    close: () => {},
  };
}

/** Worker threads, one per assignment; terminated on abort, on error and at the end. */
class WorkerPool implements Runner {
  private constructor(
    private readonly workers: Worker[],
    private readonly request: CountRequest,
  ) {}

  static async start(assignments: readonly Assignment[], request: CountRequest): Promise<WorkerPool> {
    const url = request.workerUrl ?? defaultWorkerUrl();
    const workers = assignments.map((work) => new Worker(url, { workerData: { work, lowercase: request.lowercase } satisfies WorkerStart }));
    return new WorkerPool(workers, request);
  }

  /** Waits for one `kind` report from every worker, passing byte and spill reports on. */
  private collect<T>(kind: 'vocab' | 'pairs', onBytes: (n: number) => void, onSpill: () => void): Promise<T[]> {
    const { signal } = this.request;
    return new Promise<T[]>((resolve, reject) => {
      const results: T[] = new Array(this.workers.length);
      let pending = this.workers.length;
      const cleanups: (() => void)[] = [];
      const finish = (error?: unknown) => {
        for (const c of cleanups) c();
        if (error !== undefined) reject(error);
        else resolve(results);
      };
      const onAbort = () => finish(signal?.reason ?? new Error('aborted'));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal?.removeEventListener('abort', onAbort));
      this.workers.forEach((worker, i) => {
        const onMessage = (report: WorkerReport) => {
          if (report.kind === 'bytes') onBytes(report.bytes);
          else if (report.kind === 'spill') onSpill();
          else if (report.kind === 'error') finish(new Error(report.message));
          else if (report.kind === kind) {
            results[i] = report.part as T;
            if (--pending === 0) finish();
          }
        };
        const onError = (error: Error) => finish(error);
        const onExit = (code: number) => {
          if (results[i] === undefined) finish(new Error(`a counting thread stopped (exit code ${code})`));
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        cleanups.push(() => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        });
      });
    });
  }

  vocabulary(onBytes: (n: number) => void): Promise<VocabPart[]> {
    return this.collect<VocabPart>('vocab', onBytes, () => {});
  }

  pairs(vocabulary: readonly string[], plan: MemoryPlan, onBytes: (n: number) => void, onSpill: () => void): Promise<PairPart[]> {
    const result = this.collect<PairPart>('pairs', onBytes, onSpill);
    this.workers.forEach((worker, t) => {
      const order: WorkerPairs = { kind: 'pairs', vocabulary, settings: this.request.settings, plan, place: { dir: this.request.workDir, prefix: `t${t}` } };
      worker.postMessage(order);
    });
    return result;
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate();
  }
}

/** At most this many run files are open at once (file descriptors are limited, often to 1024). */
const MAX_OPEN_RUNS = 128;

/**
 * While there are more than `maxOpenRuns` runs, merges them in groups of that many into longer runs
 * (deleting the merged ones), as an external sort does; sums stay exact, as every value is an
 * integer-valued float64 (or, beyond w = 18, order may move the last bit).
 */
function reduceRuns(runs: readonly string[], request: CountRequest): string[] {
  let current = [...runs];
  let level = 0;
  const fanIn = Math.max(2, request.maxOpenRuns ?? MAX_OPEN_RUNS);
  while (current.length > fanIn) {
    request.signal?.throwIfAborted();
    const next: string[] = [];
    const block = readBlockBytes(request.memory, fanIn);
    for (let i = 0; i < current.length; i += fanIn) {
      const group = current.slice(i, i + fanIn);
      const writer = new RunWriter(join(request.workDir, `m${level}-${next.length}.run`));
      const readers = group.map((path) => new RunReader(path, block));
      try {
        mergeSources(readers, (row, col, val) => writer.push(row, col, val));
      } finally {
        for (const r of readers) r.close();
        writer.close();
      }
      for (const path of group) removeRun(path);
      next.push(writer.path);
    }
    current = next;
    level++;
  }
  return current;
}

/** k-way merge of every thread's runs, last table and dense corner into the result. */
function mergeParts(parts: readonly PairPart[], V: number, plan: MemoryPlan, request: CountRequest): CooccurrenceResult {
  const { settings, zeroDiagonal } = request;
  const symmetric = settings.direction === 'symmetric';
  const runs = reduceRuns(
    parts.flatMap((p) => p.runs),
    request,
  );
  const block = readBlockBytes(request.memory, runs.length);
  const readers = runs.map((path) => new RunReader(path, block));
  const sources: EntrySource[] = [...readers, ...parts.map((p) => new ArraySource(p.entries))];
  const tokens = parts.reduce((sum, p) => sum + p.tokens, 0);
  const fullSettings = { window: settings.window, weighting: settings.weighting, direction: settings.direction, zeroDiagonal, crossDocuments: false };
  try {
    if (settings.offsets) {
      const codes = { rowPtr: new Uint32Array(V + 1), codes: [] as number[], counts: [] as number[] };
      let row = 0;
      mergeSources(sources, (a, code, count) => {
        while (row < a) codes.rowPtr[++row] = codes.codes.length;
        codes.codes.push(code);
        codes.counts.push(count);
      });
      while (row < V) codes.rowPtr[++row] = codes.codes.length;
      const { matrix, offsets } = offsetsResult(
        V,
        settings.window,
        { rowPtr: codes.rowPtr, codes: Uint32Array.from(codes.codes), counts: Float64Array.from(codes.counts) },
        settings.weighting,
        symmetric,
        zeroDiagonal,
      );
      return { matrix, offsets, settings: fullSettings, tokens };
    }
    // The threads' dense corners are summed into one (exact: integer-valued sums).
    const dense = parts[0]!.dense;
    for (const p of parts.slice(1)) for (let i = 0; i < dense.length; i++) dense[i]! += p.dense[i]!;
    sources.push(new DenseSource(plan.dense, dense, symmetric));
    const { scale } = pairWeights(settings);
    const builder = new CsrBuilder(V, V);
    mergeSources(sources, (a, b, sum) => {
      if (zeroDiagonal && a === b) return;
      builder.push(a, b, sum / scale);
    });
    const matrix: CsrMatrix = builder.build();
    return { matrix, settings: fullSettings, tokens };
  } finally {
    for (const r of readers) r.close();
  }
}
