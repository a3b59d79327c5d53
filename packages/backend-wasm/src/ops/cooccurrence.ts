import { UnsupportedError } from '@dproj/core';
import type { CooccurrenceOptions, CooccurrenceResult, CooccurrenceSettings, Corpus, CsrMatrix, Support } from '@dproj/core';
import { Checkpoint } from '../runtime/checkpoint.ts';
import type { Wasm } from '../runtime/wasm.ts';
import { distanceWeight } from './weighting.ts';

// Pairs per chunk: keys, their sort buffer and counts take 20 bytes a pair, so a chunk stays near
// 80 MiB however large the corpus; progress and abort are checked between chunks.
const PAIRS_PER_CHUNK = 1 << 22;
// Pair keys ((a·V + b)·w + k − 1) are unsigned 64-bit integers.
const KEY_SPACE = 2 ** 64;

/**
 * The largest offset that can occur: w, or less when no document (or, with crossDocuments, the
 * whole stream) is long enough to hold it.
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

/** Whether the pair keys of this corpus fit in 64 bits: V² · w_eff < 2^64. */
export function pairKeysFit(corpus: Corpus, options: CooccurrenceOptions): Support {
  const V = corpus.vocab.size;
  const w = effectiveWindow(corpus, options.window, options.crossDocuments ?? false);
  if (V * V * w < KEY_SPACE) return { ok: true };
  return { ok: false, reason: `vocabulary size² × window (${V}² × ${w}) exceeds the 2^64 pair keys of the wasm backend` };
}

/** Sorted distinct pair keys (as u32 halves) with their counts, accumulated over chunks. */
interface PairTotal {
  keys: Uint32Array;
  counts: Uint32Array;
}

/** Counts the pairs of one chunk in wasm (keys, radix sort, runs) and merges them into `total`. */
function countChunk(wasm: Wasm, tok: Uint32Array, pos: Uint32Array, first: number, w: number, V: number, total: PairTotal): PairTotal {
  const { arena, kernels } = wasm;
  const mark = arena.mark();
  try {
    const len = tok.length;
    const maxPairs = (len - first) * w;
    const tokPtr = arena.copyIn(tok, 'chunk tokens');
    const posPtr = arena.copyIn(pos, 'chunk positions');
    const keys = arena.alloc(maxPairs * 8, 'pair keys');
    const tmp = arena.alloc(maxPairs * 8, 'pair sort buffer');
    const counts = arena.alloc(maxPairs * 4, 'pair counts');
    const hist = arena.alloc(8 * 256 * 4, 'radix histograms');
    const pairs = kernels.cooc_pairs(tokPtr, posPtr, first, len, w, V, keys) >>> 0;
    kernels.radix_sort_u64(keys, tmp, pairs, hist);
    const distinct = kernels.reduce_runs(keys, pairs, counts) >>> 0;
    const had = total.counts.length;
    if (had === 0) return { keys: arena.u32(keys, 2 * distinct).slice(), counts: arena.u32(counts, distinct).slice() };
    const tk = arena.copyIn(total.keys, 'pair total keys');
    const tc = arena.copyIn(total.counts, 'pair total counts');
    const ok = arena.alloc((had + distinct) * 8, 'merged keys');
    const oc = arena.alloc((had + distinct) * 4, 'merged counts');
    const merged = kernels.merge_counts(tk, tc, had, keys, counts, distinct, ok, oc) >>> 0;
    return { keys: arena.u32(ok, 2 * merged).slice(), counts: arena.u32(oc, merged).slice() };
  } finally {
    arena.release(mark);
  }
}

/** A float64 CSR matrix in the arena. */
interface Csr64 {
  readonly rp: number;
  readonly ci: number;
  readonly val: number;
  readonly nnz: number;
}

/** F + Fᵀ in the arena (SPEC B.2.3; the diagonal doubles). */
function addTranspose(wasm: Wasm, f: Csr64, V: number): Csr64 {
  const { arena, kernels } = wasm;
  const t = { rp: arena.alloc((V + 1) * 4, 'Fᵀ.rowPtr'), ci: arena.alloc(f.nnz * 4, 'Fᵀ.colIdx'), val: arena.alloc(f.nnz * 8, 'Fᵀ.values') };
  kernels.csr64_transpose(V, V, f.rp, f.ci, f.val, t.rp, t.ci, t.val, arena.alloc(V * 4, 'transpose scratch'));
  const s = { rp: arena.alloc((V + 1) * 4, 'S.rowPtr'), ci: arena.alloc(2 * f.nnz * 4, 'S.colIdx'), val: arena.alloc(2 * f.nnz * 8, 'S.values') };
  const nnz = kernels.csr64_add(V, f.rp, f.ci, f.val, t.rp, t.ci, t.val, s.rp, s.ci, s.val) >>> 0;
  return { ...s, nnz };
}

/** The public CsrMatrix: values rounded once to float32, zeros left out, copied out of the arena. */
function toCsrMatrix(wasm: Wasm, s: Csr64, V: number): CsrMatrix {
  const { arena, kernels } = wasm;
  const rp = arena.alloc((V + 1) * 4, 'rowPtr');
  const ci = arena.alloc(s.nnz * 4, 'colIdx');
  const val = arena.alloc(s.nnz * 4, 'values');
  const nnz = kernels.csr64_to_f32(V, s.rp, s.ci, s.val, rp, ci, val) >>> 0;
  return { rows: V, cols: V, rowPtr: arena.u32(rp, V + 1).slice(), colIdx: arena.u32(ci, nnz).slice(), values: arena.f32(val, nnz).slice() };
}

/** C⁽¹⁾ .. C⁽ʷⁱⁿᵈᵒʷ⁾ (raw counts); offsets beyond w_eff are empty. */
function splitOffsets(wasm: Wasm, keys: number, counts: number, nnz: number, V: number, w: number, window: number): CsrMatrix[] {
  const { arena, kernels } = wasm;
  const out: CsrMatrix[] = [];
  for (let k = 1; k <= window; k++) {
    if (k > w) {
      out.push({ rows: V, cols: V, rowPtr: new Uint32Array(V + 1), colIdx: new Uint32Array(0), values: new Float32Array(0) });
      continue;
    }
    const mark = arena.mark();
    const rp = arena.alloc((V + 1) * 4, `offsets[${k - 1}].rowPtr`);
    const ci = arena.alloc(nnz * 4, `offsets[${k - 1}].colIdx`);
    const val = arena.alloc(nnz * 4, `offsets[${k - 1}].values`);
    const size = kernels.cooc_offset(keys, counts, nnz, V, w, k, rp, ci, val) >>> 0;
    out.push({ rows: V, cols: V, rowPtr: arena.u32(rp, V + 1).slice(), colIdx: arena.u32(ci, size).slice(), values: arena.f32(val, size).slice() });
    arena.release(mark);
  }
  return out;
}

/** Copies the last `count` tokens of the ring (the stream's most recent) to the front of a chunk. */
function history(ring: Uint32Array, streamLength: number, count: number, tok: Uint32Array, pos: Uint32Array, w: number): void {
  for (let t = 0; t < count; t++) {
    const at = streamLength - count + t;
    tok[t] = ring[at % w];
    pos[t] = Math.min(at, w);
  }
}

/**
 * Co-occurrence statistics of SPEC B.2 for a corpus of V words and window w:
 * C⁽ᵏ⁾_ab = #{t : s_t = a, s_{t+k} = b} (k = 1..w), F = Σ_k f(k) C⁽ᵏ⁾, and S = F + Fᵀ
 * (`symmetric`, the default) or F (`forward`), all V×V CSR with sorted columns and no explicit zeros.
 * Windows stop at document ends unless `crossDocuments`. Tokens are fed to wasm in chunks of about
 * 4M pairs, each counted by sorting 64-bit pair keys; memory follows the number of distinct pairs.
 */
export async function cooccurrence(wasm: Wasm, corpus: Corpus, options: CooccurrenceOptions): Promise<CooccurrenceResult> {
  const settings: CooccurrenceSettings = {
    window: options.window,
    weighting: options.weighting ?? 'harmonic',
    direction: options.direction ?? 'symmetric',
    zeroDiagonal: options.zeroDiagonal ?? false,
    crossDocuments: options.crossDocuments ?? false,
  };
  const V = corpus.vocab.size;
  const totalTokens = corpus.docs.reduce((sum, doc) => sum + doc.length, 0);
  const checkpoint = new Checkpoint(options, 'cooccurrence', totalTokens);
  checkpoint.throwIfAborted();
  const fit = pairKeysFit(corpus, options);
  if (!fit.ok) throw new UnsupportedError(`cooccurrence: ${fit.reason}`, { op: 'cooccurrence', argument: 'options.window' });

  const w = effectiveWindow(corpus, settings.window, settings.crossDocuments);
  const chunkTokens = Math.max(1, Math.floor(PAIRS_PER_CHUNK / w));
  const tok = new Uint32Array(w + chunkTokens);
  const pos = new Uint32Array(w + chunkTokens);
  const ring = new Uint32Array(w);
  let total: PairTotal = { keys: new Uint32Array(0), counts: new Uint32Array(0) };
  let streamLength = 0;
  let fill = 0;
  let first = 0;
  let read = 0;
  const flush = async (): Promise<void> => {
    if (fill > first) total = countChunk(wasm, tok.subarray(0, fill), pos.subarray(0, fill), first, w, V, total);
    first = Math.min(w, streamLength);
    history(ring, streamLength, first, tok, pos, w);
    fill = first;
    await checkpoint.step(read);
  };
  for (const doc of corpus.docs) {
    if (!settings.crossDocuments && streamLength > 0) {
      // A new document: nothing before it is in reach, so the chunk needs no history for it.
      streamLength = 0;
      if (fill === first) fill = first = 0;
    }
    for (let t = 0; t < doc.length; t++) {
      const b = doc[t];
      tok[fill] = b;
      pos[fill++] = Math.min(streamLength, w);
      ring[streamLength % w] = b;
      streamLength++;
      read++;
      if (fill === tok.length) await flush();
    }
  }
  await flush();

  const { arena, kernels } = wasm;
  const nnz = total.counts.length;
  const keys = arena.copyIn(total.keys, 'pair keys');
  const counts = arena.copyIn(total.counts, 'pair counts');
  const weight = arena.copyIn(Float64Array.from({ length: w }, (_, k) => distanceWeight(settings.weighting, k + 1)), 'distance weights');
  const f: Csr64 = { rp: arena.alloc((V + 1) * 4, 'F.rowPtr'), ci: arena.alloc(nnz * 4, 'F.colIdx'), val: arena.alloc(nnz * 8, 'F.values'), nnz: 0 };
  const fNnz = kernels.cooc_forward(keys, counts, nnz, V, w, weight, settings.zeroDiagonal ? 1 : 0, f.rp, f.ci, f.val) >>> 0;
  const forward = { ...f, nnz: fNnz };
  const matrix = toCsrMatrix(wasm, settings.direction === 'symmetric' ? addTranspose(wasm, forward, V) : forward, V);
  const result: CooccurrenceResult = { matrix, settings, tokens: read };
  if (!options.offsets) return result;
  return { ...result, offsets: splitOffsets(wasm, keys, counts, nnz, V, w, settings.window) };
}
