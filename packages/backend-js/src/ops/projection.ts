import { ValueError } from '@dproj/core';
import type { Matrix, Predict, ProjectionInput, ProjectionResult, TopK } from '@dproj/core';
import { directedOperator } from '../csr/directed-operator.ts';
import type { DirectedOperator, Direction } from '../csr/directed-operator.ts';
import { axpy, dot64 } from '../kernels/matmul.ts';
import { topKInto } from '../kernels/top-k.ts';
import { Checkpoint } from '../util/checkpoint.ts';
import { applyDistanceKernel, offsetProjection } from './positional.ts';
import { groupPositions, readSelector } from '@dproj/core';
import type { PositionGroups, SelectorData } from '@dproj/core';

// Progress is reported (and abort checked) after every this many rows.
const ROWS_PER_STEP = 64;

/**
 * The projection operator (SPEC B.4, B.5, B.9, B.10, B.13): with selectors Q_x (n×V) and Q_y (m×V,
 * Q_y = Q_x when there is no `other`) and S_dir = S, Sᵀ or S + Sᵀ by `direction`,
 * M = Q_x S_dir Q_yᵀ (n×m), optionally replaced by M^pos or K ∘ M (`positional`), and
 * E = M (Q_y S_dir) (n×V) dense or top-k per row. A sparse S is only ever read row by row.
 */
export async function projection(input: ProjectionInput): Promise<ProjectionResult> {
  const x = readSelector(input);
  const y = input.other === undefined ? x : readSelector(input.other);
  const positional = input.positional;
  const predict = input.predict;
  const checkpoint = new Checkpoint(input, 'projection', x.length * (predict === undefined ? 1 : 2));
  checkpoint.throwIfAborted();

  const needsBase = positional?.kind !== 'offset';
  const direction: Direction = input.direction ?? 'forward';
  const sdirRows = direction === 'backward' ? input.s.cols : input.s.rows;
  // Built on first use: an offset refinement without prediction never reads S.
  let op: DirectedOperator | undefined;
  const operator = (): DirectedOperator =>
    (op ??= directedOperator(input.s, direction, wantedRows(sdirRows, needsBase ? x : undefined, predict ? y : undefined)));

  let m: Matrix;
  if (positional?.kind === 'offset') {
    if (x.kind !== 'tokens') {
      // The engine rejects this before dispatch; the check keeps the types honest.
      throw new ValueError('projection: positional.kind "offset" needs token ids, got a soft selector q', {
        op: 'projection',
        argument: 'positional',
      });
    }
    m = offsetProjection(x.ids, positional.offsets, positional.weighting ?? 'harmonic');
    await checkpoint.step(x.length);
  } else {
    m = await baseProjection(operator(), x, y, checkpoint);
    if (positional?.kind === 'kernel') applyDistanceKernel(m, positional.kappa);
  }
  if (predict === undefined) return { m };

  // Without positions, rows of M and E depend only on the word x_i, so E is computed once per word.
  const sameWordRows = positional === undefined && x.kind === 'tokens' ? groupPositions(x.ids) : undefined;
  const predicted = await predictRows(m, y, operator(), predict, sameWordRows, checkpoint);
  return { m, ...predicted };
}

/** Which rows of S_dir a call reads: the words of one-hot selectors; null (all) for a soft one. */
function wantedRows(rows: number, ...selectors: (SelectorData | undefined)[]): Uint8Array | null {
  const wanted = new Uint8Array(rows);
  for (const sel of selectors) {
    if (sel === undefined) continue;
    if (sel.kind === 'soft') return null;
    for (let i = 0; i < sel.ids.length; i++) wanted[sel.ids[i]] = 1;
  }
  return wanted;
}

/**
 * M = Q_x S_dir Q_yᵀ (n×m), row by row: r_i = (Q_x S_dir)_i accumulated in float64 (one row of S_dir
 * for a token, Σ_a Q_ia S_dir[a,:] for a soft row), then M_ij = r_i[y_j] or r_i · (Q_y)_j.
 */
async function baseProjection(
  op: DirectedOperator,
  x: SelectorData,
  y: SelectorData,
  checkpoint: Checkpoint,
): Promise<Matrix> {
  const n = x.length;
  const m = y.length;
  const out = new Float32Array(n * m);
  const r = new Float64Array(op.cols);
  const writeRow = (i: number): void => {
    if (y.kind === 'tokens') {
      for (let j = 0; j < m; j++) out[i * m + j] = r[y.ids[j]];
    } else {
      for (let j = 0; j < m; j++) out[i * m + j] = dot64(r, y.q.data, j * y.q.cols, op.cols);
    }
  };
  if (x.kind === 'tokens') {
    const groups = groupPositions(x.ids);
    for (let g = 0; g < groups.words.length; g++) {
      const first = groups.positions[groups.start[g]];
      op.addRow(groups.words[g], 1, r);
      writeRow(first);
      op.clearRow(groups.words[g], r);
      for (let p = groups.start[g] + 1; p < groups.start[g + 1]; p++) {
        out.copyWithin(groups.positions[p] * m, first * m, first * m + m);
      }
      if ((g + 1) % ROWS_PER_STEP === 0) await checkpoint.step(groups.start[g + 1]);
    }
  } else {
    const q = x.q;
    for (let i = 0; i < n; i++) {
      r.fill(0);
      for (let a = 0; a < q.cols; a++) {
        const qa = q.data[i * q.cols + a];
        if (qa !== 0) op.addRow(a, qa, r);
      }
      writeRow(i);
      if ((i + 1) % ROWS_PER_STEP === 0) await checkpoint.step(i + 1);
    }
  }
  await checkpoint.step(n);
  return { rows: n, cols: m, data: out };
}

/**
 * E = M (Q_y S_dir), n×V, one float64 row at a time: E_i = Σ_a (M Q_y)_ia S_dir[a,:], where
 * (M Q_y)_ia sums M_ij over the positions j holding word a (or is M_i · Q_y[:,a] for a soft Q_y).
 * `dense` keeps every row; `topk` keeps only the k best of each, so E is never held whole.
 * `sameWordRows` (when given) says which rows are equal, so each is computed once and copied.
 */
async function predictRows(
  m: Matrix,
  y: SelectorData,
  op: DirectedOperator,
  predict: Predict,
  sameWordRows: PositionGroups | undefined,
  checkpoint: Checkpoint,
): Promise<{ e?: Matrix; topk?: TopK }> {
  const n = m.rows;
  const V = op.cols;
  const row = new Float64Array(V);
  const yGroups = y.kind === 'tokens' ? groupPositions(y.ids) : undefined;
  const wordWeight = new Float64Array(yGroups === undefined ? 0 : yGroups.words.length);
  const softWeight = new Float64Array(y.kind === 'soft' ? y.q.cols : 0);

  const computeRow = (i: number): void => {
    row.fill(0);
    if (yGroups !== undefined) {
      wordWeight.fill(0);
      for (let j = 0; j < m.cols; j++) wordWeight[yGroups.groupOf[j]] += m.data[i * m.cols + j];
      for (let g = 0; g < wordWeight.length; g++) {
        if (wordWeight[g] !== 0) op.addRow(yGroups.words[g], wordWeight[g], row);
      }
    } else if (y.kind === 'soft') {
      softWeight.fill(0);
      for (let j = 0; j < m.cols; j++) {
        const mij = m.data[i * m.cols + j];
        if (mij !== 0) axpy(mij, y.q.data, j * y.q.cols, softWeight, 0, y.q.cols);
      }
      for (let a = 0; a < softWeight.length; a++) if (softWeight[a] !== 0) op.addRow(a, softWeight[a], row);
    }
  };

  const k = predict.kind === 'topk' ? predict.k : 0;
  const e = predict.kind === 'dense' ? new Float32Array(n * V) : undefined;
  const ids = new Uint32Array(n * k);
  const scores = new Float32Array(n * k);
  const heap = new Uint32Array(k);
  const emit = (i: number): void => {
    if (e !== undefined) e.set(row, i * V);
    else topKInto(row, V, k, ids, scores, i * k, heap);
  };
  const copy = (to: number, from: number): void => {
    if (e !== undefined) e.copyWithin(to * V, from * V, from * V + V);
    else {
      ids.copyWithin(to * k, from * k, from * k + k);
      scores.copyWithin(to * k, from * k, from * k + k);
    }
  };

  if (sameWordRows !== undefined) {
    const { start, positions } = sameWordRows;
    for (let g = 0; g < sameWordRows.words.length; g++) {
      const first = positions[start[g]];
      computeRow(first);
      emit(first);
      for (let p = start[g] + 1; p < start[g + 1]; p++) copy(positions[p], first);
      if ((g + 1) % ROWS_PER_STEP === 0) await checkpoint.step(n + start[g + 1]);
    }
  } else {
    for (let i = 0; i < n; i++) {
      computeRow(i);
      emit(i);
      if ((i + 1) % ROWS_PER_STEP === 0) await checkpoint.step(n + i + 1);
    }
  }
  await checkpoint.step(2 * n);
  if (e !== undefined) return { e: { rows: n, cols: V, data: e } };
  return { topk: { k, ids, scores } };
}
