import type { Matrix, ProjectionInput } from '@dproj/core';
import { toRows } from '@dproj/core';
import fc from 'fast-check';
import { expectClose } from '../../assert.ts';
import type { CaseContext, ConformanceCase } from '../../case.ts';
import { block, combine, matmul, pickRows, transpose } from '../../oracle/dense.ts';
import { selectorDense } from '../../oracle/selector.ts';
import { loosen, toleranceForTerms } from '../../tolerance.ts';
import { matrixArb, permutationArb, projectionProblemArb, softProblemArb, tokensArb } from '../support/arbitraries.ts';
import { propertyCase } from '../support/property.ts';

type Rows = number[][];

async function project(ctx: CaseContext, input: ProjectionInput): Promise<{ m: Rows; e: Rows }> {
  const r = await ctx.engine.projection(input);
  return { m: toRows(r.m), e: r.e === undefined ? [] : toRows(r.e) };
}

const ids = (tokens: readonly number[]) => ({ tokens: Uint32Array.from(tokens) });

function transposed(s: Matrix): Matrix {
  const data = new Float32Array(s.rows * s.cols);
  for (let a = 0; a < s.rows; a++) for (let b = 0; b < s.cols; b++) data[b * s.rows + a] = s.data[a * s.cols + b];
  return { rows: s.cols, cols: s.rows, data };
}

function scaled(s: Matrix, alpha: number): Matrix {
  return { rows: s.rows, cols: s.cols, data: s.data.map((x) => alpha * x) };
}

type Sel = { readonly tokens: Uint32Array } | { readonly q: Matrix };

/** Either selector kind over one S: token ids, or a soft Q (n×V). */
const selectorProblemArb: fc.Arbitrary<{ sel: Sel; s: Matrix }> = fc.oneof(
  projectionProblemArb().map((p) => ({ sel: ids(p.tokens), s: p.s })),
  softProblemArb().map((p) => ({ sel: { q: p.q }, s: p.s })),
);

/** Projection identities of SPEC C.2–C.3 through the engine, on random inputs. */
export const projectionInvariantCases: readonly ConformanceCase[] = [
  propertyCase('invariants/projection-transpose-symmetry', selectorProblemArb, async (ctx, { sel, s }) => {
    // P6: M(S)ᵀ = M(Sᵀ); a symmetric S gives a symmetric M.
    const m = (await project(ctx, { ...sel, s })).m;
    const mt = (await project(ctx, { ...sel, s: transposed(s) })).m;
    expectClose(mt, transpose(m), ctx.tol, 'M(Sᵀ) vs M(S)ᵀ');
    const sym = { rows: s.rows, cols: s.cols, data: s.data.map((x, k) => x + s.data[(k % s.cols) * s.cols + Math.floor(k / s.cols)]) };
    const ms = (await project(ctx, { ...sel, s: sym })).m;
    expectClose(ms, transpose(ms), ctx.tol, 'M(S + Sᵀ) symmetric');
  }),

  propertyCase(
    'invariants/projection-linearity',
    selectorProblemArb.chain((p) =>
      fc.record({
        p: fc.constant(p),
        s2: matrixArb(p.s.rows, p.s.cols),
        alpha: fc.float({ min: -2, max: 2, noNaN: true }),
        beta: fc.float({ min: -2, max: 2, noNaN: true }),
      }),
    ),
    async (ctx, { p, s2, alpha, beta }) => {
      // P7: M(α S₁ + β S₂) = α M(S₁) + β M(S₂). The combined S is rounded to float32 on the way in.
      const combinedS = { rows: p.s.rows, cols: p.s.cols, data: p.s.data.map((x, k) => alpha * x + beta * s2.data[k]) };
      const m1 = (await project(ctx, { ...p.sel, s: p.s })).m;
      const m2 = (await project(ctx, { ...p.sel, s: s2 })).m;
      const m12 = (await project(ctx, { ...p.sel, s: combinedS })).m;
      const v = p.s.rows;
      expectClose(m12, combine(alpha, m1, beta, m2), toleranceForTerms(loosen(ctx.tol, 4), v * v), `M(${alpha} S₁ + ${beta} S₂)`);
    },
  ),

  propertyCase(
    'invariants/projection-permutation-equivariance',
    selectorProblemArb.chain((p) => fc.record({ p: fc.constant(p), pi: permutationArb('tokens' in p.sel ? p.sel.tokens.length : p.sel.q.rows) })),
    async (ctx, { p, pi }) => {
      // P11: M(πx) = P M Pᵀ and E(πx) = P E.
      const sel = p.sel;
      const permuted =
        'tokens' in sel
          ? { tokens: Uint32Array.from(pi, (i) => sel.tokens[i]) }
          : { q: { rows: sel.q.rows, cols: sel.q.cols, data: Float32Array.from(pi.flatMap((i) => Array.from(sel.q.data.subarray(i * sel.q.cols, (i + 1) * sel.q.cols)))) } };
      const base = await project(ctx, { ...sel, s: p.s, predict: { kind: 'dense' } });
      const moved = await project(ctx, { ...permuted, s: p.s, predict: { kind: 'dense' } });
      expectClose(moved.m, block(base.m, pi, pi), ctx.tol, 'M(πx) vs P M Pᵀ');
      expectClose(moved.e, pickRows(base.e, pi), ctx.tol, 'E(πx) vs P E');
    },
  ),

  propertyCase(
    'invariants/vocabulary-relabelling',
    projectionProblemArb().chain((p) => fc.record({ p: fc.constant(p), sigma: permutationArb(p.v) })),
    async (ctx, { p, sigma }) => {
      // P12: relabel word a as σ(a) in x and in S: M is unchanged, E's columns move with the words.
      const v = p.v;
      const s2 = new Float32Array(v * v);
      for (let a = 0; a < v; a++) for (let b = 0; b < v; b++) s2[sigma[a] * v + sigma[b]] = p.s.data[a * v + b];
      const base = await project(ctx, { ...ids(p.tokens), s: p.s, predict: { kind: 'dense' } });
      const relabelled = await project(ctx, {
        ...ids(p.tokens.map((a) => sigma[a])),
        s: { rows: v, cols: v, data: s2 },
        predict: { kind: 'dense' },
      });
      expectClose(relabelled.m, base.m, ctx.tol, 'M after relabelling');
      expectClose(relabelled.e.map((row) => row.map((_, b) => row[sigma[b]])), base.e, ctx.tol, 'E after relabelling');
    },
  ),

  propertyCase(
    'invariants/projection-restriction',
    projectionProblemArb({ minN: 2 }).chain((p) =>
      fc.record({ p: fc.constant(p), keep: fc.array(fc.boolean(), { minLength: p.tokens.length, maxLength: p.tokens.length }) }),
    ),
    async (ctx, { p, keep }) => {
      // P13: M(x_I) = M(x)[I, I] for any index set I (kept in order).
      const subset = keep.flatMap((k, i) => (k ? [i] : []));
      if (subset.length === 0) subset.push(0);
      const full = (await project(ctx, { ...ids(p.tokens), s: p.s })).m;
      const part = (await project(ctx, { ...ids(subset.map((i) => p.tokens[i])), s: p.s })).m;
      expectClose(part, block(full, subset, subset), ctx.tol, `M(x_I), I = [${subset.join(',')}]`);
    },
  ),

  propertyCase(
    'invariants/projection-concatenation-blocks',
    projectionProblemArb().chain((p) => fc.record({ p: fc.constant(p), y: fc.integer({ min: 1, max: 10 }).chain((m) => tokensArb(m, p.v)) })),
    async (ctx, { p, y }) => {
      // P13, P37: M(x ⊕ y) = [[M(x), M_xy], [M_yx, M(y)]] with M_xy = Q_x S Q_yᵀ (cross projection).
      const x = p.tokens;
      const n = x.length;
      const whole = (await project(ctx, { ...ids([...x, ...y]), s: p.s })).m;
      const xs = x.map((_, i) => i);
      const ys = y.map((_, j) => n + j);
      expectClose(block(whole, xs, xs), (await project(ctx, { ...ids(x), s: p.s })).m, ctx.tol, 'block (x, x)');
      expectClose(block(whole, ys, ys), (await project(ctx, { ...ids(y), s: p.s })).m, ctx.tol, 'block (y, y)');
      expectClose(block(whole, xs, ys), (await project(ctx, { ...ids(x), s: p.s, other: ids(y) })).m, ctx.tol, 'block (x, y) vs M_xy');
      expectClose(block(whole, ys, xs), (await project(ctx, { ...ids(y), s: p.s, other: ids(x) })).m, ctx.tol, 'block (y, x) vs M_yx');
    },
  ),

  propertyCase('invariants/cross-projection-reduces-to-self', selectorProblemArb, async (ctx, { sel, s }) => {
    // P37: with y = x, the cross projection and its prediction are the self projection's.
    const self = await project(ctx, { ...sel, s, predict: { kind: 'dense' } });
    const cross = await project(ctx, { ...sel, s, other: sel, predict: { kind: 'dense' } });
    expectClose(cross.m, self.m, ctx.tol, 'M_xx vs M');
    expectClose(cross.e, self.e, ctx.tol, 'E_xx vs E');
  }),

  propertyCase(
    'invariants/prediction-quadratic-homogeneity',
    selectorProblemArb.chain((p) => fc.record({ p: fc.constant(p), alpha: fc.constantFrom(-2, -0.5, 0.5, 2, 4) })),
    async (ctx, { p, alpha }) => {
      // P17: M(α S) = α M(S) but E(α S) = α² E(S). Powers of two scale float32 exactly.
      const base = await project(ctx, { ...p.sel, s: p.s, predict: { kind: 'dense' } });
      const times = await project(ctx, { ...p.sel, s: scaled(p.s, alpha), predict: { kind: 'dense' } });
      expectClose(times.m, base.m.map((r) => r.map((x) => alpha * x)), ctx.tol, `M(${alpha} S)`);
      expectClose(times.e, base.e.map((r) => r.map((x) => alpha * alpha * x)), ctx.tol, `E(${alpha} S)`);
    },
  ),

  propertyCase('invariants/prediction-square-identity', selectorProblemArb, async (ctx, { sel, s }) => {
    // P16: E Qᵀ = M², since E = M Q S and M = Q S Qᵀ.
    const r = await project(ctx, { ...sel, s, predict: { kind: 'dense' } });
    const q = selectorDense(sel, s.rows);
    const eqt = matmul(r.e, transpose(q, s.rows), q.length);
    const n = q.length;
    expectClose(eqt, matmul(r.m, r.m, n), toleranceForTerms(loosen(ctx.tol, 4), n * s.rows), 'E Qᵀ vs M²');
  }),

  propertyCase('invariants/projection-directions', selectorProblemArb, async (ctx, { sel, s }) => {
    // P24: M← = Q Fᵀ Qᵀ = (M→)ᵀ and M→ + M← is the projection of F + Fᵀ.
    const forward = (await project(ctx, { ...sel, s, direction: 'forward' })).m;
    const backward = (await project(ctx, { ...sel, s, direction: 'backward' })).m;
    const symmetric = (await project(ctx, { ...sel, s, direction: 'symmetric' })).m;
    const plain = (await project(ctx, { ...sel, s })).m;
    expectClose(plain, forward, ctx.tol, 'the default direction is forward');
    expectClose(backward, transpose(forward), ctx.tol, 'M← vs (M→)ᵀ');
    expectClose(symmetric, combine(1, forward, 1, backward), loosen(ctx.tol, 2), 'M(symmetric) vs M→ + M←');
  }),

  propertyCase(
    'invariants/duplicate-tokens-equal-rows',
    projectionProblemArb({ minN: 2 }).chain((p) =>
      fc.record({ p: fc.constant(p), i: fc.nat(p.tokens.length - 1), j: fc.nat(p.tokens.length - 1) }),
    ),
    async (ctx, { p, i, j }) => {
      // P10: x_i = x_j makes rows and columns i and j of M, and rows of E, equal.
      const tokens = p.tokens.slice();
      tokens[j] = tokens[i];
      const r = await project(ctx, { ...ids(tokens), s: p.s, predict: { kind: 'dense' } });
      expectClose(r.m[j], r.m[i], ctx.tol, `M row ${j} vs row ${i}`);
      expectClose(r.m.map((row) => row[j]), r.m.map((row) => row[i]), ctx.tol, `M column ${j} vs column ${i}`);
      expectClose(r.e[j], r.e[i], ctx.tol, `E row ${j} vs row ${i}`);
    },
  ),
];
