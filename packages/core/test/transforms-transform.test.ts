import { describe, expect, it } from 'vitest';
import { csrGet, csrToDense, denseToCsr } from '../src/csr/csr.ts';
import { csrProblem } from '../src/csr/check-csr.ts';
import { ResourceLimitError, ShapeError, ValueError } from '../src/errors/errors.ts';
import { transform, type TransformSpec } from '../src/transforms/transform.ts';
import { type CsrMatrix, type Matrix, fromRows, isCsr, toRows } from '../src/types/matrix.ts';

// SPEC C.0: rows/cols river, bank, water, loan, money.
const S_ROWS = [
  [0, 1, 1.5, 0, 0],
  [1, 0, 1, 1, 0.5],
  [1.5, 1, 0, 0, 0],
  [0, 1, 0, 0, 1],
  [0, 0.5, 0, 1, 0],
];
const [RIVER, BANK, WATER, LOAN, MONEY] = [0, 1, 2, 3, 4];
const dense = () => fromRows(S_ROWS);
const sparse = () => denseToCsr(dense());

const at = (m: Matrix, i: number, j: number) => m.data[i * m.cols + j]!;
const asDense = (op: ReturnType<typeof transform>): Matrix => (isCsr(op) ? csrToDense(op) : op);

function expectNoExplicitZeros(csr: CsrMatrix): void {
  expect(csrProblem(csr, { columns: 'sorted' })).toBeUndefined();
  for (const v of csr.values) expect(v).not.toBe(0);
}

describe('transform: SPEC P4 golden values', () => {
  for (const [label, make] of [
    ['dense', dense],
    ['csr', sparse],
  ] as const) {
    it(`ppmi (${label})`, () => {
      const out = transform(make(), { kind: 'ppmi' });
      expect(isCsr(out)).toBe(label === 'csr');
      const m = asDense(out);
      expect(at(m, RIVER, WATER)).toBeCloseTo(Math.log(2.88), 6);
      expect(at(m, RIVER, WATER)).toBeCloseTo(1.0578, 4);
      expect(at(m, LOAN, MONEY)).toBeCloseTo(1.3863, 4);
      expect(at(m, RIVER, BANK)).toBeCloseTo(0.3159, 4);
      expect(at(m, BANK, LOAN)).toBeCloseTo(0.539, 4);
      expect(at(m, BANK, MONEY)).toBeCloseTo(0.1335, 4);
      // PMI(bank, water) = ln(12 / (3.5 · 2.5)) > 0, PMI(water, bank) equal: PPMI is symmetric.
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(at(m, i, j)).toBe(at(m, j, i));
    });

    it(`pmi (${label}) equals log(S_ab N / (r_a k_b)) on non-zeros and 0 elsewhere`, () => {
      const m = asDense(transform(make(), { kind: 'pmi' }));
      const r = [2.5, 3.5, 2.5, 2, 1.5];
      for (let i = 0; i < 5; i++) {
        for (let j = 0; j < 5; j++) {
          const s = S_ROWS[i]![j]!;
          const expected = s === 0 ? 0 : Math.log((s * 12) / (r[i]! * r[j]!));
          expect(at(m, i, j)).toBeCloseTo(expected, 6);
          expect(at(m, i, j)).toBe(at(m, j, i));
        }
      }
    });

    it(`cond (${label}) rows sum to 1 and bank's row is (0.2857, 0, 0.2857, 0.2857, 0.1429)`, () => {
      const m = asDense(transform(make(), { kind: 'cond' }));
      const bank = toRows(m)[BANK]!;
      [0.2857, 0, 0.2857, 0.2857, 0.1429].forEach((v, j) => {
        expect(bank[j]).toBeCloseTo(v, 4);
      });
      for (const row of toRows(m)) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(at(m, RIVER, BANK)).not.toBeCloseTo(at(m, BANK, RIVER), 3);
    });

    it(`log1p (${label}): log(1 + 1.5) = 0.9163, zeros stay 0`, () => {
      const m = asDense(transform(make(), { kind: 'log1p' }));
      expect(at(m, RIVER, WATER)).toBeCloseTo(0.9163, 4);
      expect(at(m, BANK, RIVER)).toBeCloseTo(Math.LN2, 6);
      expect(at(m, RIVER, RIVER)).toBe(0);
    });

    it(`raw (${label}) is a copy of S`, () => {
      const input = make();
      const out = transform(input, { kind: 'raw' });
      expect(toRows(asDense(out))).toEqual(S_ROWS);
      expect(out).not.toBe(input);
    });

    it(`log with α (${label}) is dense: log(S + α), zeros become log α`, () => {
      const out = transform(make(), { kind: 'log', alpha: 0.5 });
      expect(isCsr(out)).toBe(false);
      const m = out as Matrix;
      expect(at(m, RIVER, WATER)).toBeCloseTo(Math.log(2), 6);
      expect(at(m, RIVER, RIVER)).toBeCloseTo(Math.log(0.5), 6);
      expect(at(m, MONEY, BANK)).toBeCloseTo(0, 6);
    });
  }
});

describe('transform: storage and properties', () => {
  it('keeps CSR outputs free of explicit zeros with sorted columns', () => {
    for (const spec of [{ kind: 'raw' }, { kind: 'log1p' }, { kind: 'pmi' }, { kind: 'ppmi' }, { kind: 'cond' }] as const) {
      const out = transform(sparse(), spec);
      expect(isCsr(out)).toBe(true);
      expectNoExplicitZeros(out as CsrMatrix);
    }
  });

  it('ppmi drops the entries whose PMI is ≤ 0', () => {
    // Every PMI of the toy S is positive; here PMI_00 = ln(4 · 6 / (5 · 5)) < 0.
    const s = denseToCsr(
      fromRows([
        [4, 1],
        [1, 0],
      ]),
    );
    const pmi = transform(s, { kind: 'pmi' }) as CsrMatrix;
    expect(csrGet(pmi, 0, 0)).toBeCloseTo(Math.log(0.96), 6);
    expect(csrGet(pmi, 0, 1)).toBeCloseTo(Math.log(1.2), 6);
    const ppmi = transform(s, { kind: 'ppmi' }) as CsrMatrix;
    expect(Array.from(ppmi.rowPtr)).toEqual([0, 1, 2]);
    expect(Array.from(ppmi.colIdx)).toEqual([1, 0]);
    expectNoExplicitZeros(ppmi);
    // Toy S: every PMI is positive, so PPMI keeps all 12 entries; PMI(bank, water) = ln(12 / 8.75).
    const toy = transform(sparse(), { kind: 'ppmi' }) as CsrMatrix;
    expect(toy.values.length).toBe(12);
    expect(csrGet(toy, BANK, WATER)).toBeCloseTo(Math.log(12 / 8.75), 6);
  });

  it('does not mutate its input', () => {
    const d = dense();
    const s = sparse();
    const before = [Array.from(d.data), Array.from(s.values), Array.from(s.colIdx), Array.from(s.rowPtr)];
    for (const spec of [{ kind: 'ppmi' }, { kind: 'cond' }, { kind: 'log', alpha: 1 }] as const) {
      transform(d, spec);
      transform(s, spec);
    }
    expect([Array.from(d.data), Array.from(s.values), Array.from(s.colIdx), Array.from(s.rowPtr)]).toEqual(before);
  });

  it('accepts unsorted CSR columns and returns them sorted', () => {
    const s: CsrMatrix = {
      rows: 2,
      cols: 3,
      rowPtr: Uint32Array.of(0, 2, 3),
      colIdx: Uint32Array.of(2, 0, 1),
      values: Float32Array.of(3, 1, 2),
    };
    const out = transform(s, { kind: 'log1p' }) as CsrMatrix;
    expect(Array.from(out.colIdx)).toEqual([0, 2, 1]);
    expect(Array.from(out.values)).toEqual([Math.fround(Math.log(2)), Math.fround(Math.log(4)), Math.fround(Math.log(3))]);
  });

  it('keeps a zero row zero under cond and pmi', () => {
    const m = fromRows([
      [1, 1],
      [0, 0],
    ]);
    expect(toRows(transform(m, { kind: 'cond' }) as Matrix)).toEqual([
      [0.5, 0.5],
      [0, 0],
    ]);
    expect(toRows(transform(m, { kind: 'pmi' }) as Matrix)).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('maps S = 0 to 0 under pmi and ppmi', () => {
    const z = fromRows([
      [0, 0],
      [0, 0],
    ]);
    expect(Array.from((transform(z, { kind: 'ppmi' }) as Matrix).data)).toEqual([0, 0, 0, 0]);
  });

  it('preserves symmetry of a random symmetric S under pmi, log1p and log', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const n = 9;
    const rows = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const v = rand() < 0.4 ? 0 : Math.round(rand() * 20) / 4;
        rows[i]![j] = v;
        rows[j]![i] = v;
      }
    }
    for (const spec of [{ kind: 'pmi' }, { kind: 'ppmi' }, { kind: 'log1p' }, { kind: 'log', alpha: 2 }] as const) {
      for (const input of [fromRows(rows), denseToCsr(fromRows(rows))]) {
        const m = asDense(transform(input, spec));
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(at(m, i, j)).toBe(at(m, j, i));
      }
    }
  });

  it('context smoothing γ: pmi = log(P(a,b) / (P(a) P_c(b))) with P_c(b) = k_b^γ / Σ k^γ', () => {
    const gamma = 0.75;
    const m = transform(dense(), { kind: 'pmi', contextSmoothing: gamma }) as Matrix;
    const k = [2.5, 3.5, 2.5, 2, 1.5];
    const z = k.reduce((a, b) => a + b ** gamma, 0);
    const expected = Math.log(1.5 / 12 / ((2.5 / 12) * (2.5 ** gamma / z)));
    expect(at(m, RIVER, WATER)).toBeCloseTo(expected, 5);
    // Smoothing raises rare contexts: PMI(loan, money) goes down as money's P_c grows.
    expect(at(m, LOAN, MONEY)).toBeLessThan(Math.log(4));
    // contextSmoothing 1 is no smoothing.
    const plain = transform(dense(), { kind: 'pmi' }) as Matrix;
    expect(Array.from((transform(dense(), { kind: 'pmi', contextSmoothing: 1 }) as Matrix).data)).toEqual(
      Array.from(plain.data),
    );
  });

  it('works on rectangular operators', () => {
    const m = fromRows([
      [1, 0, 3],
      [0, 2, 2],
    ]);
    const cond = transform(m, { kind: 'cond' }) as Matrix;
    expect(toRows(cond)).toEqual([
      [0.25, 0, 0.75],
      [0, 0.5, 0.5],
    ]);
    const pmi = transform(denseToCsr(m), { kind: 'pmi' }) as CsrMatrix;
    expect(csrGet(pmi, 0, 0)).toBeCloseTo(Math.log((1 * 8) / (4 * 1)), 6);
  });
});

describe('transform: errors', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    throw new Error('expected a throw');
  };

  it('rejects NaN and ±∞ in S for every kind, naming transform, expectation and value', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const m = fromRows([
        [0, 1],
        [1, bad],
      ]);
      for (const spec of [{ kind: 'raw' }, { kind: 'ppmi' }, { kind: 'log', alpha: 1 }] as const) {
        const e = code(() => transform(m, spec)) as ValueError;
        expect(e).toBeInstanceOf(ValueError);
        expect(e.op).toBe('transform');
        expect(e.argument).toBe('s');
        expect(e.message).toContain(`transform(${spec.kind})`);
        expect(e.message).toContain(String(bad));
        expect(e.message).toContain('(1, 1)');
      }
      expect(() => transform(denseToCsr(m), { kind: 'cond' })).toThrow(/\(1, 1\)/);
    }
  });

  it('rejects negative entries except under raw', () => {
    const m = fromRows([
      [0, -1],
      [-1, 0],
    ]);
    for (const spec of [{ kind: 'log1p' }, { kind: 'pmi' }, { kind: 'ppmi' }, { kind: 'cond' }, { kind: 'log', alpha: 3 }] as const) {
      const e = code(() => transform(m, spec)) as ValueError;
      expect(e).toBeInstanceOf(ValueError);
      expect(e.message).toMatch(/≥ 0, got -1 at \(0, 1\)/);
    }
    expect(toRows(transform(m, { kind: 'raw' }) as Matrix)).toEqual([
      [0, -1],
      [-1, 0],
    ]);
  });

  it('rejects α ≤ 0 or not finite, and a bad smoothing exponent', () => {
    for (const alpha of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = code(() => transform(dense(), { kind: 'log', alpha })) as ValueError;
      expect(e).toBeInstanceOf(ValueError);
      expect(e.argument).toBe('spec.alpha');
      expect(e.message).toContain('transform(log)');
    }
    const e = code(() => transform(dense(), { kind: 'ppmi', contextSmoothing: 0 })) as ValueError;
    expect(e).toBeInstanceOf(ValueError);
    expect(e.argument).toBe('spec.contextSmoothing');
  });

  it('rejects an unknown kind', () => {
    const e = code(() => transform(dense(), { kind: 'softmax' } as unknown as TransformSpec)) as ValueError;
    expect(e).toBeInstanceOf(ValueError);
    expect(e.argument).toBe('spec.kind');
  });

  it('rejects malformed operators with ShapeError', () => {
    expect(() => transform({ rows: 2, cols: 2, data: new Float32Array(3) }, { kind: 'raw' })).toThrow(ShapeError);
    const badCsr: CsrMatrix = {
      rows: 2,
      cols: 2,
      rowPtr: Uint32Array.of(0, 1, 2),
      colIdx: Uint32Array.of(0, 2),
      values: Float32Array.of(1, 1),
    };
    expect(() => transform(badCsr, { kind: 'ppmi' })).toThrow(ShapeError);
    const duplicate: CsrMatrix = { ...badCsr, colIdx: Uint32Array.of(1, 1), rowPtr: Uint32Array.of(0, 2, 2) };
    expect(() => transform(duplicate, { kind: 'log1p' })).toThrow(/twice/);
  });

  it('refuses log(S + α) of a CSR operator whose dense form exceeds 2^28 entries', () => {
    const V = 2 ** 14 + 1;
    const huge: CsrMatrix = {
      rows: V,
      cols: V,
      rowPtr: new Uint32Array(V + 1),
      colIdx: new Uint32Array(0),
      values: new Float32Array(0),
    };
    const e = code(() => transform(huge, { kind: 'log', alpha: 1 })) as ResourceLimitError;
    expect(e).toBeInstanceOf(ResourceLimitError);
    expect(e.limit).toBe(2 ** 28);
    expect(e.requested).toBe(V * V);
    // The sparse transforms handle it.
    const ppmi = transform(huge, { kind: 'ppmi' }) as CsrMatrix;
    expect(ppmi.rows).toBe(V);
    expect(ppmi.values.length).toBe(0);
  });
});
