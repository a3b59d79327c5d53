import { csrProblem } from '../csr/check-csr.ts';
import { DENSE_ELEMENT_LIMIT } from '../csr/csr.ts';
import { ResourceLimitError, ShapeError, ValueError } from '../errors/errors.ts';
import type { CsrMatrix, Matrix, Operator } from '../types/matrix.ts';
import { isCsr } from '../types/matrix.ts';

/**
 * A transform φ of a co-occurrence operator S (SPEC B.2.5). With r_a = Σ_b S_ab (row sums),
 * k_b = Σ_a S_ab (column sums) and N = Σ_ab S_ab:
 * - `raw`: S.
 * - `log1p`: log(1 + S_ab).
 * - `log`: log(S_ab + α), α > 0. Every zero becomes log α, so the result is dense.
 * - `pmi`: log(P(a,b) / (P(a) P_c(b))) with P(a,b) = S_ab / N, P(a) = r_a / N and the context
 *   distribution P_c(b) = k_b^γ / Σ_b' k_b'^γ, γ = `contextSmoothing` (default 1, i.e. none, giving
 *   log(S_ab N / (r_a k_b))); 0.75 is word2vec's choice. Entries with S_ab = 0 are defined as 0
 *   (not −∞), so sparsity survives.
 * - `ppmi`: max(pmi, 0).
 * - `cond`: P_ab = S_ab / r_a, row-stochastic; a zero row stays zero.
 */
export type TransformSpec =
  | { readonly kind: 'raw' }
  | { readonly kind: 'log1p' }
  | { readonly kind: 'log'; readonly alpha: number }
  | { readonly kind: 'pmi'; readonly contextSmoothing?: number }
  | { readonly kind: 'ppmi'; readonly contextSmoothing?: number }
  | { readonly kind: 'cond' };

/** The kinds of `TransformSpec`. */
export type TransformKind = TransformSpec['kind'];

const KINDS: readonly TransformKind[] = ['raw', 'log1p', 'log', 'pmi', 'ppmi', 'cond'];

/**
 * Applies φ (see `TransformSpec`) to S, an r×c operator, dense or CSR; returns a new r×c operator and
 * never mutates S. Computation is in float64, storage float32.
 *
 * Storage: dense in → dense out. CSR in → CSR out, columns sorted and entries that come out 0 dropped
 * (no explicit zeros), for every kind but `log`, which returns a dense Matrix and refuses with
 * `ResourceLimitError` when r·c > 2²⁸. Entrywise transforms and PMI without context smoothing keep a
 * symmetric S symmetric; `cond` and smoothed PMI do not.
 *
 * Errors (`op: 'transform'`): `ValueError` for an unknown kind, α ≤ 0 or a smoothing exponent ≤ 0
 * (argument `spec.*`), for NaN or ±∞ entries, and for negative entries under every kind but `raw`
 * (argument `s`); `ShapeError` for inconsistent dimensions or CSR arrays, or a column twice in a row.
 */
export function transform(s: Operator, spec: TransformSpec): Operator {
  checkSpec(spec);
  const csr = isCsr(s);
  checkOperator(s, csr, spec.kind);
  const values = csr ? s.values : s.data;
  const nonNegative = spec.kind !== 'raw';
  for (let p = 0; p < values.length; p++) {
    const v = values[p]!;
    if (!Number.isFinite(v) || (nonNegative && v < 0)) {
      const where = csr ? csrPosition(s, p) : `(${Math.floor(p / s.cols)}, ${p % s.cols})`;
      const expected = nonNegative ? 'finite entries ≥ 0' : 'finite entries';
      throw new ValueError(`transform(${spec.kind}): s must hold ${expected}, got ${v} at ${where}`, {
        op: 'transform',
        argument: 's',
      });
    }
  }

  switch (spec.kind) {
    case 'raw':
      return mapEntries(s, csr, (v) => v);
    case 'log1p':
      return mapEntries(s, csr, Math.log1p);
    case 'log':
      return logShifted(s, csr, spec.alpha);
    case 'pmi':
    case 'ppmi': {
      const { rowSums, colSums } = marginals(s, csr);
      const context = contextDistribution(colSums, spec.contextSmoothing ?? 1);
      const clip = spec.kind === 'ppmi';
      return mapEntries(s, csr, (v, i, j) => {
        if (v === 0) return 0;
        const pmi = Math.log(v / (rowSums[i]! * context[j]!));
        return clip && pmi < 0 ? 0 : pmi;
      });
    }
    case 'cond': {
      const { rowSums } = marginals(s, csr);
      return mapEntries(s, csr, (v, i) => (v === 0 ? 0 : v / rowSums[i]!));
    }
  }
}

function checkSpec(spec: TransformSpec): void {
  const kind = (spec as { kind?: unknown } | undefined)?.kind;
  if (!KINDS.includes(kind as TransformKind)) {
    throw new ValueError(`transform: spec.kind must be one of ${KINDS.join(', ')}, got ${String(kind)}`, {
      op: 'transform',
      argument: 'spec.kind',
    });
  }
  if (spec.kind === 'log') {
    const { alpha } = spec;
    if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= 0) {
      throw new ValueError(`transform(log): spec.alpha must be a finite number > 0, got ${String(alpha)}`, {
        op: 'transform',
        argument: 'spec.alpha',
      });
    }
  }
  if ((spec.kind === 'pmi' || spec.kind === 'ppmi') && spec.contextSmoothing !== undefined) {
    const gamma = spec.contextSmoothing;
    if (typeof gamma !== 'number' || !Number.isFinite(gamma) || gamma <= 0) {
      throw new ValueError(
        `transform(${spec.kind}): spec.contextSmoothing must be a finite number > 0, got ${String(gamma)}`,
        { op: 'transform', argument: 'spec.contextSmoothing' },
      );
    }
  }
}

function checkOperator(s: Operator, csr: boolean, kind: TransformKind): void {
  if (csr) {
    const problem = csrProblem(s as CsrMatrix);
    if (problem !== undefined) {
      throw new ShapeError(`transform(${kind}): s is not a valid CSR matrix: ${problem}`, {
        op: 'transform',
        argument: 's',
      });
    }
    return;
  }
  const m = s as Matrix;
  if (!Number.isSafeInteger(m.rows) || m.rows < 0 || !Number.isSafeInteger(m.cols) || m.cols < 0) {
    throw new ShapeError(`transform(${kind}): s must have integer dimensions ≥ 0, got ${m.rows}×${m.cols}`, {
      op: 'transform',
      argument: 's',
    });
  }
  if (!(m.data instanceof Float32Array) || m.data.length !== m.rows * m.cols) {
    throw new ShapeError(
      `transform(${kind}): s.data must be a Float32Array of rows·cols = ${m.rows * m.cols} values, got ${m.data?.length}`,
      { op: 'transform', argument: 's' },
    );
  }
}

/** "(i, j)" of the p-th stored entry of a CSR matrix, for messages. */
function csrPosition(s: CsrMatrix, p: number): string {
  let i = 0;
  while (s.rowPtr[i + 1]! <= p) i++;
  return `(${i}, ${s.colIdx[p]})`;
}

/** Applies f(v, i, j) to every stored entry (every entry, when dense); CSR keeps sorted non-zeros. */
function mapEntries(s: Operator, csr: boolean, f: (v: number, i: number, j: number) => number): Operator {
  if (!csr) {
    const { rows, cols, data } = s as Matrix;
    const out = new Float32Array(data.length);
    for (let i = 0; i < rows; i++) {
      const base = i * cols;
      for (let j = 0; j < cols; j++) out[base + j] = f(data[base + j]!, i, j);
    }
    return { rows, cols, data: out };
  }
  const { rows, cols, rowPtr, colIdx, values } = s as CsrMatrix;
  const outPtr = new Uint32Array(rows + 1);
  const outCol = new Uint32Array(colIdx.length);
  const outVal = new Float32Array(colIdx.length);
  let q = 0;
  for (let i = 0; i < rows; i++) {
    const start = q;
    let sorted = true;
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
      const j = colIdx[p]!;
      const v = Math.fround(f(values[p]!, i, j));
      if (v === 0) continue;
      if (q > start && outCol[q - 1]! > j) sorted = false;
      outCol[q] = j;
      outVal[q++] = v;
    }
    if (!sorted) sortRow(outCol, outVal, start, q);
    outPtr[i + 1] = q;
  }
  return { rows, cols, rowPtr: outPtr, colIdx: outCol.slice(0, q), values: outVal.slice(0, q) };
}

/** Sorts entries [start, end) of a row by column (the input contract allows unsorted columns). */
function sortRow(col: Uint32Array, val: Float32Array, start: number, end: number): void {
  const order = Array.from({ length: end - start }, (_, t) => start + t).sort((a, b) => col[a]! - col[b]!);
  const c = order.map((p) => col[p]!);
  const v = order.map((p) => val[p]!);
  col.set(c, start);
  val.set(v, start);
}

/** log(S + α) as a dense matrix; densifying a CSR operator is guarded by `DENSE_ELEMENT_LIMIT`. */
function logShifted(s: Operator, csr: boolean, alpha: number): Matrix {
  const { rows, cols } = s;
  if (!csr) return mapEntries(s, false, (v) => Math.log(v + alpha)) as Matrix;
  const size = rows * cols;
  if (size > DENSE_ELEMENT_LIMIT) {
    throw new ResourceLimitError(
      `transform(log): log(S + α) is dense (every zero becomes log α), and ${rows}×${cols} = ${size} entries ` +
        `exceed the limit of ${DENSE_ELEMENT_LIMIT}; use log1p or ppmi, which keep S sparse`,
      DENSE_ELEMENT_LIMIT,
      size,
      { op: 'transform', argument: 's' },
    );
  }
  const { rowPtr, colIdx, values } = s as CsrMatrix;
  const data = new Float32Array(size).fill(Math.log(alpha));
  for (let i = 0; i < rows; i++) {
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) data[i * cols + colIdx[p]!] = Math.log(values[p]! + alpha);
  }
  return { rows, cols, data };
}

/** r_a = Σ_b S_ab and k_b = Σ_a S_ab in float64. */
function marginals(s: Operator, csr: boolean): { rowSums: Float64Array; colSums: Float64Array } {
  const rowSums = new Float64Array(s.rows);
  const colSums = new Float64Array(s.cols);
  if (csr) {
    const { rowPtr, colIdx, values } = s as CsrMatrix;
    for (let i = 0; i < s.rows; i++) {
      for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
        rowSums[i]! += values[p]!;
        colSums[colIdx[p]!]! += values[p]!;
      }
    }
  } else {
    const { cols, data } = s as Matrix;
    for (let i = 0; i < s.rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = data[i * cols + j]!;
        rowSums[i]! += v;
        colSums[j]! += v;
      }
    }
  }
  return { rowSums, colSums };
}

/**
 * The context distribution P_c(b) = k_b^γ / Σ_b' k_b'^γ (all zeros when S = 0), so that
 * pmi = log(S_ab / (r_a P_c(b))) = log(P(a,b) / (P(a) P_c(b))). With γ = 1, P_c(b) = k_b / N.
 */
function contextDistribution(colSums: Float64Array, gamma: number): Float64Array {
  const out = new Float64Array(colSums.length);
  let total = 0;
  for (let b = 0; b < colSums.length; b++) {
    out[b] = gamma === 1 ? colSums[b]! : colSums[b]! ** gamma;
    total += out[b]!;
  }
  if (total > 0) for (let b = 0; b < out.length; b++) out[b]! /= total;
  return out;
}
