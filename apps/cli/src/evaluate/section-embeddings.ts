import type { CsrMatrix, Vocabulary } from '@dproj/core';
import { num, table } from './markdown.ts';
import { type Prepared, ppmiSymmetric } from './prepare.ts';
import type { PretrainedVectors, VectorsLoader } from './pretrained-vectors.ts';
import { spearman } from './statistics.ts';
import { linePlotSvg } from './svg-plot.ts';
import type { EvaluationData, SectionOutput } from './types.ts';

/** Words with a letter and only letters, apostrophes or hyphens: punctuation and numbers are left out. */
const WORDLIKE = /^[a-z][a-z'-]*$/;

/** Cosine similarities of all pairs (a < b) of the given rows, in the order (0,1), (0,2), …, (1,2), …. */
export function pairCosines(rows: readonly ArrayLike<number>[], width: number): Float64Array {
  const norms = rows.map((r) => {
    let s = 0;
    for (let k = 0; k < width; k++) s += r[k]! * r[k]!;
    return Math.sqrt(s);
  });
  const out = new Float64Array((rows.length * (rows.length - 1)) / 2);
  let p = 0;
  for (let a = 0; a < rows.length; a++) {
    for (let b = a + 1; b < rows.length; b++) {
      let dot = 0;
      for (let k = 0; k < width; k++) dot += rows[a]![k]! * rows[b]![k]!;
      out[p++] = norms[a] === 0 || norms[b] === 0 ? 0 : dot / (norms[a]! * norms[b]!);
    }
  }
  return out;
}

/** Cosines of all pairs of sparse rows of a CSR matrix (columns sorted), same order as `pairCosines`. */
function sparsePairCosines(s: CsrMatrix, ids: readonly number[]): Float64Array {
  const norms = ids.map((a) => {
    let sum = 0;
    for (let p = s.rowPtr[a]!; p < s.rowPtr[a + 1]!; p++) sum += s.values[p]! * s.values[p]!;
    return Math.sqrt(sum);
  });
  const out = new Float64Array((ids.length * (ids.length - 1)) / 2);
  let q = 0;
  for (let x = 0; x < ids.length; x++) {
    for (let y = x + 1; y < ids.length; y++) {
      const [a, b] = [ids[x]!, ids[y]!];
      let p = s.rowPtr[a]!;
      let r = s.rowPtr[b]!;
      let dot = 0;
      while (p < s.rowPtr[a + 1]! && r < s.rowPtr[b + 1]!) {
        const ca = s.colIdx[p]!;
        const cb = s.colIdx[r]!;
        if (ca === cb) dot += s.values[p++]! * s.values[r++]!;
        else if (ca < cb) p++;
        else r++;
      }
      out[q++] = norms[x] === 0 || norms[y] === 0 ? 0 : dot / (norms[x]! * norms[y]!);
    }
  }
  return out;
}

/** The first `count` vocabulary words (most frequent first) that are word-like and in `vectors`. */
function sharedWords(vocab: Vocabulary, vectors: PretrainedVectors, count: number): number[] {
  const ids: number[] = [];
  for (let id = 0; id < vocab.size && ids.length < count; id++) {
    if (id !== vocab.unknownId && vectors.vectors.has(vocab.words[id]!)) ids.push(id);
  }
  return ids;
}

/**
 * Section 5: Spearman's ρ between word similarities from the factorized PPMI(S) (cosines of the rows of
 * W = U_d |Λ_d|^{1/2}, for each d) and from pretrained GloVe vectors, over all pairs of the most frequent
 * shared words. Skipped, with the loader's reason, when the vectors cannot be loaded.
 */
export async function embeddingsSection(data: EvaluationData, prepared: Prepared, load: VectorsLoader): Promise<SectionOutput> {
  const { vocab, settings } = data;
  const wanted = new Set<string>();
  for (let id = 0; id < vocab.size && wanted.size < 3 * settings.sharedWords; id++) {
    const word = vocab.words[id]!;
    if (id !== vocab.unknownId && WORDLIKE.test(word)) wanted.add(word);
  }
  let vectors: PretrainedVectors;
  try {
    vectors = await load(wanted);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      body: `Skipped: the pretrained vectors could not be loaded: ${reason}.`,
      plots: [],
      summary: { skipped: true, reason },
    };
  }
  const ids = sharedWords(vocab, vectors, settings.sharedWords).filter((id) => wanted.has(vocab.words[id]!));
  if (ids.length < 3) {
    return {
      body: `Skipped: only ${ids.length} of the corpus's frequent words have vectors in ${vectors.source}; at least 3 are needed.`,
      plots: [],
      summary: { skipped: true, reason: 'too few shared words' },
    };
  }
  const glove = pairCosines(
    ids.map((id) => vectors.vectors.get(vocab.words[id]!)!),
    vectors.dimensions,
  );
  const ppmi = ppmiSymmetric(prepared);
  const { left, width } = ppmi.factors;
  const rows = ids.map((id) => left.subarray(id * width, (id + 1) * width));
  const dims = settings.dims.filter((d) => d <= width);
  if (dims.length === 0 || dims[dims.length - 1] !== width) dims.push(width);
  const rhos = dims.map((d) => spearman(pairCosines(rows, d), glove));
  const ppmiRho = spearman(sparsePairCosines(ppmi.operator, ids), glove);
  const svg = linePlotSvg({
    title: `Spearman ρ with GloVe similarities (${ids.length} words)`,
    xLabel: 'rank d of the PPMI factorization',
    yLabel: 'Spearman ρ',
    logX: true,
    series: [
      { name: 'rows of W (rank d)', points: dims.map((d, k) => ({ x: d, y: rhos[k]! })) },
      { name: 'PPMI rows, full', points: [dims[0]!, dims[dims.length - 1]!].map((x) => ({ x, y: ppmiRho })), dashed: true },
    ],
  });
  const bestK = rhos.reduce((b, r, k) => (r > rhos[b]! ? k : b), 0);
  const pairs = glove.length;
  const body = [
    `Vectors: ${vectors.source}. Words: the ${ids.length} most frequent corpus words that have a vector (of the`,
    `${wanted.size} word-like ones looked up), ${pairs} pairs. Our similarity is the cosine of rows of W = U_d |Λ_d|^{1/2}`,
    'from the signature factorization of PPMI(S) (section 2), theirs the cosine of the GloVe vectors; ρ is Spearman\'s',
    'rank correlation over all pairs, ties sharing their mean rank.',
    '',
    '![Spearman rho against rank](fidelity/glove-spearman.svg)',
    '',
    table(
      ['d', 'Spearman ρ'],
      [...dims.map((d, k) => [String(d), num(rhos[k]!)]), ['PPMI rows, unfactorized', num(ppmiRho)]],
    ),
    '',
    `The best agreement is ρ = ${num(rhos[bestK]!)} at d = ${dims[bestK]}.`,
    rhos[bestK]! >= 0.5
      ? 'Similarities from the corpus operator agree substantially with GloVe\'s, though one corpus of speeches is a small sample.'
      : `What does not hold: agreement with GloVe is weak (ρ < 0.5); a ${num(data.tokens / 1e6, 2)}M-token corpus of speeches gives noisy similarities.`,
  ].join('\n');
  return {
    body,
    plots: [{ name: 'glove-spearman.svg', svg }],
    summary: { skipped: false, words: ids.length, bestSpearman: rhos[bestK]!, bestD: dims[bestK]!, ppmiSpearman: ppmiRho },
  };
}
