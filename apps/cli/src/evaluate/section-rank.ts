import { num, table } from './markdown.ts';
import type { Prepared } from './prepare.ts';
import { median } from './statistics.ts';
import { linePlotSvg } from './svg-plot.ts';
import { type SentenceTruncation, pooledRelativeError, sentenceRelativeErrors, sentenceTruncation } from './truncation-error.ts';
import type { EvaluationData, SectionOutput } from './types.ts';

/** √(max(0, ‖X‖² − Σ_{l<d} s_l²)) / ‖X‖: the vocabulary-level error of keeping the first d components. */
export function vocabularyRelativeErrors(components: ArrayLike<number>, normSquared: number, dims: readonly number[]): number[] {
  return dims.map((d) => {
    let kept = 0;
    for (let l = 0; l < Math.min(d, components.length); l++) kept += components[l]! * components[l]!;
    return normSquared === 0 ? Number.NaN : Math.sqrt(Math.max(0, normSquared - kept) / normSquared);
  });
}

/**
 * Section 2: ‖M − H W_Q W_Kᵀ Hᵀ‖_F / ‖M‖_F against the rank d, for M = Q PPMI(S) Qᵀ (signature
 * factorization, W_K = W_Q J) and M→ = Q PPMI(F) Qᵀ (SVD, W_Q = A, W_K = B), over the sampled sentences.
 * The exact M comes from the engine; the factorized scores from the shared rank-max(d) factorizations.
 */
export async function rankSection(data: EvaluationData, prepared: Prepared): Promise<SectionOutput> {
  const { engine, sample, settings } = data;
  const dims = settings.dims;
  const symmetric: SentenceTruncation[] = [];
  const directional: SentenceTruncation[] = [];
  for (const { tokens } of sample) {
    data.signal.throwIfAborted();
    const m = (await engine.projection({ s: prepared.ppmiSymmetric, tokens })).m;
    symmetric.push(sentenceTruncation(m.data, tokens, prepared.symmetricFactors, dims));
    const forward = (await engine.projection({ s: prepared.ppmiForward, tokens })).m;
    directional.push(sentenceTruncation(forward.data, tokens, prepared.directionalFactors, dims));
  }
  const symPooled = pooledRelativeError(symmetric, dims.length);
  const dirPooled = pooledRelativeError(directional, dims.length);
  const symMedian = dims.map((_, k) => median(sentenceRelativeErrors(symmetric, k).filter(Number.isFinite)));
  const dirMedian = dims.map((_, k) => median(sentenceRelativeErrors(directional, k).filter(Number.isFinite)));
  const symVocab = vocabularyRelativeErrors(prepared.eigenvalues, prepared.ppmiSymmetricNormSquared, dims);
  const dirVocab = vocabularyRelativeErrors(prepared.singularValues, prepared.ppmiForwardNormSquared, dims);
  const points = (values: readonly number[]) => dims.map((d, k) => ({ x: d, y: values[k]! }));
  const svg = linePlotSvg({
    title: `Relative error of the rank-d factorized scores (${data.settings.corpus})`,
    xLabel: 'rank d',
    yLabel: '‖M − H W_Q W_Kᵀ Hᵀ‖_F / ‖M‖_F',
    logX: true,
    series: [
      { name: 'symmetric, sentences', points: points(symPooled) },
      { name: 'directional, sentences', points: points(dirPooled) },
      { name: 'symmetric, vocabulary', points: points(symVocab), dashed: true },
      { name: 'directional, vocabulary', points: points(dirVocab), dashed: true },
    ],
  });
  const kept = { sym: prepared.symmetricFactors.width, dir: prepared.directionalFactors.width };
  const capped = dims.filter((d) => d > Math.min(kept.sym, kept.dir));
  const last = dims.length - 1;
  const halfAt = (values: readonly number[]): string => {
    const k = values.findIndex((v) => v <= 0.5);
    return k < 0 ? `no d up to ${dims[last]}` : `d = ${dims[k]}`;
  };
  const body = [
    `Operators: PPMI of the symmetric S and of the forward F (V = ${data.vocab.size}). The symmetric one is factored`,
    'as PPMI(S) ≈ W J Wᵀ (signature eigendecomposition, SPEC B.8; H = Q W, W_Q = I, W_K = J), the directional one',
    'as PPMI(F) ≈ A Bᵀ (SVD, SPEC B.9; H = Q [A B], W_Q, W_K select A and B). Both are randomized (10 extra columns,',
    `2 power iterations, seed ${settings.seed}) at d = ${dims[last]}, truncated for smaller d. M and M→ are the engine's`,
    `exact projections of ${sample.length} sampled sentences. "sentences" pools them: √(Σ‖M − M̂‖²) / √(Σ‖M‖²);`,
    '"vocabulary" is the same ratio for the whole operator, ‖X − X_d‖_F / ‖X‖_F.',
    '',
    '![relative error against rank](fidelity/rank-error.svg)',
    '',
    table(
      ['d', 'symmetric (pooled)', 'symmetric (median sentence)', 'symmetric, vocabulary', 'directional (pooled)', 'directional (median sentence)', 'directional, vocabulary'],
      dims.map((d, k) => [String(d), num(symPooled[k]!), num(symMedian[k]!), num(symVocab[k]!), num(dirPooled[k]!), num(dirMedian[k]!), num(dirVocab[k]!)]),
    ),
    '',
    `The pooled sentence error falls to one half at ${halfAt(symPooled)} (symmetric) and ${halfAt(dirPooled)} (directional);`,
    `at d = ${dims[last]} it is ${num(symPooled[last]!)} and ${num(dirPooled[last]!)}.`,
    symPooled[last]! < symVocab[last]!
      ? 'Sentence-level errors are below the vocabulary-level ones: sentences realize mostly frequent words, whose rows the leading components capture best.'
      : 'Sentence-level errors are NOT below the vocabulary-level ones here: the sentences do not sit in the well-captured part of the operator.',
    symPooled[last]! > 0.1 || dirPooled[last]! > 0.1
      ? `What does not hold: even d = ${dims[last]} leaves more than 10 % of ‖M‖ unexplained for at least one operator, so a` +
        ' small d_k reproduces these PPMI projections only roughly.'
      : `At d = ${dims[last]} both operators are reproduced within 10 %.`,
    capped.length > 0 ? `The factorizations kept ${kept.sym} and ${kept.dir} components, so d = ${capped.join(', ')} use all of them.` : '',
  ]
    .filter((line, i, all) => !(line === '' && i === all.length - 1))
    .join('\n');
  return {
    body,
    plots: [{ name: 'rank-error.svg', svg }],
    summary: {
      symmetricErrorAtMaxD: symPooled[last]!,
      directionalErrorAtMaxD: dirPooled[last]!,
      symmetricErrorAtMinD: symPooled[0]!,
      directionalErrorAtMinD: dirPooled[0]!,
    },
  };
}
