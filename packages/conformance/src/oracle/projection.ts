import type { ProjectionInput } from '@dproj/core';
import type { Dense } from './dense.ts';
import { allRows } from './dense.ts';
import { kernelProjection, offsetProjection } from './positional.ts';
import { selectorLength, selectorRows, selectorTokens } from './selector.ts';
import type { SparseOperator } from './sparse.ts';
import { addOperators, dot, operatorFromInput, transposeOperator, vectorTimesOperator } from './sparse.ts';
import { topKOfRow } from './top-k.ts';

/** What the projection operator computes, in float64, for the requested rows. */
export interface OracleProjection {
  /** Rows of M (n×n self, n×m cross), possibly refined by the positional option. */
  readonly m: Dense;
  /** Rows of E = M (Q_y S), present whenever a prediction was asked for (dense or top-k). */
  readonly e?: Dense;
  /** Top-k of each E row: ids and scores, highest first, ties to the lower id. */
  readonly topk?: { readonly ids: number[][]; readonly scores: number[][] };
}

/**
 * The operator the projection reads from `s` and `direction` (SPEC B.9): `forward` S as given,
 * `backward` Sᵀ, `symmetric` S + Sᵀ.
 */
export function directedOperator(input: ProjectionInput): SparseOperator {
  const s = operatorFromInput(input.s);
  switch (input.direction ?? 'forward') {
    case 'forward':
      return s;
    case 'backward':
      return transposeOperator(s);
    case 'symmetric':
      return addOperators(s, transposeOperator(s));
  }
}

/**
 * The projection operator (SPEC B.4, B.5, B.10, B.13) for the query rows `rows` (default all):
 * M = Q_x S Q_yᵀ with M_ij = q_iᵀ S q_j (y = x for self projection), refined by
 * M^pos (offset) or K ∘ M (kernel), and E = M (Q_y S) with E_i = (Σ_j M_ij q_j)ᵀ S.
 */
export function oracleProjection(input: ProjectionInput, rows?: readonly number[]): OracleProjection {
  const n = selectorLength(input);
  const picked = rows ?? allRows(n);
  const s = directedOperator(input);
  const qx = selectorRows(input);
  const qy = input.other === undefined ? qx : selectorRows(input.other);

  // Row i of M is (q_iᵀ S) · q_j: one sparse vector-operator product per query row.
  let m: Dense = picked.map((i) => {
    const u = vectorTimesOperator(qx[i], s);
    return qy.map((qj) => dot(u, qj));
  });
  const positional = input.positional;
  if (positional?.kind === 'offset') {
    const tokens = selectorTokens(input);
    if (tokens === undefined) throw new Error('oracle: the offset refinement needs token ids');
    m = offsetProjection(tokens, positional.offsets, positional.weighting ?? 'harmonic', picked);
  } else if (positional?.kind === 'kernel') {
    m = kernelProjection(m, positional.kappa, picked);
  }

  if (input.predict === undefined) return { m };
  // E = M (Q_y S) = (M Q_y) S: row i mixes the selector rows q_j by M_ij, then reads the mixture through S.
  const e = m.map((mi) => {
    const mixture = new Map<number, number>();
    mi.forEach((mij, j) => {
      if (mij === 0) return;
      for (const [a, qa] of qy[j]) mixture.set(a, (mixture.get(a) ?? 0) + mij * qa);
    });
    const row = new Array<number>(s.cols).fill(0);
    for (const [b, v] of vectorTimesOperator(mixture, s)) row[b] = v;
    return row;
  });
  if (input.predict.kind === 'dense') return { m, e };
  const k = input.predict.k;
  const tops = e.map((row) => topKOfRow(row, k));
  return { m, e, topk: { ids: tops.map((t) => t.ids), scores: tops.map((t) => t.scores) } };
}
