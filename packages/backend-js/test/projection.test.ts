import { describe, expect, test } from 'vitest';
import { fromRows, toRows } from '@dproj/core';
import type { CsrMatrix, Matrix, Operator } from '@dproj/core';
import {
  BANK,
  F,
  LOAN,
  MONEY,
  RIVER,
  S,
  S_ROWS,
  TOY_CORPUS,
  WATER,
  closeRows,
  createBackend,
  oneHot,
  random,
  toCsr,
} from './toy.ts';

const X1 = [RIVER, BANK, WATER];
const X2 = [BANK, LOAN, MONEY];
const X3 = [BANK, RIVER, BANK];
const M_X1 = [
  [0, 1, 1.5],
  [1, 0, 1],
  [1.5, 1, 0],
];
const E_X1 = [
  [3.25, 1.5, 1, 1, 0.5],
  [1.5, 2, 1.5, 0, 0],
  [1, 1.5, 3.25, 1, 0.5],
];

/** Reverses the column order inside every row: a legal CSR input the backend must read alike. */
function unsorted(c: CsrMatrix): CsrMatrix {
  const colIdx = c.colIdx.slice();
  const values = c.values.slice();
  for (let i = 0; i < c.rows; i++) {
    colIdx.subarray(c.rowPtr[i], c.rowPtr[i + 1]).reverse();
    values.subarray(c.rowPtr[i], c.rowPtr[i + 1]).reverse();
  }
  return { ...c, colIdx, values };
}

/** Float64 reference of Q_x S_dir Q_yᵀ and (Q_x S_dir Q_yᵀ)(Q_y S_dir) from dense pieces. */
function reference(qx: number[][], qy: number[][], s: number[][], direction: 'forward' | 'backward' | 'symmetric') {
  const V = s.length;
  const sd = s.map((row, a) =>
    row.map((v, b) => (direction === 'forward' ? v : direction === 'backward' ? s[b][a] : v + s[b][a])),
  );
  const mul = (a: number[][], b: number[][]): number[][] =>
    a.map((row) => b[0].map((_, j) => row.reduce((sum, v, t) => sum + v * b[t][j], 0)));
  const tr = (a: number[][]): number[][] => a[0].map((_, j) => a.map((row) => row[j]));
  const m = mul(mul(qx, sd), tr(qy));
  const e = mul(m, mul(qy, sd));
  expect(sd.length).toBe(V);
  return { m, e };
}

function softRows(n: number, V: number, next: () => number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: V }, () => Math.fround(next())));
}

describe('projection M = Q S Qᵀ', () => {
  const operators: [string, Operator][] = [
    ['dense', S],
    ['csr', toCsr(S)],
    ['unsorted csr', unsorted(toCsr(S))],
  ];
  for (const [name, s] of operators) {
    test(`P5, P16: M(x¹) and E(x¹) from a ${name} S`, async () => {
      const backend = await createBackend();
      const result = await backend.projection({ s, tokens: Uint32Array.from(X1), predict: { kind: 'dense' } });
      expect(toRows(result.m)).toEqual(M_X1);
      expect(toRows(result.e ?? result.m)).toEqual(E_X1);
      expect(result.topk).toBeUndefined();
    });
  }

  test('P16: E(x²) and P10: M(x³), E(x³) with a duplicate token (ids as number[])', async () => {
    const backend = await createBackend();
    const s = toCsr(S);
    const e2 = await backend.projection({ s, tokens: X2, predict: { kind: 'dense' } });
    expect(toRows(e2.e ?? e2.m)).toEqual([
      [0, 1.25, 0, 0.5, 1],
      [1, 0.5, 1, 2, 0.5],
      [0.5, 1, 0.5, 0.5, 1.25],
    ]);
    const r3 = await backend.projection({ s, tokens: X3, predict: { kind: 'dense' } });
    expect(toRows(r3.m)).toEqual([
      [0, 1, 0],
      [1, 0, 1],
      [0, 1, 0],
    ]);
    expect(toRows(r3.e ?? r3.m)).toEqual([
      [0, 1, 1.5, 0, 0],
      [2, 0, 2, 2, 1],
      [0, 1, 1.5, 0, 0],
    ]);
  });

  test('P8 locality: changing S at a pair not in x¹ leaves M(x¹) unchanged', async () => {
    const backend = await createBackend();
    const changed = fromRows(S_ROWS.map((row, a) => row.map((v, b) => ((a === LOAN && b === MONEY) || (a === MONEY && b === LOAN) ? 7 : v))));
    const result = await backend.projection({ s: toCsr(changed), tokens: X1 });
    expect(toRows(result.m)).toEqual(M_X1);
  });

  test('P17: E(2S) = 4 E(S) and M(2S) = 2 M(S)', async () => {
    const backend = await createBackend();
    const twice = fromRows(S_ROWS.map((row) => row.map((v) => 2 * v)));
    const result = await backend.projection({ s: twice, tokens: X1, predict: { kind: 'dense' } });
    expect(toRows(result.m)).toEqual(M_X1.map((row) => row.map((v) => 2 * v)));
    expect(toRows(result.e ?? result.m)).toEqual(E_X1.map((row) => row.map((v) => 4 * v)));
  });

  for (const [name, f] of [
    ['dense', F],
    ['csr', toCsr(F)],
    ['unsorted csr', unsorted(toCsr(F))],
  ] as const) {
    test(`P24: forward, backward and symmetric readings of a ${name} F`, async () => {
      const backend = await createBackend();
      const forward = await backend.projection({ s: f, tokens: X1 });
      expect(toRows(forward.m)).toEqual([
        [0, 1, 1.5],
        [0, 0, 1],
        [0, 0, 0],
      ]);
      const backward = await backend.projection({ s: f, tokens: X1, direction: 'backward' });
      expect(toRows(backward.m)).toEqual([
        [0, 0, 0],
        [1, 0, 0],
        [1.5, 1, 0],
      ]);
      const symmetric = await backend.projection({ s: f, tokens: X1, direction: 'symmetric', predict: { kind: 'dense' } });
      expect(toRows(symmetric.m)).toEqual(M_X1);
      // E uses S_dir too: F + Fᵀ = S, so E matches E(x¹) of S.
      expect(toRows(symmetric.e ?? symmetric.m)).toEqual(E_X1);
      const back = await backend.projection({ s: f, tokens: X1, direction: 'backward', predict: { kind: 'dense' } });
      const ref = reference(toRows(oneHot(X1, 5)), toRows(oneHot(X1, 5)), toRows(F), 'backward');
      expect(toRows(back.e ?? back.m)).toEqual(ref.e);
    });
  }

  test('top-k of E: highest first, ties to the lower id, k = V sorts the row', async () => {
    const backend = await createBackend();
    const two = await backend.projection({ s: toCsr(S), tokens: X1, predict: { kind: 'topk', k: 2 } });
    expect(two.e).toBeUndefined();
    expect(two.topk?.k).toBe(2);
    expect(Array.from(two.topk?.ids ?? [])).toEqual([0, 1, 1, 0, 2, 1]);
    expect(Array.from(two.topk?.scores ?? [])).toEqual([3.25, 1.5, 2, 1.5, 3.25, 1.5]);
    const all = await backend.projection({ s: S, tokens: X1, predict: { kind: 'topk', k: 5 } });
    expect(Array.from(all.topk?.ids ?? [])).toEqual([0, 1, 2, 3, 4, 1, 0, 2, 3, 4, 2, 1, 0, 3, 4]);
    expect(Array.from(all.topk?.scores.subarray(5, 10) ?? [])).toEqual([2, 1.5, 1.5, 0, 0]);
  });

  test('P37: cross projection M_xy = Q_x S Q_yᵀ, and E = M (Q_y S)', async () => {
    const backend = await createBackend();
    const x = [RIVER, LOAN];
    const y = [BANK, WATER, MONEY];
    const result = await backend.projection({ s: toCsr(S), tokens: x, other: { tokens: y }, predict: { kind: 'dense' } });
    expect(toRows(result.m)).toEqual([
      [1, 1.5, 0],
      [1, 0, 1],
    ]);
    const ref = reference(toRows(oneHot(x, 5)), toRows(oneHot(y, 5)), S_ROWS, 'forward');
    expect(toRows(result.e ?? result.m)).toEqual(ref.e);
    // The off-diagonal block of M(x ⊕ y).
    const joint = await backend.projection({ s: S, tokens: [...x, ...y] });
    expect(toRows(joint.m).slice(0, 2).map((row) => row.slice(2))).toEqual(toRows(result.m));
  });

  test('cross projection with a rectangular V_x×V_y operator', async () => {
    const backend = await createBackend();
    const sxy = fromRows([
      [0, 2, 0],
      [1, 0, 3],
    ]);
    for (const s of [sxy, toCsr(sxy)]) {
      const result = await backend.projection({ s, tokens: [1, 0, 1], other: { tokens: [2, 1] } });
      expect(toRows(result.m)).toEqual([
        [3, 0],
        [0, 2],
        [3, 0],
      ]);
    }
  });

  test('a soft selector of one-hot rows equals token ids; random soft selectors match float64', async () => {
    const backend = await createBackend();
    const hard = await backend.projection({ s: toCsr(S), q: oneHot(X1, 5), predict: { kind: 'dense' } });
    expect(toRows(hard.m)).toEqual(M_X1);
    expect(toRows(hard.e ?? hard.m)).toEqual(E_X1);

    const next = random(5);
    const qx = softRows(4, 5, next);
    const qy = softRows(3, 5, next);
    for (const direction of ['forward', 'backward', 'symmetric'] as const) {
      for (const s of [F, toCsr(F)]) {
        const self = await backend.projection({ s, q: fromRows(qx), direction, predict: { kind: 'dense' } });
        const refSelf = reference(qx, qx, toRows(F), direction);
        expect(closeRows(self.m, refSelf.m, 1e-5)).toBe(true);
        expect(closeRows(self.e ?? self.m, refSelf.e, 1e-5)).toBe(true);
        // Mixed: soft x against token y, and tokens x against soft y.
        const mixed = await backend.projection({ s, q: fromRows(qx), other: { tokens: X2 }, direction, predict: { kind: 'dense' } });
        const refMixed = reference(qx, toRows(oneHot(X2, 5)), toRows(F), direction);
        expect(closeRows(mixed.m, refMixed.m, 1e-5)).toBe(true);
        expect(closeRows(mixed.e ?? mixed.m, refMixed.e, 1e-5)).toBe(true);
        const other = await backend.projection({ s, tokens: X3, other: { q: fromRows(qy) }, direction, predict: { kind: 'dense' } });
        const refOther = reference(toRows(oneHot(X3, 5)), qy, toRows(F), direction);
        expect(closeRows(other.m, refOther.m, 1e-5)).toBe(true);
        expect(closeRows(other.e ?? other.m, refOther.e, 1e-5)).toBe(true);
      }
    }
  });

  test('n = 1, a word with an all-zero row of S, and S = 0', async () => {
    const backend = await createBackend();
    const one = await backend.projection({ s: toCsr(S), tokens: [BANK], predict: { kind: 'dense' } });
    expect(toRows(one.m)).toEqual([[0]]);
    expect(toRows(one.e ?? one.m)).toEqual([[0, 0, 0, 0, 0]]);
    const withZeroRow = fromRows([...S_ROWS.map((row) => [...row, 0]), [0, 0, 0, 0, 0, 0]]);
    const r = await backend.projection({ s: toCsr(withZeroRow), tokens: [5, RIVER], predict: { kind: 'topk', k: 2 } });
    expect(toRows(r.m)).toEqual([
      [0, 0],
      [0, 0],
    ]);
    // Both rows of M, hence of E, are zero: the top-2 are the lowest ids with score 0.
    expect(Array.from(r.topk?.ids ?? [])).toEqual([0, 1, 0, 1]);
    const empty: CsrMatrix = { rows: 5, cols: 5, rowPtr: new Uint32Array(6), colIdx: new Uint32Array(0), values: new Float32Array(0) };
    const z = await backend.projection({ s: empty, tokens: X1, direction: 'symmetric', predict: { kind: 'dense' } });
    expect(Array.from(z.m.data).every((v) => v === 0)).toBe(true);
    expect(Array.from(z.e?.data ?? [1]).every((v) => v === 0)).toBe(true);
  });
});

describe('positional refinements', () => {
  test('P29: offset projection of x¹ and its shift invariance', async () => {
    const backend = await createBackend();
    const { matrix, offsets = [] } = await backend.cooccurrence(TOY_CORPUS, { window: 2, offsets: true });
    const pos = await backend.projection({ s: matrix, tokens: X1, positional: { kind: 'offset', offsets } });
    expect(toRows(pos.m)).toEqual([
      [0, 1, 0.5],
      [1, 0, 1],
      [0.5, 1, 0],
    ]);
    const sub = await backend.projection({ s: matrix, tokens: [BANK, WATER], positional: { kind: 'offset', offsets } });
    expect(toRows(sub.m)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    const uniform = await backend.projection({
      s: matrix,
      tokens: X1,
      positional: { kind: 'offset', offsets, weighting: 'uniform' },
    });
    expect(toRows(uniform.m)).toEqual([
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
    ]);
  });

  test('P29: E uses the refined M^pos; offsets shorter than the sequence leave far pairs 0', async () => {
    const backend = await createBackend();
    const { matrix, offsets = [] } = await backend.cooccurrence(TOY_CORPUS, { window: 2, offsets: true });
    const result = await backend.projection({
      s: matrix,
      tokens: X1,
      positional: { kind: 'offset', offsets },
      predict: { kind: 'dense' },
    });
    const mpos = [
      [0, 1, 0.5],
      [1, 0, 1],
      [0.5, 1, 0],
    ];
    const expected = mpos.map((row) => S_ROWS[0].map((_, b) => row.reduce((sum, v, j) => sum + v * S_ROWS[X1[j]][b], 0)));
    expect(toRows(result.e ?? result.m)).toEqual(expected);
    const nearOnly = await backend.projection({ s: matrix, tokens: X1, positional: { kind: 'offset', offsets: offsets.slice(0, 1) } });
    expect(toRows(nearOnly.m)).toEqual([
      [0, 1, 0],
      [1, 0, 1],
      [0, 1, 0],
    ]);
  });

  test('P30: distance kernel K ∘ M, κ ≡ 1 gives M back, κ beyond its length is 0', async () => {
    const backend = await createBackend();
    const kernel = await backend.projection({ s: S, tokens: X1, positional: { kind: 'kernel', kappa: [1, 1, 0.5] } });
    expect(toRows(kernel.m)).toEqual([
      [0, 1, 0.75],
      [1, 0, 1],
      [0.75, 1, 0],
    ]);
    const ones = await backend.projection({ s: S, tokens: X1, positional: { kind: 'kernel', kappa: Float32Array.of(1, 1, 1) } });
    expect(toRows(ones.m)).toEqual(M_X1);
    const short = await backend.projection({ s: toCsr(S), tokens: X1, positional: { kind: 'kernel', kappa: [1, 2] } });
    expect(toRows(short.m)).toEqual([
      [0, 2, 0],
      [2, 0, 2],
      [0, 2, 0],
    ]);
  });
});

describe('large sparse operators', () => {
  test('V = 50 000, n = 2048: M is the gather S[x_i, x_j]; top-k of E for n = 256 matches float64', async () => {
    const backend = await createBackend();
    const V = 50_000;
    const next = random(99);
    const id = (): number => Math.floor(((next() + 1) / 2) * V);
    // The sequence uses 300 words, each linked to 30 of the others; every row also gets 8 random
    // entries. Columns come out unsorted (in insertion order) and unique.
    const words = Array.from({ length: 300 }, id);
    const rows: Map<number, number>[] = Array.from({ length: V }, () => new Map<number, number>());
    for (const a of words) for (let t = 0; t < 30; t++) rows[a].set(words[Math.floor(((next() + 1) / 2) * 300)], Math.fround(next() + 2));
    for (let a = 0; a < V; a++) for (let t = 0; t < 8; t++) rows[a].set(id(), Math.fround(next() + 2));
    const rowPtr = new Uint32Array(V + 1);
    const cols: number[] = [];
    const vals: number[] = [];
    rows.forEach((row, a) => {
      for (const [b, v] of row) {
        cols.push(b);
        vals.push(v);
      }
      rowPtr[a + 1] = cols.length;
    });
    const s: CsrMatrix = { rows: V, cols: V, rowPtr, colIdx: Uint32Array.from(cols), values: Float32Array.from(vals) };
    const tokens = Uint32Array.from({ length: 2048 }, () => words[Math.floor(((next() + 1) / 2) * 300)]);
    const result = await backend.projection({ s, tokens, direction: 'backward' });
    // backward: M_ij = Sᵀ[x_i, x_j] = S[x_j, x_i].
    let hits = 0;
    let misses = 0;
    for (let i = 0; i < 2048; i += 7) {
      for (let j = 0; j < 2048; j++) {
        const v = rows[tokens[j]].get(tokens[i]) ?? 0;
        if (v !== 0) hits++;
        if (result.m.data[i * 2048 + j] !== v) misses++;
      }
    }
    expect(hits).toBeGreaterThan(1000);
    expect(misses).toBe(0);

    const head = tokens.subarray(0, 256);
    const k = 5;
    const predicted = await backend.projection({ s, tokens: head, predict: { kind: 'topk', k } });
    const m: Matrix = predicted.m;
    for (const i of [0, 17, 255]) {
      const e = new Map<number, number>();
      for (let j = 0; j < 256; j++) {
        const mij = m.data[i * 256 + j];
        for (const [b, v] of rows[head[j]]) e.set(b, (e.get(b) ?? 0) + mij * v);
      }
      const best = [...e].sort((p, q) => q[1] - p[1] || p[0] - q[0]).slice(0, k);
      expect(best[k - 1][1]).toBeGreaterThan(0);
      expect(Array.from(predicted.topk?.ids.subarray(i * k, i * k + k) ?? [])).toEqual(best.map(([b]) => b));
      for (const [t, [, v]] of best.entries()) expect(predicted.topk?.scores[i * k + t]).toBeCloseTo(v, 3);
    }
  });
});
