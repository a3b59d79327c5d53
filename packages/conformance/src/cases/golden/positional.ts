import { toRows } from '@dproj/core';
import { expectClose } from '../../assert.ts';
import type { ConformanceCase } from '../../case.ts';
import {
  block,
  check,
  combine,
  eye,
  hstack,
  mat,
  matmul,
  oneHot,
  project,
  softmaxRows,
  symmetricEigenvalues,
  toyCooccurrence,
  transpose,
  vstack,
} from './support.ts';
import type { Dense } from '../../oracle/dense.ts';
import { goldenTol } from './tolerances.ts';
import { BANK, M_X1, RIVER, TOY_C1, TOY_C2, TOY_S, TOY_V, TOY_W, WATER, X1 } from './toy.ts';

/** P̂ of P31: p₀ = (0, 1), p₁ = (1, 0), p₂ = (1, 1). */
const P_HAT: Dense = [
  [0, 1],
  [1, 0],
  [1, 1],
];

/** The sinusoidal table (Vaswani): P̂_{p,2i} = sin(p ωᵢ), P̂_{p,2i+1} = cos(p ωᵢ), ωᵢ = 10000^(−2i/d). */
function sinusoidal(n: number, d: number): number[][] {
  return Array.from({ length: n }, (_, p) =>
    Array.from({ length: d }, (_, c) => {
      const omega = 10000 ** (-(2 * Math.floor(c / 2)) / d);
      return c % 2 === 0 ? Math.sin(p * omega) : Math.cos(p * omega);
    }),
  );
}

/** M^pos_ij = f(|j−i|) C⁽ʲ⁻ⁱ⁾_{x_i x_j} for 1 ≤ |j−i| ≤ 2 with f(d) = 1/d, C⁽⁻ᵏ⁾ = C⁽ᵏ⁾ᵀ, from the toy counts. */
function offsetProjection(x: readonly number[], weight: (d: number) => number): number[][] {
  const counts = [TOY_C1, TOY_C2];
  return x.map((a, i) =>
    x.map((b, j) => {
      const k = j - i;
      if (k === 0 || Math.abs(k) > counts.length) return 0;
      const c = counts[Math.abs(k) - 1];
      return weight(Math.abs(k)) * (k > 0 ? c[a][b] : c[b][a]);
    }),
  );
}

/** Golden cases of SPEC C.7, the positional refinement (P29–P31). */
export const positionalCases: readonly ConformanceCase[] = [
  {
    // P29: M^pos(x¹) = [[0,1,0.5],[1,0,1],[0.5,1,0]] (offset 2 only for river–water), symmetric, shift invariant.
    id: 'projection/P29-offset-projection',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const { matrix: s, offsets } = await toyCooccurrence(ctx, { offsets: true });
      check(offsets !== undefined, 'cooccurrence: offsets were asked for, but none came back');
      const positional = { kind: 'offset', offsets: offsets!, weighting: 'harmonic' } as const;
      const mPos = toRows((await ctx.engine.projection({ tokens: X1, s, positional })).m);
      expectClose(mPos, [
        [0, 1, 0.5],
        [1, 0, 1],
        [0.5, 1, 0],
      ], tol, 'M^pos(x¹)');
      expectClose(mPos, transpose(mPos), ctx.tol, 'M^pos − (M^pos)ᵀ');
      const sub = (await ctx.engine.projection({ tokens: [BANK, WATER], s, positional })).m;
      expectClose(sub, [
        [0, 1],
        [1, 0],
      ], tol, 'M^pos(bank, water)');
      expectClose(sub, block(mPos, [1, 2], [1, 2]), ctx.tol, 'M^pos(bank, water) − M^pos(x¹)[1:, 1:]');
      // A longer sequence with repeats, against the definition; and uniform weighting f ≡ 1.
      const x = [RIVER, BANK, WATER, RIVER, WATER, BANK];
      const harmonic = (await ctx.engine.projection({ tokens: x, s, positional })).m;
      expectClose(harmonic, offsetProjection(x, (d) => 1 / d), ctx.tol, 'M^pos against its definition (harmonic)');
      const uniform = (await ctx.engine.projection({ tokens: x, s, positional: { ...positional, weighting: 'uniform' } })).m;
      expectClose(uniform, offsetProjection(x, () => 1), ctx.tol, 'M^pos against its definition (uniform)');
    },
  },
  {
    // P30: K ∘ M(x¹) with κ = (1, 1, ½) is [[0,1,0.75],[1,0,1],[0.75,1,0]]; κ ≡ 1 gives M; Schur keeps PSD.
    id: 'projection/P30-distance-kernel',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const s = mat(TOY_S);
      const kernel = (kappa: readonly number[]) => ({ kind: 'kernel', kappa }) as const;
      expectClose((await ctx.engine.projection({ tokens: X1, s, positional: kernel([1, 1, 0.5]) })).m, [
        [0, 1, 0.75],
        [1, 0, 1],
        [0.75, 1, 0],
      ], tol, 'K ∘ M(x¹)');
      expectClose((await ctx.engine.projection({ tokens: X1, s, positional: kernel([1, 1, 1]) })).m, M_X1, ctx.tol, 'κ ≡ 1 gives M');
      // κ is 0 beyond its length: κ = (1, 1) drops the distance-2 pair.
      expectClose((await ctx.engine.projection({ tokens: X1, s, positional: kernel([1, 1]) })).m, [
        [0, 1, 0],
        [1, 0, 1],
        [0, 1, 0],
      ], ctx.tol, 'κ = (1, 1), 0 beyond');
      // Schur: K_ij = 0.5^|i−j| on Q(S + 1.5 I)Qᵀ gives eigenvalues (0.956, 1.125, 2.419), printed to 3 decimals.
      const shifted = mat(combine(1, TOY_S, 1.5, eye(TOY_V)));
      const schur = toRows((await ctx.engine.projection({ tokens: X1, s: shifted, positional: kernel([1, 0.5, 0.25]) })).m);
      const eigenvalues = symmetricEigenvalues(schur);
      expectClose(eigenvalues, [0.956, 1.125, 2.419], goldenTol(ctx.tol, 5e-4), 'eigenvalues of K ∘ Q(S + 1.5 I)Qᵀ');
      check(eigenvalues[0] > 0, `K ∘ M must stay positive definite, smallest eigenvalue ${eigenvalues[0]}`);
    },
  },
  {
    // P31: H = QW + P̂ splits H Hᵀ into four terms and equals [Q I] S̃ [Q I]ᵀ; the sinusoidal Gram is Toeplitz (2, 1.5403, 0.5837, 0.0096).
    id: 'projection/P31-augmented-projection',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const w = TOY_W;
      const i3 = eye(3);
      const contentContent = (await project(ctx, X1, mat(matmul(w, transpose(w))))).m;
      const contentPos = (await ctx.engine.projection({ tokens: X1, other: { q: mat(i3) }, s: mat(matmul(w, transpose(P_HAT))) })).m;
      const posContent = (await ctx.engine.projection({ q: mat(i3), other: { tokens: X1 }, s: mat(matmul(P_HAT, transpose(w))) })).m;
      const posPos = (await ctx.engine.projection({ q: mat(i3), s: mat(matmul(P_HAT, transpose(P_HAT))) })).m;
      expectClose(contentContent, [
        [1, 1, 0],
        [1, 2, 1],
        [0, 1, 1],
      ], tol, 'content–content Q W Wᵀ Qᵀ');
      expectClose(contentPos, [
        [0, 1, 1],
        [1, 1, 2],
        [1, 0, 1],
      ], tol, 'content–pos Q W P̂ᵀ');
      expectClose(posContent, transpose(toRows(contentPos)), ctx.tol, 'pos–content − (content–pos)ᵀ');
      expectClose(posPos, [
        [1, 0, 1],
        [0, 1, 1],
        [1, 1, 2],
      ], tol, 'pos–pos P̂ P̂ᵀ');
      const hhT = [
        [2, 3, 3],
        [3, 5, 4],
        [3, 4, 5],
      ];
      const sum = [contentContent, contentPos, posContent, posPos].map(toRows).reduce((acc, t) => combine(1, acc, 1, t));
      expectClose(sum, hhT, ctx.tol, 'the four terms sum to H Hᵀ');
      // The augmented selector [Q I] over words ⊕ positions with S̃ = [[W Wᵀ, W P̂ᵀ], [P̂ Wᵀ, P̂ P̂ᵀ]].
      const qTilde = hstack(oneHot(X1, TOY_V), i3);
      const sTilde = vstack(
        hstack(matmul(w, transpose(w)), matmul(w, transpose(P_HAT))),
        hstack(matmul(P_HAT, transpose(w)), matmul(P_HAT, transpose(P_HAT))),
      );
      expectClose((await ctx.engine.projection({ q: mat(qTilde), s: mat(sTilde) })).m, hhT, ctx.tol, '[Q I] S̃ [Q I]ᵀ − H Hᵀ');
      // Through attention: H = Q W + P̂ with W_Q = W_K = I (G = I) and scale 1 attends by softmax(H Hᵀ).
      const h = combine(1, matmul(oneHot(X1, TOY_V), w), 1, P_HAT);
      const a = await ctx.engine.attention({ h: mat(h), wq: mat(eye(2)), wk: mat(eye(2)), wv: mat(eye(2)), scale: 1, returnWeights: true });
      expectClose(a.weights!, softmaxRows(hhT), ctx.tol, 'softmax(H Hᵀ) − attention weights of H = QW + P̂');
      // Sinusoidal table, d = 4, n = 4: its Gram ⟨P̂_p, P̂_q⟩ = Σᵢ cos((p − q) ωᵢ) is Toeplitz.
      const table = sinusoidal(4, 4);
      const gram = toRows((await ctx.engine.projection({ q: mat(table), s: mat(eye(4)) })).m);
      expectClose(gram[0], [2, 1.5403, 0.5837, 0.0096], tol, 'sinusoidal Gram, first row');
      const toeplitz = gram.map((row, p) => row.map((_, q) => gram[0][Math.abs(p - q)]));
      expectClose(gram, toeplitz, ctx.tol, 'sinusoidal Gram − its Toeplitz form');
    },
  },
];
