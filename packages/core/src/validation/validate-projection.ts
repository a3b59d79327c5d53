import type { Operator } from '../types/matrix.ts';
import type { ProjectionInput, Selector } from '../types/operators.ts';
import {
  checkCsr,
  checkEnum,
  checkFinite,
  checkInteger,
  checkMatrix,
  checkOperator,
  checkTokens,
  shapeError,
  type Site,
  valueError,
} from './checks.ts';

const op = 'projection' as const;

/** Checks a selector against the vocabulary size it indexes; returns the sequence length. */
function checkSelector(selector: Selector, vocabSize: number, path: string): number {
  const hasTokens = 'tokens' in selector && selector.tokens !== undefined;
  const hasQ = 'q' in selector && selector.q !== undefined;
  if (hasTokens === hasQ) {
    valueError({ op, argument: path || 'input' }, 'exactly one of `tokens` (ids) or `q` (soft selector)', selector);
  }
  const prefix = path ? `${path}.` : '';
  if (hasTokens) return checkTokens(selector.tokens, vocabSize, { op, argument: `${prefix}tokens` });
  const q = checkMatrix((selector as { q: unknown }).q, { op, argument: `${prefix}q` });
  if (q.cols !== vocabSize) {
    shapeError({ op, argument: `${prefix}q` }, `n×${vocabSize} (one column per word of s)`, `${q.rows}×${q.cols}`);
  }
  return q.rows;
}

/**
 * Validates a projection call: S (dense or CSR, finite), selectors whose ids or columns index S's
 * rows (x) and columns (y), a square S for self projection and for the backward/symmetric readings,
 * positional refinements on a self projection (offsets need token ids and V×V offset counts), and a
 * top-k with 1 ≤ k ≤ V_y.
 */
export function validateProjection(input: ProjectionInput): void {
  if (typeof input !== 'object' || input === null) valueError({ op, argument: 'input' }, 'a projection input', input);
  const s: Operator = checkOperator(input.s, { op, argument: 's' });
  const direction = checkEnum(input.direction, ['forward', 'backward', 'symmetric'], { op, argument: 'direction' });
  const square = s.rows === s.cols;
  if (!square && (input.other === undefined || (direction !== undefined && direction !== 'forward'))) {
    const why = input.other === undefined ? 'square (V×V) for a self projection' : `square to be read as '${direction}'`;
    shapeError({ op, argument: 's' }, why, `${s.rows}×${s.cols}`);
  }
  checkSelector(input, s.rows, '');
  if (input.other !== undefined) {
    if (typeof input.other !== 'object' || input.other === null) valueError({ op, argument: 'other' }, 'a selector', input.other);
    checkSelector(input.other, s.cols, 'other');
  }
  if (input.positional !== undefined) validatePositional(input, s);
  if (input.predict !== undefined) {
    const kind = checkEnum(input.predict.kind, ['dense', 'topk'], { op, argument: 'predict.kind' });
    if (kind === undefined) valueError({ op, argument: 'predict.kind' }, "'dense' or 'topk'", undefined);
    if (input.predict.kind === 'topk') checkInteger(input.predict.k, { op, argument: 'predict.k' }, 1, s.cols);
    // E = M (Q_y S) multiplies y's selector into the rows of S, so S must index y's words on both sides.
    if (!square) shapeError({ op, argument: 's' }, 'square (V×V) to predict E = M (Q_y S)', `${s.rows}×${s.cols}`);
  }
}

function validatePositional(input: ProjectionInput, s: Operator): void {
  const site: Site = { op, argument: 'positional' };
  const positional = input.positional!;
  if (input.other !== undefined) valueError(site, 'absent for a cross projection (it refines self projections only)', 'a refinement');
  const kind = checkEnum(positional.kind, ['offset', 'kernel'], { op, argument: 'positional.kind' });
  if (kind === undefined) valueError({ op, argument: 'positional.kind' }, "'offset' or 'kernel'", undefined);
  if (positional.kind === 'offset') {
    if (!('tokens' in input) || input.tokens === undefined) {
      valueError(site, 'used with token ids (offset counts index words, not soft selectors)', 'a soft selector q');
    }
    checkEnum(positional.weighting, ['harmonic', 'uniform'], { op, argument: 'positional.weighting' });
    if (!Array.isArray(positional.offsets) || positional.offsets.length === 0) {
      valueError({ op, argument: 'positional.offsets' }, 'a non-empty array of C⁽ᵏ⁾, k = 1..w', positional.offsets);
    }
    positional.offsets.forEach((c, k) => {
      const at = { op, argument: `positional.offsets[${k}]` };
      checkCsr(c, at);
      if (c.rows !== s.rows || c.cols !== s.cols) shapeError(at, `${s.rows}×${s.cols} like s`, `${c.rows}×${c.cols}`);
    });
  } else {
    const kappa = positional.kappa as unknown;
    if (kappa === null || typeof kappa !== 'object' || typeof (kappa as ArrayLike<number>).length !== 'number') {
      valueError({ op, argument: 'positional.kappa' }, 'an array of κ(d), d = 0, 1, …', kappa);
    }
    const values = kappa as ArrayLike<number>;
    if (values.length === 0) valueError({ op, argument: 'positional.kappa' }, 'non-empty (κ(0) at least)', kappa);
    for (let d = 0; d < values.length; d++) checkFinite(values[d], { op, argument: `positional.kappa[${d}]` });
  }
}
