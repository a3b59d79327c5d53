import type { CsrMatrix, Engine, Matrix } from '@dproj/core';
import { num, table } from './markdown.ts';
import { csrCombine, csrRestrict, selectedEntries } from './operators.ts';
import { type Prepared, ppmiSymmetric } from './prepare.ts';
import { CONDITIONS, type Deviations, HOLDS_TOLERANCE, type ProjectionMap, proposition1Deviations, relativeDeviation } from './proposition1-harness.ts';
import { type Uniform, sampleIndices, seededUniform } from './random.ts';
import type { EvaluationData, SectionOutput, Sentence } from './types.ts';

/** Words outside the sentence added to its compact vocabulary, so locality has pairs to change. */
const EXTRA_WORDS = 6;

interface Candidate {
  readonly name: string;
  readonly why: string;
  /** Builds T for one sequence from the engine's projection of it. */
  readonly make: (engineT: ProjectionMap, unrealized: readonly [number, number]) => ProjectionMap;
}

const CANDIDATES: readonly Candidate[] = [
  { name: 'engine projection T(S) = Q S Qᵀ', why: 'the operator under test', make: (t) => t },
  {
    name: 'control T₂(S) = 2 Q S Qᵀ',
    why: 'must fail calibration',
    make: (t) => async (s) => {
      const m = await t(s);
      return { ...m, data: m.data.map((x) => 2 * x) };
    },
  },
  {
    name: 'control T₃(S) = Q S Qᵀ + (S_ab − S_ba) J',
    why: 'must fail locality (a, b not in x)',
    make:
      (t, [a, b]) =>
      async (s) => {
        const m = await t(s);
        const shift = s.data[a * s.cols + b]! - s.data[b * s.cols + a]!;
        return { ...m, data: m.data.map((x) => x + shift) };
      },
  },
];

/** The sentence relabelled onto a compact vocabulary: its distinct words, then EXTRA_WORDS others. */
function compact(sentence: Sentence, vocabularySize: number): { tokens: Uint32Array; v: number } {
  const ids = new Map<number, number>();
  const tokens = Uint32Array.from(sentence.tokens, (id) => {
    if (!ids.has(id)) ids.set(id, ids.size);
    return ids.get(id)!;
  });
  const v = Math.min(vocabularySize, ids.size + EXTRA_WORDS);
  return { tokens, v };
}

/**
 * Section 1: the uniqueness harness of Proposition 1 (SPEC B.6, P42) on the engine's projection for
 * real sentences, with two operators the harness must reject as controls; then the identity
 * T(S) = Q S Qᵀ and linearity and locality on the real, full-vocabulary operators S and PPMI(S).
 */
export async function proposition1Section(data: EvaluationData, prepared: Prepared, count: number): Promise<SectionOutput> {
  const { engine, sample, settings } = data;
  const uniform = seededUniform(settings.seed + 1);
  const sentences = sample.slice(0, count);
  const basisSentences = Math.min(sentences.length, 5);
  const worst = CANDIDATES.map((): Deviations => ({ linearity: 0, locality: 0, calibration: 0, basis: 0 }));
  let vocabularySizes = 0;
  for (const [k, sentence] of sentences.entries()) {
    data.signal.throwIfAborted();
    const { tokens, v } = compact(sentence, data.vocab.size);
    vocabularySizes += v;
    const engineT: ProjectionMap = async (s) => (await engine.projection({ s, tokens })).m;
    // The two highest ids are extra words, not in x, so (a, b) is an unrealized pair.
    const unrealized = [v - 1, v - 2] as const;
    for (const [c, candidate] of CANDIDATES.entries()) {
      const t = candidate.make(engineT, unrealized);
      const d = await proposition1Deviations(t, tokens, v, uniform, { trials: 2, basis: k < basisSentences });
      for (const condition of CONDITIONS) worst[c]![condition] = Math.max(worst[c]![condition], d[condition]);
    }
  }
  const verdict = (d: Deviations): string => {
    const failed = CONDITIONS.filter((c) => !(d[c] <= HOLDS_TOLERANCE));
    return failed.length === 0 ? 'passes' : `rejected: ${failed.join(', ')}`;
  };
  const harnessTable = table(
    ['operator', ...CONDITIONS, 'verdict', 'expected'],
    CANDIDATES.map((c, i) => [c.name, ...CONDITIONS.map((cond) => num(worst[i]![cond], 2)), verdict(worst[i]!), c.why]),
  );

  const real = await realOperatorChecks(engine, sentences, data.symmetric, ppmiSymmetric(prepared).operator, uniform);
  const engineHolds = verdict(worst[0]!) === 'passes';
  const controlsRejected = verdict(worst[1]!).includes('calibration') && verdict(worst[2]!).includes('locality');
  const realHolds = real.identity <= HOLDS_TOLERANCE && real.linearity <= HOLDS_TOLERANCE && real.locality <= HOLDS_TOLERANCE;
  const body = [
    'Proposition 1 (SPEC B.6) says a linear map T that is local (C1: T(S)_ij depends only on S[x_i, x_j]) and',
    'calibrated (C2: T(J) = J) is Q S Qᵀ. The harness (SPEC P42) measures each condition on the projection the',
    `engine computes for ${sentences.length} sampled sentences, each relabelled onto a compact vocabulary of its`,
    `distinct words plus ${EXTRA_WORDS} others (mean V′ = ${num(vocabularySizes / Math.max(1, sentences.length))}),`,
    `with random operators (2 draws per sentence) and the full basis e_a e_bᵀ on the first ${basisSentences}.`,
    `Cells are the largest deviation relative to max(1, |expected|); a condition holds up to ${HOLDS_TOLERANCE.toExponential()}.`,
    '',
    harnessTable,
    '',
    `On the real operators of the full vocabulary (V = ${data.vocab.size}) for the same sentences:`,
    '',
    table(
      ['check', 'largest relative deviation'],
      [
        ['T(S) = Q S Qᵀ, entry by entry: M_ij = S[x_i, x_j]', num(real.identity, 2)],
        [`linearity: T(${num(real.alpha)} S − ${num(-real.beta)} PPMI(S)) against the same combination of T(S) and T(PPMI(S))`, num(real.linearity, 2)],
        ['locality: S with every pair not realized in x set to 0', num(real.locality, 2)],
      ],
    ),
    '',
    engineHolds && realHolds
      ? 'The engine projection satisfies every condition to float32 precision, on random and on real operators.'
      : 'The engine projection does NOT satisfy every condition (see the cells above the tolerance).',
    controlsRejected
      ? 'Both controls are rejected for the condition they break, so the harness can fail.'
      : 'A control was NOT rejected as expected: the harness is too lenient here.',
  ].join('\n');
  return {
    body,
    plots: [],
    summary: {
      sentences: sentences.length,
      engineLinearity: worst[0]!.linearity,
      engineLocality: worst[0]!.locality,
      engineCalibration: worst[0]!.calibration,
      engineBasis: worst[0]!.basis,
      realIdentity: real.identity,
      realLinearity: real.linearity,
      realLocality: real.locality,
      engineHolds: engineHolds && realHolds,
      controlsRejected,
    },
  };
}

async function realOperatorChecks(
  engine: Engine,
  sentences: readonly Sentence[],
  s: CsrMatrix,
  ppmi: CsrMatrix,
  uniform: Uniform,
): Promise<{ identity: number; linearity: number; locality: number; alpha: number; beta: number }> {
  const alpha = Number((2 * uniform() + 0.5).toFixed(3));
  const beta = -Number((2 * uniform() + 0.5).toFixed(3));
  const combined = csrCombine(s, ppmi, alpha, beta);
  const project = async (op: CsrMatrix, tokens: Uint32Array): Promise<Matrix> => (await engine.projection({ s: op, tokens })).m;
  let identity = 0;
  let linearity = 0;
  let locality = 0;
  // A handful of sentences suffices here: each check reads every entry the sentence realizes.
  for (const index of sampleIndices(sentences.length, 5, uniform)) {
    const { tokens } = sentences[index]!;
    const m = await project(s, tokens);
    identity = Math.max(identity, relativeDeviation(m, selectedEntries(s, tokens)));
    const mp = await project(ppmi, tokens);
    const want = m.data.map((x, k) => alpha * x + beta * mp.data[k]!);
    linearity = Math.max(linearity, relativeDeviation(await project(combined, tokens), want));
    locality = Math.max(locality, relativeDeviation(await project(csrRestrict(s, new Set(tokens)), tokens), m.data));
  }
  return { identity, linearity, locality, alpha, beta };
}
