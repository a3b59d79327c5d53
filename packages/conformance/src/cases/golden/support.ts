import { csrToDense, fromRows, isCsr, toRows, toyCorpus } from '@dproj/core';
import type { CaseContext } from '../../case.ts';
import type {
  AttentionResult,
  CooccurrenceOptions,
  CooccurrenceResult,
  CsrMatrix,
  Mask,
  Matrix,
  Operator,
  ProjectionResult,
} from '@dproj/core';
import type { Dense } from '../../oracle/dense.ts';
import { selectorDense } from '../../oracle/selector.ts';

// Float64 helpers for hand-derived expectations on SPEC's few 3×5 values: the oracle's dense algebra,
// plus what only the golden cases need.
export { block, combine, matmul, pickRows, transpose } from '../../oracle/dense.ts';
export { softmaxRows } from '../../oracle/softmax.ts';

/** Reads a dense or CSR operator back as float64 rows. */
export function operatorRows(op: Operator): Dense {
  return toRows(isCsr(op) ? csrToDense(op) : op);
}

/** A dense matrix (float32 storage) from rows, to hand to a backend. */
export function mat(rows: Dense): Matrix {
  return fromRows(rows);
}

/** The one-hot selector Q (n×V): Q_ia = [x_i = a]. */
export function oneHot(tokens: readonly number[], vocabSize: number): Dense {
  return selectorDense({ tokens }, vocabSize);
}

/** I_n. */
export function eye(n: number): Dense {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** The all-ones matrix J (r×c). */
export function ones(r: number, c: number): Dense {
  return Array.from({ length: r }, () => new Array<number>(c).fill(1));
}

/** f applied to every entry. */
export function mapRows(a: Dense, f: (v: number, i: number, j: number) => number): Dense {
  return a.map((row, i) => row.map((v, j) => f(v, i, j)));
}

/** [A B] side by side. */
export function hstack(a: Dense, b: Dense): Dense {
  return a.map((row, i) => [...row, ...b[i]]);
}

/** [A; B] stacked. */
export function vstack(a: Dense, b: Dense): Dense {
  return [...a.map((r) => [...r]), ...b.map((r) => [...r])];
}

/** The Frobenius norm of A − B. */
export function frobeniusDiff(a: Dense, b: Dense): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a[i].length; j++) s += (a[i][j] - b[i][j]) ** 2;
  return Math.sqrt(s);
}

/** Σ_ij A_ij. */
export function total(a: Dense): number {
  return a.reduce((s, row) => s + row.reduce((t, v) => t + v, 0), 0);
}

/** P = D_r⁻¹ S, the row-stochastic `cond` transform of S, derived by hand. */
export function condOf(s: Dense): Dense {
  return s.map((row) => {
    const r = row.reduce((a, v) => a + v, 0);
    return row.map((v) => (r === 0 ? 0 : v / r));
  });
}

/** Eigenvalues of a symmetric matrix, ascending (cyclic Jacobi; fine for the few 3×3 to 5×5 here). */
export function symmetricEigenvalues(a: Dense): number[] {
  const n = a.length;
  const m = a.map((row) => [...row]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p][q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (m[p][q] === 0) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
      }
    }
  }
  return m.map((row, i) => row[i]).sort((x, y) => x - y);
}

// ---------------------------------------------------------------- calls through the engine

/** M = Q S Qᵀ (and E when `predict` is dense) of a token sequence, through the engine. */
export function project(ctx: CaseContext, tokens: readonly number[], s: Operator, dense = false): Promise<ProjectionResult> {
  return ctx.engine.projection(dense ? { tokens, s, predict: { kind: 'dense' } } : { tokens, s });
}

/** Options of `scoreSoftmax`. */
export interface ScoreSoftmaxOptions {
  /** The source sequence y (cross-attention); default x itself. */
  readonly y?: readonly number[];
  /** τ⁻¹; default 1. */
  readonly scale?: number;
  /** An attention mask over the n×m scores. */
  readonly mask?: Mask;
  /** W_V (V_y×d_v); default I, so the output is A Q_y. */
  readonly wv?: Dense;
}

/**
 * softmax(Q_x S Q_yᵀ · scale + mask) through the attention operator, by P27's construction: H = Q_x
 * (one-hot rows, W = I_V), C = Q_y, W_Q = S, W_K = I, so (H W_Q)(C W_K)ᵀ = Q_x S Q_yᵀ exactly.
 * SPEC properties stated on softmax(M) are read from the returned weights.
 */
export async function scoreSoftmax(
  ctx: CaseContext,
  x: readonly number[],
  s: Dense,
  options: ScoreSoftmaxOptions = {},
): Promise<{ weights: Dense; out: Dense }> {
  const vx = s.length;
  const vy = s[0].length;
  const context = options.y === undefined ? undefined : mat(oneHot(options.y, vy));
  const result: AttentionResult = await ctx.engine.attention({
    h: mat(oneHot(x, vx)),
    ...(context === undefined ? {} : { context }),
    wq: mat(s),
    wk: mat(eye(vy)),
    wv: mat(options.wv ?? eye(vy)),
    scale: options.scale ?? 1,
    ...(options.mask === undefined ? {} : { mask: options.mask }),
    returnWeights: true,
  });
  if (result.weights === undefined) throw new Error('attention: returnWeights was asked for, but no weights came back');
  return { weights: toRows(result.weights), out: toRows(result.out) };
}

/** A keep mask (n×m, 0/1) from a predicate. */
export function keepMask(n: number, m: number, keep: (i: number, j: number) => boolean): Mask {
  const data = new Uint8Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) data[i * m + j] = keep(i, j) ? 1 : 0;
  return { kind: 'keep', keep: data };
}

/** An additive bias mask (n×m) from rows; −∞ masks. */
export function biasMask(bias: Dense): Mask {
  return { kind: 'bias', bias: Float32Array.from(bias.flat()) };
}

/** Throws unless `ok`, with a message naming the property. */
export function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** The toy corpus's co-occurrence (SPEC C.0: window 2, f(d) = 1/d) through the engine. */
export function toyCooccurrence(ctx: CaseContext, options: Partial<CooccurrenceOptions> = {}): Promise<CooccurrenceResult> {
  return ctx.engine.cooccurrence(toyCorpus(), { window: 2, ...options });
}

/** The backend's own S of the toy corpus (CSR, as it returns it). */
export async function toyS(ctx: CaseContext): Promise<CsrMatrix> {
  return (await toyCooccurrence(ctx)).matrix;
}

/** The backend's own F of the toy corpus (CSR). */
export async function toyF(ctx: CaseContext): Promise<CsrMatrix> {
  return (await toyCooccurrence(ctx, { direction: 'forward' })).matrix;
}
