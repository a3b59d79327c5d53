import type { Matrix } from '../types/matrix.ts';
import type { AttentionInput, HeadWeights, Mask, MultiHeadInput, OpName } from '../types/operators.ts';
import { checkBoolean, checkEnum, checkFinite, checkMatrix, shapeError, valueError } from './checks.ts';

type AttentionOp = Extract<OpName, 'attention' | 'multiHead'>;

const shape = (m: Matrix): string => `${m.rows}×${m.cols}`;

/** Checks one head's W_Q (d×d_k), W_K (d_c×d_k) and W_V (d_c×d_v); returns d_v. */
function checkHead(op: AttentionOp, w: HeadWeights, d: number, dc: number, prefix: string): number {
  const wq = checkMatrix(w.wq, { op, argument: `${prefix}wq` });
  const wk = checkMatrix(w.wk, { op, argument: `${prefix}wk` });
  const wv = checkMatrix(w.wv, { op, argument: `${prefix}wv` });
  if (wq.rows !== d) shapeError({ op, argument: `${prefix}wq` }, `${d}×d_k (rows = columns of h)`, shape(wq));
  if (wk.rows !== dc) shapeError({ op, argument: `${prefix}wk` }, `${dc}×${wq.cols} (rows = columns of the context)`, shape(wk));
  if (wk.cols !== wq.cols) shapeError({ op, argument: `${prefix}wk` }, `${dc}×${wq.cols} (d_k = columns of wq)`, shape(wk));
  if (wv.rows !== dc) shapeError({ op, argument: `${prefix}wv` }, `${dc}×d_v (rows = columns of the context)`, shape(wv));
  return wv.cols;
}

/** Checks a mask over the n×m score matrix. */
function checkMask(op: AttentionOp, mask: Mask, n: number, m: number): void {
  const kind = checkEnum(mask.kind, ['causal', 'keep', 'bias'], { op, argument: 'mask.kind' });
  if (kind === undefined) valueError({ op, argument: 'mask.kind' }, "'causal', 'keep' or 'bias'", undefined);
  if (mask.kind === 'keep') {
    if (!(mask.keep instanceof Uint8Array)) valueError({ op, argument: 'mask.keep' }, 'a Uint8Array of 0/1', mask.keep);
    if (mask.keep.length !== n * m) shapeError({ op, argument: 'mask.keep' }, `n×m = ${n}×${m} entries`, `${mask.keep.length}`);
    const bad = mask.keep.findIndex((v) => v > 1);
    if (bad >= 0) valueError({ op, argument: `mask.keep[${bad}]` }, '0 or 1', mask.keep[bad]);
  } else if (mask.kind === 'bias') {
    if (!(mask.bias instanceof Float32Array)) valueError({ op, argument: 'mask.bias' }, 'a Float32Array', mask.bias);
    if (mask.bias.length !== n * m) shapeError({ op, argument: 'mask.bias' }, `n×m = ${n}×${m} entries`, `${mask.bias.length}`);
    // −∞ masks; NaN and +∞ have no meaning as a bias.
    const bad = mask.bias.findIndex((v) => Number.isNaN(v) || v === Number.POSITIVE_INFINITY);
    if (bad >= 0) valueError({ op, argument: `mask.bias[${bad}]` }, 'finite or −∞', mask.bias[bad]);
  }
}

/** Checks what single-head and multi-head attention share: H, the context, mask, scale, flags. */
function checkCommon(op: AttentionOp, input: AttentionInput | MultiHeadInput): { d: number; dc: number } {
  if (typeof input !== 'object' || input === null) valueError({ op, argument: 'input' }, 'an attention input', input);
  const h = checkMatrix(input.h, { op, argument: 'h' });
  const context = input.context === undefined ? h : checkMatrix(input.context, { op, argument: 'context' });
  if (input.mask !== undefined) checkMask(op, input.mask, h.rows, context.rows);
  if (input.scale !== undefined) checkFinite(input.scale, { op, argument: 'scale' });
  checkBoolean(input.returnWeights, { op, argument: 'returnWeights' });
  return { d: h.cols, dc: context.cols };
}

/**
 * Validates single-head attention softmax((H W_Q)(C W_K)ᵀ · scale + mask)(C W_V): H n×d, C m×d_c,
 * W_Q d×d_k, W_K d_c×d_k, W_V d_c×d_v, all finite; a mask of n×m; a finite scale.
 */
export function validateAttention(input: AttentionInput): void {
  const { d, dc } = checkCommon('attention', input);
  checkHead('attention', input, d, dc, '');
}

/**
 * Validates multi-head attention Concat_ℓ(head_ℓ) W_O: at least one head, each valid as in
 * `validateAttention`, and W_O with Σ_ℓ d_v⁽ℓ⁾ rows.
 */
export function validateMultiHead(input: MultiHeadInput): void {
  const op = 'multiHead';
  const { d, dc } = checkCommon(op, input);
  if (!Array.isArray(input.heads) || input.heads.length === 0) {
    valueError({ op, argument: 'heads' }, 'a non-empty array of { wq, wk, wv }', input.heads);
  }
  let dvTotal = 0;
  input.heads.forEach((head, l) => {
    dvTotal += checkHead(op, head, d, dc, `heads[${l}].`);
  });
  const wo = checkMatrix(input.wo, { op, argument: 'wo' });
  if (wo.rows !== dvTotal) shapeError({ op, argument: 'wo' }, `${dvTotal}×d_out (rows = Σ d_v of the heads)`, shape(wo));
}
