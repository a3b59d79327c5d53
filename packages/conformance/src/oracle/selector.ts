import type { Selector } from '@dproj/core';
import type { Dense } from './dense.ts';
import { zerosDense } from './dense.ts';
import type { SparseVector } from './sparse.ts';

/** The token ids of a one-hot selector, or undefined for a soft one. */
export function selectorTokens(sel: Selector): readonly number[] | undefined {
  return 'tokens' in sel ? Array.from(sel.tokens) : undefined;
}

/** The sequence length n of a selector. */
export function selectorLength(sel: Selector): number {
  return 'tokens' in sel ? sel.tokens.length : sel.q.rows;
}

/**
 * The rows q_i of the selector Q (n×V) as sparse vectors: e_{x_i} for token ids (Q_ia = [x_i = a],
 * SPEC B.3), or the non-zero entries of row i of a soft selector.
 */
export function selectorRows(sel: Selector): SparseVector[] {
  if ('tokens' in sel) return Array.from(sel.tokens, (a) => new Map([[a, 1]]));
  const { q } = sel;
  const rows: SparseVector[] = [];
  for (let i = 0; i < q.rows; i++) {
    const r = new Map<number, number>();
    for (let a = 0; a < q.cols; a++) if (q.data[i * q.cols + a] !== 0) r.set(a, q.data[i * q.cols + a]);
    rows.push(r);
  }
  return rows;
}

/** Q as a dense n×V matrix (SPEC B.3); small V only. */
export function selectorDense(sel: Selector, vocabularySize: number): Dense {
  const rows = selectorRows(sel);
  const out = zerosDense(rows.length, vocabularySize);
  rows.forEach((r, i) => {
    for (const [a, v] of r) out[i][a] = v;
  });
  return out;
}
