import type { CooccurrenceOptions, CooccurrenceResult, CooccurrenceSettings, Corpus, CsrMatrix, Support } from '@dproj/core';
import { buildCooccurrenceGraph, cooccurrenceKey } from '../graphs/cooccurrence-graph.ts';
import type { GraphRunner } from '../runtime/graph-runner.ts';
import { toNumbers } from './feeds.ts';

/**
 * The largest offset that can occur: w, or less when no document (or, with crossDocuments, the whole
 * stream) is long enough; pair keys and the T×w partner table are sized by it.
 */
function effectiveWindow(corpus: Corpus, window: number, crossDocuments: boolean): number {
  let longest = 0;
  let total = 0;
  for (const doc of corpus.docs) {
    longest = Math.max(longest, doc.length);
    total += doc.length;
  }
  return Math.max(1, Math.min(window, (crossDocuments ? total : longest) - 1));
}

/**
 * Whether the pair keys (a·V + b)·w + k of this call stay exact: they are int64 in the graph but read
 * back as numbers, so V²·w must stay below 2^53 (V = 50 000 allows w up to 3.6 million).
 */
export function pairKeysFit(corpus: Corpus, options: CooccurrenceOptions): Support {
  const V = corpus.vocab.size;
  const w = effectiveWindow(corpus, options.window, options.crossDocuments ?? false);
  if (V * V * w < 2 ** 53) return { ok: true };
  return { ok: false, reason: `vocabulary size² × window (${V}² × ${w}) exceeds the 2^53 exact pair keys of the onnx backend` };
}

/** Rows of a CSR matrix from sorted keys a·V + b (so rows and columns come out sorted). */
function csrFromKeys(V: number, keys: Float64Array, values: ArrayLike<number>): CsrMatrix {
  const rowPtr = new Uint32Array(V + 1);
  const colIdx = new Uint32Array(keys.length);
  const out = new Float32Array(keys.length);
  let q = 0;
  for (let p = 0; p < keys.length; p++) {
    const v = Math.fround(values[p]);
    // Entries that round to zero would be explicit zeros in storage.
    if (v === 0) continue;
    const a = Math.floor(keys[p] / V);
    rowPtr[a + 1]++;
    colIdx[q] = keys[p] - a * V;
    out[q++] = v;
  }
  for (let a = 0; a < V; a++) rowPtr[a + 1] += rowPtr[a];
  return { rows: V, cols: V, rowPtr, colIdx: colIdx.slice(0, q), values: out.slice(0, q) };
}

/** C⁽¹⁾..C⁽ʷ⁾ from the graph's sorted keys (a·V + b)·w' + k − 1 and counts; offsets past w' are empty. */
function splitOffsets(V: number, w: number, window: number, keys: Float64Array, counts: Float64Array): CsrMatrix[] {
  const parts = Array.from({ length: window }, () => ({ keys: [] as number[], counts: [] as number[] }));
  for (let p = 0; p < keys.length; p++) {
    const pair = Math.floor(keys[p] / w);
    const part = parts[keys[p] - pair * w];
    part.keys.push(pair);
    part.counts.push(counts[p]);
  }
  return parts.map((part) => csrFromKeys(V, Float64Array.from(part.keys), part.counts));
}

/**
 * Co-occurrence statistics (SPEC B.2) on the co-occurrence graph: C⁽ᵏ⁾_ab = #{t : s_t = a, s_{t+k} = b},
 * F = Σ_k f(k) C⁽ᵏ⁾, S = F + Fᵀ (or F for `forward`), V×V CSR with sorted columns and no explicit
 * zeros. The host concatenates the documents (with each token's document id) and turns the graph's
 * sorted pair keys into CSR rows.
 */
export async function cooccurrence(runner: GraphRunner, corpus: Corpus, options: CooccurrenceOptions): Promise<CooccurrenceResult> {
  const settings: CooccurrenceSettings = {
    window: options.window,
    weighting: options.weighting ?? 'harmonic',
    direction: options.direction ?? 'symmetric',
    zeroDiagonal: options.zeroDiagonal ?? false,
    crossDocuments: options.crossDocuments ?? false,
  };
  const V = corpus.vocab.size;
  const total = corpus.docs.reduce((sum, d) => sum + d.length, 0);
  const x = new BigInt64Array(total);
  const doc = new BigInt64Array(total);
  let t = 0;
  corpus.docs.forEach((d, i) => {
    const id = settings.crossDocuments ? 0n : BigInt(i);
    for (let p = 0; p < d.length; p++, t++) {
      x[t] = BigInt(d[p]);
      doc[t] = id;
    }
  });
  const w = effectiveWindow(corpus, settings.window, settings.crossDocuments);
  const f = Float64Array.from({ length: w }, (_, k) => (settings.weighting === 'uniform' ? 1 : 1 / (k + 1)));
  const key = { direction: settings.direction, zeroDiagonal: settings.zeroDiagonal };
  const out = await runner.run(cooccurrenceKey(key), () => buildCooccurrenceGraph(key), {
    x: { type: 'int64', data: x, dims: [total] },
    doc: { type: 'int64', data: doc, dims: [total] },
    w: { type: 'int64', data: BigInt64Array.of(BigInt(w)), dims: [] },
    vocab: { type: 'int64', data: BigInt64Array.of(BigInt(V)), dims: [] },
    f: { type: 'float64', data: f, dims: [w] },
  });
  const matrix = csrFromKeys(V, toNumbers(out.keys.data), out.values.data as Float64Array);
  const result: CooccurrenceResult = { matrix, settings, tokens: total };
  if (!options.offsets) return result;
  const offsets = splitOffsets(V, w, settings.window, toNumbers(out.offsetKeys.data), toNumbers(out.offsetCounts.data));
  return { ...result, offsets };
}
