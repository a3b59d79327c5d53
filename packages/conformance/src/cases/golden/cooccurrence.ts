import { toyCorpus, transform } from '@dproj/core';
import { expectClose } from '../../assert.ts';
import type { ConformanceCase } from '../../case.ts';
import { check, combine, mapRows, project, operatorRows, total, toyCooccurrence, toyS, transpose } from './support.ts';
import { goldenTol } from './tolerances.ts';
import { M_X1, TOY_C1, TOY_C2, TOY_F, TOY_S, TOY_WORDS, X1 } from './toy.ts';

/** Golden cases of SPEC C.1, co-occurrence construction (P1–P4), on the toy corpus of C.0. */
export const cooccurrenceCases: readonly ConformanceCase[] = [
  {
    // P1: with a symmetric window, S = Sᵀ; the toy S is SPEC C.0's.
    id: 'cooccurrence/P1-symmetry',
    async run(ctx) {
      // The golden ids below assume SPEC C.0's vocabulary order.
      const words = toyCorpus().vocab.words;
      check(words.join(' ') === TOY_WORDS.join(' '), `toy vocabulary: expected ${TOY_WORDS.join(' ')}, got ${words.join(' ')}`);
      const result = await toyCooccurrence(ctx);
      const s = operatorRows(result.matrix);
      check(result.settings.direction === 'symmetric', `settings.direction: expected symmetric, got ${result.settings.direction}`);
      check(result.settings.weighting === 'harmonic', `settings.weighting: expected harmonic, got ${result.settings.weighting}`);
      check(result.tokens === 8, `tokens: the toy corpus has 8 tokens, got ${result.tokens}`);
      expectClose(s, TOY_S, goldenTol(ctx.tol), 'S of the toy corpus');
      expectClose(s, transpose(s), ctx.tol, 'S − Sᵀ');
    },
  },
  {
    // P2: S = Σ_{0<|k|≤w} f(|k|) C⁽ᵏ⁾, F = Σ_k f(k) C⁽ᵏ⁾, C⁽⁻ᵏ⁾ = C⁽ᵏ⁾ᵀ; S_river,water = 1 + ½ = 1.5.
    id: 'cooccurrence/P2-offset-decomposition',
    async run(ctx) {
      const sym = await toyCooccurrence(ctx, { offsets: true });
      const fwd = await toyCooccurrence(ctx, { direction: 'forward', offsets: true });
      for (const [name, result] of [['symmetric', sym], ['forward', fwd]] as const) {
        check(result.offsets?.length === 2, `${name}: offsets: expected C⁽¹⁾ and C⁽²⁾, got ${result.offsets?.length ?? 'none'}`);
        expectClose(operatorRows(result.offsets![0]), TOY_C1, ctx.tol, `${name}: C⁽¹⁾ (raw counts)`);
        expectClose(operatorRows(result.offsets![1]), TOY_C2, ctx.tol, `${name}: C⁽²⁾ (raw counts)`);
      }
      const c1 = operatorRows(sym.offsets![0]);
      const c2 = operatorRows(sym.offsets![1]);
      const f = combine(1, c1, 0.5, c2);
      const s = combine(1, combine(1, c1, 1, transpose(c1)), 0.5, combine(1, c2, 1, transpose(c2)));
      expectClose(operatorRows(fwd.matrix), f, ctx.tol, 'F = C⁽¹⁾ + ½ C⁽²⁾');
      expectClose(operatorRows(fwd.matrix), TOY_F, goldenTol(ctx.tol), 'F of the toy corpus');
      expectClose(operatorRows(sym.matrix), s, ctx.tol, 'S = C⁽¹⁾ + C⁽¹⁾ᵀ + ½ (C⁽²⁾ + C⁽²⁾ᵀ)');
      expectClose([operatorRows(sym.matrix)[0][2]], [1.5], ctx.tol, 'S(river, water)');
    },
  },
  {
    // P3: Σ F = Σ_s Σ_d (L_s − d) f(d) = 2.5 + 2.5 + 1 = 6 and Σ S = 12 (uniform f: 3 + 3 + 1 = 7).
    id: 'cooccurrence/P3-total-mass',
    async run(ctx) {
      const f = operatorRows((await toyCooccurrence(ctx, { direction: 'forward' })).matrix);
      const s = operatorRows((await toyCooccurrence(ctx)).matrix);
      const uniform = operatorRows((await toyCooccurrence(ctx, { direction: 'forward', weighting: 'uniform' })).matrix);
      expectClose([total(f)], [6], ctx.tol, 'Σ F (harmonic)');
      expectClose([total(s)], [12], ctx.tol, 'Σ S (harmonic)');
      expectClose([total(uniform)], [7], ctx.tol, 'Σ F (uniform)');
    },
  },
  {
    // P4: PPMI(S) is symmetric with PPMI(river, water) = ln 2.88; cond rows sum to 1; log1p(1.5) = 0.9163.
    id: 'cooccurrence/P4-transforms',
    async run(ctx) {
      const s = await toyS(ctx);
      const tol = goldenTol(ctx.tol);
      // PPMI of the backend's own S (core's transform), then projected through the backend.
      const ppmi = transform(s, { kind: 'ppmi' });
      const expectedPpmi = [
        [0, 0.3159, 1.0578, 0, 0],
        [0.3159, 0, 0.3159, 0.539, 0.1335],
        [1.0578, 0.3159, 0, 0, 0],
        [0, 0.539, 0, 0, 1.3863],
        [0, 0.1335, 0, 1.3863, 0],
      ];
      expectClose(operatorRows(ppmi), expectedPpmi, tol, 'PPMI(S)');
      expectClose(operatorRows(ppmi), transpose(operatorRows(ppmi)), ctx.tol, 'PPMI(S) − PPMI(S)ᵀ');
      const mPpmi = (await project(ctx, X1, ppmi)).m;
      expectClose(mPpmi, [
        [0, 0.3159, 1.0578],
        [0.3159, 0, 0.3159],
        [1.0578, 0.3159, 0],
      ], tol, 'M(x¹) of PPMI(S)');

      const cond = transform(s, { kind: 'cond' });
      const p = operatorRows(cond);
      expectClose(p.map((row) => row.reduce((a, v) => a + v, 0)), [1, 1, 1, 1, 1], ctx.tol, 'row sums of cond(S)');
      expectClose(p[1], [0.2857, 0, 0.2857, 0.2857, 0.1429], tol, 'cond(S) bank row');
      // cond is not symmetric, so M of it is not either: M_ij = P_{x_i x_j}.
      const mCond = (await project(ctx, X1, cond)).m;
      expectClose(mCond, [
        [0, 0.4, 0.6],
        [2 / 7, 0, 2 / 7],
        [0.6, 0.4, 0],
      ], tol, 'M(x¹) of cond(S)');

      const log1p = operatorRows(transform(s, { kind: 'log1p' }));
      expectClose([log1p[0][2]], [0.9163], tol, 'log1p(S)(river, water) = log 2.5');
      expectClose(log1p, mapRows(TOY_S, Math.log1p), ctx.tol, 'log1p(S)');
      expectClose((await project(ctx, X1, transform(s, { kind: 'raw' }))).m, M_X1, ctx.tol, 'M(x¹) of raw(S)');
    },
  },
];
