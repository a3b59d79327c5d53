import type { AttentionInput, HeadWeights, Matrix, MultiHeadInput } from '@dproj/core';
import type { ConformanceCase } from '../../case.ts';
import { toleranceForTerms } from '../../tolerance.ts';
import { checkAttention, checkMultiHead } from '../support/check-ops.ts';
import { randomMatrix } from '../support/inputs.ts';
import type { MaskKind } from '../support/masks.ts';
import { randomMask } from '../support/masks.ts';
import type { Rng } from '../support/rng.ts';
import { trialCase } from '../support/trials.ts';

const TRIALS = 24;

interface Draw {
  readonly cross?: boolean;
  readonly masks?: readonly MaskKind[];
  readonly customScale?: boolean;
  readonly returnWeights?: boolean;
}

/** H (n×d) and, for cross-attention, a context C (m×d_c): SPEC C.11 sizes n, m ∈ [1, 10], d ∈ [1, 8]. */
function states(rng: Rng, cross: boolean): { h: Matrix; context?: Matrix; dc: number; m: number } {
  const h = randomMatrix(rng, rng.int(1, 10), rng.int(1, 8));
  if (!cross) return { h, dc: h.cols, m: h.rows };
  const context = randomMatrix(rng, rng.int(1, 10), rng.int(1, 8));
  return { h, context, dc: context.cols, m: context.rows };
}

function head(rng: Rng, d: number, dc: number): HeadWeights {
  const dk = rng.int(1, 8);
  return { wq: randomMatrix(rng, d, dk), wk: randomMatrix(rng, dc, dk), wv: randomMatrix(rng, dc, rng.int(1, 8)) };
}

function drawAttention(rng: Rng, draw: Draw): AttentionInput {
  const { h, context, dc, m } = states(rng, draw.cross ?? rng.chance(0.3));
  const kinds: readonly MaskKind[] = draw.masks ?? ['none'];
  const kind = rng.pick(kinds);
  const mask = randomMask(rng, kind, h.rows, m, rng.chance(0.4));
  return {
    h,
    ...(context ? { context } : {}),
    ...head(rng, h.cols, dc),
    ...(mask ? { mask } : {}),
    ...(draw.customScale ? { scale: rng.pick([0.25, 1, 3, rng.uniform(0.05, 4)]) } : {}),
    returnWeights: draw.returnWeights ?? rng.chance(0.5),
  };
}

function describeAttention(input: AttentionInput | MultiHeadInput): string {
  const c = input.context ? ` context ${input.context.rows}×${input.context.cols}` : '';
  const heads = 'heads' in input ? ` heads=${input.heads.length}` : ` d_k=${input.wq.cols} d_v=${input.wv.cols}`;
  return `h ${input.h.rows}×${input.h.cols}${c}${heads} mask=${input.mask?.kind ?? 'none'} scale=${input.scale ?? 'default'}`;
}

function attentionCase(id: string, draw: Draw): ConformanceCase {
  return trialCase(id, TRIALS, async (ctx, rng) => {
    const input = drawAttention(rng, draw);
    await checkAttention(ctx.engine, input, toleranceForTerms(ctx.tol, input.h.cols * input.wq.cols), describeAttention(input));
  });
}

const ALL_MASKS: readonly MaskKind[] = ['none', 'causal', 'keep', 'bias'];

/** Attention and multi-head attention (SPEC B.11–B.13) on random inputs against the oracle. */
export const randomAttentionCases: readonly ConformanceCase[] = [
  attentionCase('random/attention-self', { cross: false }),
  attentionCase('random/attention-cross', { cross: true, masks: ALL_MASKS }),
  attentionCase('random/attention-mask-causal', { masks: ['causal'], returnWeights: true }),
  attentionCase('random/attention-mask-keep', { masks: ['keep'], returnWeights: true }),
  attentionCase('random/attention-mask-bias', { masks: ['bias'], returnWeights: true }),
  attentionCase('random/attention-scale', { masks: ALL_MASKS, customScale: true }),
  attentionCase('random/attention-return-weights', { masks: ALL_MASKS, returnWeights: true }),
  trialCase('random/multihead', TRIALS * 2, async (ctx, rng) => {
    const { h, context, dc, m } = states(rng, rng.chance(0.3));
    const heads = Array.from({ length: rng.int(1, 4) }, () => head(rng, h.cols, dc));
    const dv = heads.reduce((sum, w) => sum + w.wv.cols, 0);
    const mask = randomMask(rng, rng.pick(ALL_MASKS), h.rows, m, rng.chance(0.3));
    const input: MultiHeadInput = {
      h,
      ...(context ? { context } : {}),
      heads,
      wo: randomMatrix(rng, dv, rng.int(1, 8)),
      ...(mask ? { mask } : {}),
      ...(rng.chance(0.3) ? { scale: rng.uniform(0.1, 2) } : {}),
      returnWeights: rng.chance(0.5),
    };
    await checkMultiHead(ctx.engine, input, toleranceForTerms(ctx.tol, h.cols * dv), describeAttention(input));
  }),
];
