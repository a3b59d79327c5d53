import { UnsupportedError } from '@dproj/core';
import type {
  CooccurrenceOptions,
  CooccurrenceResult,
  CooccurrenceSettings,
  Corpus,
  CsrMatrix,
  Support,
} from '@dproj/core';
import { PairCounter } from '../csr/pair-counter.ts';
import { addTranspose, toCsrMatrix } from '../csr/sparse-rows.ts';
import type { Sparse64 } from '../csr/sparse-rows.ts';
import { Checkpoint } from '../util/checkpoint.ts';
import { distanceWeight } from './weighting.ts';

// Progress is reported (and abort checked) after every this many tokens.
const TOKENS_PER_STEP = 1 << 16;

// Pair codes b · w_eff + (k − 1) are Uint32, so V · w_eff must not pass this.
const MAX_PAIR_CODES = 2 ** 32;

/**
 * Whether the pair codes of this corpus fit in 32 bits: V · w_eff ≤ 2^32 (e.g. V = 50 000 allows
 * w_eff up to 85 899). Beyond that the backend declines the call instead of miscounting.
 */
export function pairCodesFit(corpus: Corpus, options: CooccurrenceOptions): Support {
  const w = effectiveWindow(corpus, options.window, options.crossDocuments ?? false);
  const codes = corpus.vocab.size * w;
  if (codes <= MAX_PAIR_CODES) return { ok: true };
  return {
    ok: false,
    reason: `vocabulary size × window (${corpus.vocab.size} × ${w}) exceeds the 2^32 pair codes of the js backend`,
  };
}

/**
 * The largest offset that can occur: w, or less when no document (or, with crossDocuments, the
 * whole stream) is long enough to hold it. Pair codes are sized by it, not by a generous window.
 */
function effectiveWindow(corpus: Corpus, window: number, crossDocuments: boolean): number {
  let longest = 0;
  let total = 0;
  for (const doc of corpus.docs) {
    longest = Math.max(longest, doc.length);
    total += doc.length;
  }
  const reach = (crossDocuments ? total : longest) - 1;
  return Math.max(1, Math.min(window, reach));
}

/**
 * Co-occurrence statistics of SPEC B.2 for a corpus of V words and window w:
 * C⁽ᵏ⁾_ab = #{t : s_t = a, s_{t+k} = b} (k = 1..w), F = Σ_k f(k) C⁽ᵏ⁾, and S = F + Fᵀ
 * (`symmetric`, the default) or F (`forward`), all V×V CSR with sorted columns and no explicit zeros.
 * Windows stop at document ends unless `crossDocuments`. The forward pairs (a, b, k) are counted
 * sparsely, so memory follows the number of distinct pairs, never V²; sums are float64 until the end.
 */
export async function cooccurrence(corpus: Corpus, options: CooccurrenceOptions): Promise<CooccurrenceResult> {
  const settings: CooccurrenceSettings = {
    window: options.window,
    weighting: options.weighting ?? 'harmonic',
    direction: options.direction ?? 'symmetric',
    zeroDiagonal: options.zeroDiagonal ?? false,
    crossDocuments: options.crossDocuments ?? false,
  };
  const V = corpus.vocab.size;
  const total = corpus.docs.reduce((sum, doc) => sum + doc.length, 0);
  const checkpoint = new Checkpoint(options, 'cooccurrence', total);
  checkpoint.throwIfAborted();
  const fit = pairCodesFit(corpus, options);
  if (!fit.ok) throw new UnsupportedError(`cooccurrence: ${fit.reason}`, { op: 'cooccurrence', argument: 'options.window' });

  const w = effectiveWindow(corpus, settings.window, settings.crossDocuments);
  // Entry (a, b·w + k − 1) counts C⁽ᵏ⁾_ab.
  const counter = new PairCounter(V, V * w);
  // The last w tokens of the current stream, so a window can reach back across documents.
  const recent = new Uint32Array(w);
  let streamLength = 0;
  let read = 0;
  for (const doc of corpus.docs) {
    if (!settings.crossDocuments) streamLength = 0;
    for (let t = 0; t < doc.length; t++) {
      const b = doc[t];
      const reach = Math.min(w, streamLength);
      for (let k = 1; k <= reach; k++) counter.add(recent[(streamLength - k) % w], b * w + k - 1);
      recent[streamLength % w] = b;
      streamLength++;
      read++;
      if (read % TOKENS_PER_STEP === 0) await checkpoint.step(read);
    }
  }
  await checkpoint.step(read);

  const counts = counter.counts();
  const forward = weightedSum(counts, w, settings);
  const matrix = toCsrMatrix(settings.direction === 'symmetric' ? addTranspose(forward) : forward);
  const result: CooccurrenceResult = { matrix, settings, tokens: read };
  if (!options.offsets) return result;
  return { ...result, offsets: splitOffsets(counts, w, settings.window) };
}

/**
 * F = Σ_k f(k) C⁽ᵏ⁾ from the counts: within a row the codes of one b are adjacent (b · w + k − 1),
 * so each F_ab is one run. `zeroDiagonal` drops F_aa, and with it S_aa = 2 F_aa.
 */
function weightedSum(counts: Sparse64, w: number, settings: CooccurrenceSettings): Sparse64 {
  const weight = new Float64Array(w);
  for (let k = 1; k <= w; k++) weight[k - 1] = distanceWeight(settings.weighting, k);
  const V = counts.rows;
  const rowPtr = new Uint32Array(V + 1);
  const colIdx = new Uint32Array(counts.colIdx.length);
  const values = new Float64Array(counts.colIdx.length);
  let q = 0;
  for (let a = 0; a < V; a++) {
    let last = -1;
    for (let p = counts.rowPtr[a]; p < counts.rowPtr[a + 1]; p++) {
      const code = counts.colIdx[p];
      const b = Math.floor(code / w);
      if (settings.zeroDiagonal && b === a) continue;
      if (b !== last) {
        colIdx[q] = b;
        values[q++] = 0;
        last = b;
      }
      values[q - 1] += weight[code - b * w] * counts.values[p];
    }
    rowPtr[a + 1] = q;
  }
  return { rows: V, cols: V, rowPtr, colIdx: colIdx.slice(0, q), values: values.slice(0, q) };
}

/** C⁽¹⁾ .. C⁽ʷ⁾ (raw counts, diagonal kept) from the counts; offsets beyond w_eff are empty. */
function splitOffsets(counts: Sparse64, w: number, window: number): CsrMatrix[] {
  const V = counts.rows;
  const nnz = new Uint32Array(window);
  for (let p = counts.rowPtr[0]; p < counts.rowPtr[V]; p++) nnz[counts.colIdx[p] % w]++;
  const parts = Array.from(nnz, (size) => ({
    rowPtr: new Uint32Array(V + 1),
    colIdx: new Uint32Array(size),
    values: new Float64Array(size),
    fill: 0,
  }));
  for (let a = 0; a < V; a++) {
    for (let p = counts.rowPtr[a]; p < counts.rowPtr[a + 1]; p++) {
      const code = counts.colIdx[p];
      const part = parts[code % w];
      part.colIdx[part.fill] = Math.floor(code / w);
      part.values[part.fill++] = counts.values[p];
    }
    for (let k = 0; k < w; k++) parts[k].rowPtr[a + 1] = parts[k].fill;
  }
  return parts.map((part) => toCsrMatrix({ rows: V, cols: V, rowPtr: part.rowPtr, colIdx: part.colIdx, values: part.values }));
}
