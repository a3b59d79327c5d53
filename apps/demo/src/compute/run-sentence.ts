import type { Engine, Matrix, Mask, Positional, TopK } from '@dproj/core';
import type { DemoDirection, DemoPositional, DemoTransform } from '../state/url-state.ts';
import type { AttentionSetup, Factorization } from './attention.ts';
import { attentionSetup, factorize, relativeError, summedScores } from './attention.ts';
import type { CorpusData } from './corpus-data.ts';
import type { DirectedOperator } from './operator.ts';
import { directedOperator, distanceKernel, gatherProjection } from './operator.ts';
import { InputProblem } from './sentence.ts';
import type { OpTiming } from './timing.ts';
import { timeCall } from './timing.ts';

/** The page's choices that shape one computation. */
export interface SentenceSettings {
  readonly transform: DemoTransform;
  readonly direction: DemoDirection;
  readonly positional: DemoPositional;
  readonly causal: boolean;
  readonly rank: number;
  readonly heads: number;
  /** Top-k words of E per position. */
  readonly k: number;
  /** Timed calls after the first, for the steady-state median. */
  readonly repeats: number;
}

/** What one sentence gives on one backend. */
export interface SentenceResult {
  readonly backend: string;
  readonly tokens: Uint32Array;
  /** M (refined when a positional option is on). */
  readonly m: Matrix;
  readonly topk: TopK;
  /** Each head's softmax weights, n×n. */
  readonly weights: readonly Matrix[];
  /** ‖Σ_ℓ scores_ℓ − M‖_F / ‖M‖_F with M = Q φ(S) Qᵀ before positional refinement. */
  readonly attentionError: number;
  /** d actually kept. */
  readonly rank: number;
  /** Operators on the backend, then host steps (transform, factorization) with backend `host`. */
  readonly timings: readonly OpTiming[];
}

/**
 * Caches of work that depends only on the corpus and the settings, not on the sentence or the
 * backend: the transformed operator and its factorization (seconds for a 12 000-word vocabulary).
 */
export class OperatorCache {
  private readonly operators = new Map<string, DirectedOperator>();
  private readonly factors = new Map<string, Factorization>();

  /** φ(S), φ(F) or φ(F) read backward for this corpus, computed once per key. */
  operator(data: CorpusData, transform: DemoTransform, direction: DemoDirection): { op: DirectedOperator; ms: number | undefined } {
    const key = `${data.id}|${transform}|${direction}`;
    const hit = this.operators.get(key);
    if (hit !== undefined) return { op: hit, ms: undefined };
    const t = performance.now();
    const op = directedOperator(data.f, transform, direction);
    this.operators.set(key, op);
    return { op, ms: performance.now() - t };
  }

  /** The rank-d factorization of that operator, computed once per key. */
  factorization(data: CorpusData, transform: DemoTransform, direction: DemoDirection, rank: number): { fact: Factorization; ms: number | undefined } {
    const key = `${data.id}|${transform}|${direction}|${rank}`;
    const hit = this.factors.get(key);
    if (hit !== undefined) return { fact: hit, ms: undefined };
    const { op } = this.operator(data, transform, direction);
    const t = performance.now();
    // Forward and backward share one factorization of φ(F); only the heads' W_Q and W_K swap.
    const fact = factorize(op, direction === 'symmetric', rank);
    this.factors.set(key, fact);
    return { fact, ms: performance.now() - t };
  }

  /** Forgets everything about one corpus (when it is recounted in the browser). */
  forget(corpusId: string): void {
    for (const map of [this.operators, this.factors]) {
      for (const key of [...map.keys()]) if (key.startsWith(`${corpusId}|`)) map.delete(key);
    }
  }
}

function positionalOption(kind: DemoPositional, data: CorpusData, n: number): Positional | undefined {
  if (kind === 'kernel') return { kind: 'kernel', kappa: distanceKernel(n) };
  if (kind === 'offset') {
    if (data.offsets === undefined) {
      throw new InputProblem('The offset refinement needs the per-offset counts C⁽ᵏ⁾: count the corpus in the browser first (the shipped files leave them out).');
    }
    return { kind: 'offset', offsets: data.offsets, weighting: data.settings.weighting };
  }
  return undefined;
}

/**
 * Runs one sentence on an engine: M = Q φ(S) Qᵀ with the chosen direction and refinement, the top-k
 * of E = M (Q S) per position, and multi-head attention from the rank-d factorization (weights per
 * head, causal mask if asked), each timed (first call apart when `cold` says the backend has not run
 * it yet). Nothing is returned half-done: any failure rejects.
 */
export async function runSentence(
  engine: Engine,
  data: CorpusData,
  cache: OperatorCache,
  tokens: Uint32Array,
  settings: SentenceSettings,
  cold: (family: 'projection' | 'multiHead') => boolean,
): Promise<SentenceResult> {
  const backend = engine.resolution.chosen;
  const timings: OpTiming[] = [];
  const { op, ms: transformMs } = cache.operator(data, settings.transform, settings.direction);
  if (transformMs !== undefined) timings.push({ op: `transform ${settings.transform} of ${settings.direction === 'symmetric' ? 'S = F + Fᵀ' : 'F'}`, backend: 'host', firstMs: transformMs, steadyMs: transformMs, runs: 1 });
  const positional = positionalOption(settings.positional, data, tokens.length);
  const projectionName = 'projection: M and top-k of E';
  const projection = await timeCall(projectionName, backend, cold('projection'), settings.repeats, () =>
    engine.projection({
      s: op.s,
      tokens,
      direction: op.direction,
      ...(positional === undefined ? {} : { positional }),
      predict: { kind: 'topk', k: settings.k },
    }),
  );
  timings.push(projection.timing);
  const topk = projection.result.topk;
  if (topk === undefined) throw new Error(`${backend}: the projection returned no top-k of E`);

  const { fact, ms: factorMs } = cache.factorization(data, settings.transform, settings.direction, settings.rank);
  if (factorMs !== undefined) timings.push({ op: `factorization to d = ${settings.rank}`, backend: 'host', firstMs: factorMs, steadyMs: factorMs, runs: 1 });
  const setup: AttentionSetup = attentionSetup(fact, tokens, settings.heads, op.direction);
  const mask: Mask | undefined = settings.causal ? { kind: 'causal' } : undefined;
  const attentionName = `multiHead: ${setup.heads.length} head${setup.heads.length === 1 ? '' : 's'}`;
  const attention = await timeCall(attentionName, backend, cold('multiHead'), settings.repeats, () =>
    engine.multiHead({ h: setup.h, heads: setup.heads, wo: setup.wo, scale: setup.scale, returnWeights: true, ...(mask === undefined ? {} : { mask }) }),
  );
  timings.push(attention.timing);
  const weights = attention.result.weights;
  if (weights === undefined) throw new Error(`${backend}: multi-head attention returned no weights`);

  return {
    backend,
    tokens,
    m: projection.result.m,
    topk,
    weights,
    attentionError: relativeError(summedScores(setup), gatherProjection(op, tokens)),
    rank: setup.rank,
    timings,
  };
}
