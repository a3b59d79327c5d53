import { ResourceLimitError } from '@dproj/core';
import type { CooccurrenceOptions, CooccurrenceResult, CooccurrenceSettings, Corpus, CsrMatrix, Support } from '@dproj/core';
import type { Job } from '../device/job.ts';
import { maxBindingBytes } from '../device/limits.ts';
import { bitonicStepKernel, compactKernel, pairCountKernel, SENTINEL, weightedRunsKernel } from '../shaders/pair-count.wgsl.ts';
import { runLinear } from './linear-kernels.ts';

// Hash keys are u32 with 0 for an empty slot and 2^32 − 1 kept free, so a pass covers at most this many
// (row, column, offset, direction) codes.
const KEY_SPACE = 2 ** 32 - 2;

function settingsOf(options: CooccurrenceOptions): CooccurrenceSettings {
  return {
    window: options.window,
    weighting: options.weighting ?? 'harmonic',
    direction: options.direction ?? 'symmetric',
    zeroDiagonal: options.zeroDiagonal ?? false,
    crossDocuments: options.crossDocuments ?? false,
  };
}

/** The largest offset that can occur: w, or less when no document (or stream) is long enough. */
function effectiveWindow(corpus: Corpus, settings: CooccurrenceSettings): number {
  let longest = 0;
  let total = 0;
  for (const doc of corpus.docs) {
    longest = Math.max(longest, doc.length);
    total += doc.length;
  }
  return Math.max(1, Math.min(settings.window, (settings.crossDocuments ? total : longest) - 1));
}

/** Key codes per row: V · w_eff · directions. */
function codesPerRow(corpus: Corpus, options: CooccurrenceOptions): number {
  const settings = settingsOf(options);
  const dirs = settings.direction === 'symmetric' && options.offsets ? 2 : 1;
  return corpus.vocab.size * effectiveWindow(corpus, settings) * dirs;
}

/** Whether one row's keys fit a u32 (V · w_eff · directions < 2^32 − 1); beyond that the call is declined. */
export function cooccurrenceFits(corpus: Corpus, options: CooccurrenceOptions): Support {
  const codes = codesPerRow(corpus, options);
  if (codes <= KEY_SPACE) return { ok: true };
  return { ok: false, reason: `vocabulary size × window (${codes} key codes per word) exceeds the 32-bit hash keys of the webgpu backend` };
}

/** Builds a CSR matrix from entries appended in (row, column) order. */
class CsrBuilder {
  private readonly rowCounts: Uint32Array;
  private readonly cols: number[] = [];
  private readonly values: number[] = [];

  constructor(private readonly size: number) {
    this.rowCounts = new Uint32Array(size + 1);
  }

  push(a: number, b: number, value: number): void {
    this.rowCounts[a + 1]++;
    this.cols.push(b);
    this.values.push(value);
  }

  build(): CsrMatrix {
    const rowPtr = this.rowCounts;
    for (let a = 0; a < this.size; a++) rowPtr[a + 1] += rowPtr[a];
    return { rows: this.size, cols: this.size, rowPtr, colIdx: Uint32Array.from(this.cols), values: Float32Array.from(this.values) };
  }
}

/**
 * Co-occurrence statistics of SPEC B.2 on the GPU: C⁽ᵏ⁾_ab = #{t : s_t = a, s_{t+k} = b} (k = 1..w),
 * F = Σ_k f(k) C⁽ᵏ⁾, and S = F + Fᵀ (`symmetric`) or F (`forward`), V×V CSR with sorted columns and no
 * explicit zeros. Windows stop at document ends unless `crossDocuments`.
 *
 * Per pass over a range of rows a: the GPU counts (a, b, k) pairs into a hash table of `atomic<u32>`
 * counts, compacts the occupied slots, sorts them by key (bitonic), and sums f(k) · count over each
 * (a, b) run. The host lays the sorted runs out as CSR. A pass covers as many rows as the 32-bit keys
 * and one binding's table (at most half full) allow, so a large vocabulary or corpus takes several
 * passes instead of failing.
 */
export async function cooccurrence(job: Job, corpus: Corpus, options: CooccurrenceOptions): Promise<CooccurrenceResult> {
  const settings = settingsOf(options);
  const V = corpus.vocab.size;
  const w = effectiveWindow(corpus, settings);
  const symmetric = settings.direction === 'symmetric';
  const wantOffsets = options.offsets === true;
  const dirs = symmetric && wantOffsets ? 2 : 1;
  job.checkAbort();

  // The token stream, with a sentinel between documents unless windows may cross them.
  const total = corpus.docs.reduce((sum, doc) => sum + doc.length, 0);
  const gaps = settings.crossDocuments ? 0 : Math.max(0, corpus.docs.length - 1);
  const stream = new Uint32Array(total + gaps);
  // Pairs each word will insert as a row: the planning input that sizes the passes.
  const rowPairs = new Float64Array(V);
  let at = 0;
  let segmentStart = 0;
  const closeSegment = (end: number): void => {
    for (let t = segmentStart; t < end; t++) {
      rowPairs[stream[t]] += Math.min(w, end - 1 - t) + (symmetric ? Math.min(w, t - segmentStart) : 0);
    }
  };
  corpus.docs.forEach((doc, d) => {
    if (d > 0 && !settings.crossDocuments) {
      closeSegment(at);
      stream[at++] = SENTINEL;
      segmentStart = at;
    }
    stream.set(doc, at);
    at += doc.length;
  });
  closeSegment(at);

  const maxSlots = 2 ** Math.floor(Math.log2(maxBindingBytes(job.limits) / 4));
  const budget = maxSlots / 2;
  const rowsPerPass = Math.floor(KEY_SPACE / (V * w * dirs));
  const matrix = new CsrBuilder(V);
  const offsets = wantOffsets ? Array.from({ length: w }, () => new CsrBuilder(V)) : [];
  const streamBuf = job.upload(stream, 'corpus');

  let a0 = 0;
  while (a0 < V) {
    let a1 = a0;
    let pairs = 0;
    while (a1 < V && a1 - a0 < rowsPerPass && pairs + rowPairs[a1] <= budget) pairs += rowPairs[a1++];
    if (a1 === a0) {
      throw new ResourceLimitError(
        `cooccurrence: word ${a0} occurs in ${rowPairs[a0]} pairs; one pass of the device's hash table holds ${budget}`,
        budget,
        rowPairs[a0],
        { op: 'cooccurrence', argument: 'corpus' },
      );
    }
    if (pairs > 0) await countPass(job, streamBuf, stream.length, { V, w, dirs, a0, a1, pairs, symmetric, settings, matrix, offsets });
    a0 = a1;
  }

  const result: CooccurrenceResult = { matrix: matrix.build(), settings, tokens: total };
  if (!wantOffsets) return result;
  const empty = (): CsrMatrix => ({ rows: V, cols: V, rowPtr: new Uint32Array(V + 1), colIdx: new Uint32Array(0), values: new Float32Array(0) });
  return { ...result, offsets: Array.from({ length: settings.window }, (_, k) => (k < w ? offsets[k].build() : empty())) };
}

interface Pass {
  readonly V: number;
  readonly w: number;
  readonly dirs: number;
  readonly a0: number;
  readonly a1: number;
  readonly pairs: number;
  readonly symmetric: boolean;
  readonly settings: CooccurrenceSettings;
  readonly matrix: CsrBuilder;
  readonly offsets: readonly CsrBuilder[];
}

/** Counts, sorts and weighs the pairs whose row lies in [a0, a1), and appends them to the builders. */
async function countPass(job: Job, stream: GPUBuffer, length: number, pass: Pass): Promise<void> {
  const { V, w, dirs, a0, a1 } = pass;
  job.checkAbort();
  const slots = 2 ** Math.ceil(Math.log2(Math.max(64, 2 * pass.pairs)));
  const keys = job.zeroed(slots * 4, 'corpus');
  const counts = job.zeroed(slots * 4, 'corpus');
  const params = job.uniform([length, V, w, dirs, a0, a1, slots - 1, pass.symmetric ? 1 : 0]);
  await runLinear(job, pairCountKernel(), length, params, [stream, keys, counts]);

  const counter = job.zeroed(4, 'corpus');
  const sortedKeys = job.zeroed((slots / 2) * 4, 'corpus');
  const sortedCounts = job.zeroed((slots / 2) * 4, 'corpus');
  await runLinear(job, compactKernel(), slots, job.uniform([slots]), [keys, counts, counter, sortedKeys, sortedCounts]);
  const [entries] = await job.readUints(counter, 1);
  if (entries === 0) return;

  const size = 2 ** Math.ceil(Math.log2(entries));
  for (let k = 2; k <= size; k *= 2) {
    for (let j = k / 2; j >= 1; j /= 2) {
      await runLinear(job, bitonicStepKernel(), size, job.uniform([size, j, k]), [sortedKeys, sortedCounts]);
    }
  }
  const values = job.scratch(entries * 4, 'corpus');
  const harmonic = pass.settings.weighting === 'harmonic' ? 1 : 0;
  await runLinear(job, weightedRunsKernel(), entries, job.uniform([entries, w, dirs, harmonic]), [sortedKeys, sortedCounts, values]);
  const wantOffsets = pass.offsets.length > 0;
  const reads = [
    { buffer: sortedKeys, bytes: entries * 4 },
    { buffer: values, bytes: entries * 4 },
    ...(wantOffsets ? [{ buffer: sortedCounts, bytes: entries * 4 }] : []),
  ];
  const [keyData, valueData, countData] = await job.read(reads);
  const keyArray = new Uint32Array(keyData);
  const valueArray = new Float32Array(valueData);
  const countArray = wantOffsets ? new Uint32Array(countData) : undefined;
  const zeroDiagonal = pass.settings.zeroDiagonal;
  for (let e = 0; e < entries; e++) {
    const code = keyArray[e] - 1;
    const d = code % dirs;
    const rest = Math.floor(code / dirs);
    const k = (rest % w) + 1;
    const pair = Math.floor(rest / w);
    const b = pair % V;
    const a = a0 + Math.floor(pair / V);
    const value = valueArray[e];
    if (value > 0 && !(zeroDiagonal && a === b)) pass.matrix.push(a, b, value);
    if (countArray !== undefined && d === 0) pass.offsets[k - 1].push(a, b, countArray[e]);
  }
}
