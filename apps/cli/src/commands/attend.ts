import {
  type HeadWeights,
  type Mask,
  type Matrix,
  directionalAttentionWeights,
  factorDirectional,
  factorSymmetric,
  identity,
  spectralHeads,
  symmetricAttentionWeights,
  toRows,
} from '@dproj/core';
import { UsageError } from '../cli/cli-error.ts';
import { flag, noPositionals, optionalInteger, requiredInteger, requiredString } from '../cli/option-values.ts';
import { writeJson, writeText } from '../cli/output.ts';
import { ranOn } from '../cli/ran-on.ts';
import { readCoocFile } from '../cooc-file.ts';
import { droppedNotice, encodeText } from '../project/encode-text.ts';
import { float32Number } from '../project/float32-text.ts';
import { formatNumber, squareMatrixTable } from '../project/format-table.ts';
import { eigenpairGroups } from '../project/heads.ts';
import { DIRECTION_OPTION, chooseDirection } from '../project/projection-options.ts';
import { factorizedScores, relativeError } from '../project/score-error.ts';
import { applyTransform, transformOptions, transformSpec } from '../project/transform-option.ts';
import type { Command } from './command.ts';

/** The attention to run: hidden states, heads, and what the factorization kept. */
interface Factorized {
  readonly kind: 'symmetric' | 'directional';
  readonly h: Matrix;
  readonly heads: readonly HeadWeights[];
  /** Eigenpairs or singular triples kept (≤ --dim). */
  readonly rank: number;
  /** ‖S − W J Wᵀ‖_F / ‖S‖_F or ‖F − A Bᵀ‖_F / ‖F‖_F. */
  readonly operatorError: number;
}

/** `dproj attend`: attention whose W_Q, W_K come from a factorization of S, checked against M. */
export const attendCommand: Command = {
  name: 'attend',
  summary: 'attention over a sentence with W_Q, W_K factorized from S, and its relative error to M',
  usage: '--cooc <file> --text "<sentence>" --dim <d> [--heads <h>] [--causal] [options]',
  description: [
    'A symmetric S (or φ(S)) is factorized S ≈ W J Wᵀ with the d eigenvalues largest in |λ|; then',
    'H = Q W, W_Q = I, W_K = J, so the scores (H W_Q)(H W_K)ᵀ = H J Hᵀ ≈ M = Q S Qᵀ (SPEC B.8). With',
    '--heads h the eigenpairs are split into h groups of consecutive |λ| rank, one head each (B.12).',
    'A forward file is factorized F ≈ A Bᵀ by truncated SVD (B.9), and --direction backward swaps the',
    'roles. Scores are used at scale 1, as M itself is. The printed weights are softmax of the scores',
    '(masked with --causal); the relative error ‖M − H W_Q W_Kᵀ Hᵀ‖_F / ‖M‖_F is before any mask.',
    '',
    'Examples:',
    '  dproj attend --cooc sotu.dpco --text "the people of the united states" --dim 32',
    '  dproj attend --cooc sotu.dpco --text "we the people" --dim 64 --heads 4 --causal --transform ppmi',
  ].join('\n'),
  options: {
    cooc: { type: 'string', value: '<file>', help: 'co-occurrence file (.dpco) from dproj count' },
    text: { type: 'string', value: '"<text>"', help: 'the sentence to attend over' },
    dim: { type: 'string', value: '<d>', help: 'rank d of the factorization (eigenpairs or singular triples kept)' },
    heads: { type: 'string', value: '<h>', default: '1', help: 'split the eigenpairs into h heads (symmetric S only; default 1)' },
    causal: { type: 'boolean', help: 'mask keys after each query (j > i)' },
    direction: { ...DIRECTION_OPTION, help: 'forward file only: forward (default) or backward' },
    seed: { type: 'string', value: '<n>', default: '1', help: 'seed of the randomized factorization (default 1)' },
    ...transformOptions('raw'),
  },
  async run(context) {
    const { values, io } = context;
    noPositionals(context);
    const path = requiredString(values, 'cooc', '<file>');
    const text = requiredString(values, 'text', '"<text>"');
    const dim = requiredInteger(values, 'dim', 1);
    const headCount = optionalInteger(values, 'heads', 1) ?? 1;
    const seed = optionalInteger(values, 'seed', Number.MIN_SAFE_INTEGER) ?? 1;
    const causal = flag(values, 'causal');
    // Checked again against the rank actually kept; this early check spares a factorization.
    if (headCount > dim) throw new UsageError(`--heads ${headCount} is more than --dim ${dim}; each head needs an eigenpair`);
    const file = await readCoocFile(path);
    const direction = chooseDirection(values, file.result, path, ['forward', 'backward']);
    const spec = transformSpec(values);
    const encoded = encodeText(file.vocab, text, path);
    const s = applyTransform(file.result.matrix, spec);
    io.stderr.write(droppedNotice(encoded.dropped));

    // `cond` makes rows stochastic, which breaks symmetry; such an S is factorized like a forward F.
    const symmetric = direction === undefined && spec.kind !== 'cond';
    if (!symmetric && headCount > 1) {
      throw new UsageError('--heads > 1 needs a symmetric operator (a symmetric file, and a transform other than cond)');
    }
    const options = { rank: dim, seed, signal: context.signal };
    let factorized: Factorized;
    if (symmetric) {
      const f = factorSymmetric(s, options);
      if (headCount > 1) {
        const split = spectralHeads(f, encoded.ids, eigenpairGroups(f.rank, headCount));
        factorized = { kind: 'symmetric', h: split.h, heads: split.heads, rank: f.rank, operatorError: f.relativeError };
      } else {
        const a = symmetricAttentionWeights(f, encoded.ids);
        factorized = { kind: 'symmetric', h: a.h, heads: [a], rank: f.rank, operatorError: f.relativeError };
      }
    } else {
      const f = factorDirectional(s, options);
      const a = directionalAttentionWeights(f, encoded.ids, direction === 'backward' ? 'backward' : 'forward');
      factorized = { kind: 'directional', h: a.h, heads: [a], rank: f.rank, operatorError: f.relativeError };
    }

    const engine = await context.engine();
    const mask: Mask | undefined = causal ? { kind: 'causal' } : undefined;
    const common = { h: factorized.h, scale: 1, returnWeights: true, signal: context.signal, ...(mask ? { mask } : {}) };
    let weights: readonly Matrix[];
    if (factorized.heads.length === 1) {
      const head = factorized.heads[0]!;
      const result = await engine.attention({ ...common, wq: head.wq, wk: head.wk, wv: head.wv });
      weights = [result.weights!];
    } else {
      const result = await engine.multiHead({ ...common, heads: factorized.heads, wo: identity(factorized.rank) });
      weights = result.weights!;
    }
    const projection = await engine.projection({
      tokens: encoded.ids,
      s,
      ...(direction === undefined ? {} : { direction }),
      signal: context.signal,
    });
    const error = relativeError(projection.m, factorizedScores(factorized.h, factorized.heads));

    const backend = ranOn(engine, factorized.heads.length === 1 ? 'attention' : 'multiHead');
    if (context.json) {
      writeJson(io, {
        backend,
        tokens: encoded.words,
        factorization: factorized.kind,
        rank: factorized.rank,
        heads: weights.length,
        causal,
        operatorError: float32Number(factorized.operatorError),
        relativeError: error === null ? null : float32Number(error),
        weights: weights.map((w) => toRows(w).map((row) => row.map(float32Number))),
      });
      return 0;
    }
    const approximation = factorized.kind === 'symmetric' ? 'S ≈ W J Wᵀ' : 'F ≈ A Bᵀ';
    const lines = [
      `backend: ${backend}    tokens: ${encoded.words.length}`,
      `factorization: ${approximation}, rank ${factorized.rank} (asked ${dim}), ‖${approximation.replace(' ≈ ', ' − ')}‖_F / ‖${approximation[0]}‖_F = ${formatNumber(factorized.operatorError)}`,
      error === null
        ? 'relative error to M: undefined (M = 0: no two words of the sentence co-occur)'
        : `relative error to M: ‖M − H W_Q W_Kᵀ Hᵀ‖_F / ‖M‖_F = ${formatNumber(error)}`,
    ];
    weights.forEach((w, l) => {
      const title = weights.length === 1 ? 'attention weights' : `head ${l + 1} of ${weights.length}: attention weights`;
      lines.push('', `${title}${causal ? ' (causal)' : ''}, rows sum to 1`, squareMatrixTable(w, encoded.words));
    });
    writeText(io, lines.join('\n'));
    return 0;
  },
};
