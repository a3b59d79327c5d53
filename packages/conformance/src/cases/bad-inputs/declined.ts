import type { Engine, OpInputs, OpName } from '@dproj/core';
import { expectInputError } from '../../assert-error.ts';
import type { ConformanceCase } from '../../case.ts';
import { attentionBase, corpus, crossBase, csrOperator, multiHeadBase, offsets, projectionBase, filled } from './fixtures.ts';

type Call = { [K in OpName]: { op: K; input: OpInputs[K] } }[OpName];

/** A spread of valid calls that touch every option a backend might decline. */
const VALID_CALLS: readonly Call[] = [
  { op: 'cooccurrence', input: { corpus, options: { window: 2 } } },
  { op: 'cooccurrence', input: { corpus, options: { window: 3, direction: 'forward', offsets: true, crossDocuments: true, zeroDiagonal: true, weighting: 'uniform' } } },
  { op: 'projection', input: projectionBase },
  { op: 'projection', input: { ...projectionBase, s: csrOperator, predict: { kind: 'topk', k: 2 } } },
  { op: 'projection', input: { ...projectionBase, direction: 'symmetric', predict: { kind: 'dense' } } },
  { op: 'projection', input: { s: csrOperator, q: filled(2, 5), other: { tokens: [1, 2, 4] }, predict: { kind: 'dense' } } },
  { op: 'projection', input: { ...projectionBase, positional: { kind: 'offset', offsets, weighting: 'uniform' } } },
  { op: 'projection', input: { ...projectionBase, positional: { kind: 'kernel', kappa: [1, 0.5] } } },
  { op: 'attention', input: attentionBase },
  { op: 'attention', input: { ...crossBase, mask: { kind: 'causal' }, returnWeights: true, scale: 0.5 } },
  { op: 'attention', input: { ...attentionBase, mask: { kind: 'keep', keep: new Uint8Array(9).fill(1) } } },
  { op: 'attention', input: { ...attentionBase, mask: { kind: 'bias', bias: new Float32Array(9).fill(Number.NEGATIVE_INFINITY) } } },
  { op: 'multiHead', input: multiHeadBase },
  { op: 'multiHead', input: { ...multiHeadBase, context: filled(2, 4), mask: { kind: 'causal' }, returnWeights: true } },
];

function invoke(engine: Engine, call: Call): Promise<unknown> {
  switch (call.op) {
    case 'cooccurrence':
      return engine.cooccurrence(call.input.corpus, call.input.options);
    case 'projection':
      return engine.projection(call.input);
    case 'attention':
      return engine.attention(call.input);
    case 'multiHead':
      return engine.multiHead(call.input);
  }
}

/** Valid inputs pass validation (so the bad-input cases do not pass by rejecting everything). */
export const validBaselineCase: ConformanceCase = {
  id: 'bad-inputs/valid-baselines',
  run: async (ctx) => {
    for (const call of VALID_CALLS) {
      if (!ctx.backend.capabilities.supports(call.op, call.input as never).ok) continue;
      try {
        await invoke(ctx.engine, call);
      } catch (error) {
        throw new Error(`a valid ${call.op} call was rejected: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      }
    }
  },
};

/**
 * A call whose options the backend declines (`capabilities.supports`) rejects with UnsupportedError
 * naming the reason under fallback `none`, never with a wrong answer; a supported call succeeds.
 */
export const declinedCase: ConformanceCase = {
  id: 'bad-inputs/declined-options-unsupported',
  run: async (ctx) => {
    for (const call of VALID_CALLS) {
      const support = ctx.backend.capabilities.supports(call.op, call.input as never);
      if (support.ok) continue;
      const error = await expectInputError(() => invoke(ctx.engine, call), { name: 'UnsupportedError', op: call.op, argument: [] }, `declined ${call.op}`);
      if (!error.message.includes(support.reason)) {
        throw new Error(`the UnsupportedError for a declined ${call.op} does not give the backend's reason "${support.reason}": "${error.message}"`);
      }
    }
  },
};
