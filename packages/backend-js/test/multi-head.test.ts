import { describe, expect, test } from 'vitest';
import { fromRows, identity, toRows } from '@dproj/core';
import type { HeadWeights, Matrix } from '@dproj/core';
import { matmul } from '../src/kernels/matmul.ts';
import { closeRows, createBackend, random, randomMatrix } from './toy.ts';

// SPEC C.8, P34: n = 3, d = 4, h = 2, d_k = d_v = 2.
const H = fromRows([
  [1, 0, 2, -1],
  [0, 1, 1, 1],
  [2, -1, 0, 1],
]);
const HEAD1: HeadWeights = {
  wq: fromRows([[1, 0], [0, 1], [1, 1], [0, -1]]),
  wk: fromRows([[1, 1], [0, 1], [1, 0], [1, 0]]),
  wv: fromRows([[1, 0], [0, 0], [0, 1], [1, 1]]),
};
const HEAD2: HeadWeights = {
  wq: fromRows([[0, 1], [1, 0], [-1, 0], [1, 1]]),
  wk: fromRows([[1, 0], [0, -1], [0, 1], [1, 1]]),
  wv: fromRows([[0, 1], [1, 1], [0, 0], [1, 0]]),
};
const WO = fromRows([
  [1, 0, 0, 1],
  [0, 1, 1, 0],
  [1, 1, 0, 0],
  [0, 0, 1, 1],
]);

/** Concatenates matrices with equal row counts side by side. */
function concat(parts: Matrix[]): Matrix {
  return fromRows(toRows(parts[0]).map((_, i) => parts.flatMap((p) => toRows(p)[i])));
}

describe('multiHead', () => {
  test('P34: Concat(O₁, O₂) W_O and O₁ of the golden example', async () => {
    const backend = await createBackend();
    const result = await backend.multiHead({ h: H, heads: [HEAD1, HEAD2], wo: WO, returnWeights: true });
    expect(
      closeRows(
        result.out,
        [
          [1.8387, 0.4189, 2.0967, 3.5165],
          [1.9119, 1.4015, 2.2483, 2.7587],
          [2.2788, 1.2603, 2.1636, 3.1821],
        ],
        1e-4,
      ),
    ).toBe(true);
    const o1 = await backend.attention({ h: H, ...HEAD1, returnWeights: true });
    expect(
      closeRows(
        o1.out,
        [
          [2.5165, 1.0967],
          [1.7587, 1.2483],
          [2.1821, 1.1636],
        ],
        1e-4,
      ),
    ).toBe(true);
    expect(result.weights).toHaveLength(2);
    expect(result.weights?.[0].data).toEqual(o1.weights?.data);
  });

  test('P35: one head with W_O = I is single-head attention', async () => {
    const backend = await createBackend();
    const multi = await backend.multiHead({ h: H, heads: [HEAD2], wo: identity(2), mask: { kind: 'causal' } });
    const single = await backend.attention({ h: H, ...HEAD2, mask: { kind: 'causal' } });
    expect(multi.out.data).toEqual(single.out.data);
    expect(multi.weights).toBeUndefined();
  });

  test('P36: swapping heads with the row blocks of W_O leaves the output unchanged', async () => {
    const backend = await createBackend();
    const a = await backend.multiHead({ h: H, heads: [HEAD1, HEAD2], wo: WO });
    const swappedWo = fromRows([...toRows(WO).slice(2), ...toRows(WO).slice(0, 2)]);
    const b = await backend.multiHead({ h: H, heads: [HEAD2, HEAD1], wo: swappedWo });
    expect(b.out.data).toEqual(a.out.data);
  });

  test('heads with different d_k and d_v, a shared scale, cross context and a mask', async () => {
    const backend = await createBackend();
    const next = random(34);
    const h = randomMatrix(5, 6, next);
    const context = randomMatrix(8, 3, next);
    const heads: HeadWeights[] = [
      { wq: randomMatrix(6, 2, next), wk: randomMatrix(3, 2, next), wv: randomMatrix(3, 1, next) },
      { wq: randomMatrix(6, 4, next), wk: randomMatrix(3, 4, next), wv: randomMatrix(3, 3, next) },
      { wq: randomMatrix(6, 1, next), wk: randomMatrix(3, 1, next), wv: randomMatrix(3, 2, next) },
    ];
    const wo = randomMatrix(6, 4, next);
    const mask = { kind: 'causal' } as const;
    for (const scale of [undefined, 0.7]) {
      const result = await backend.multiHead({ h, context, heads, wo, mask, scale, returnWeights: true });
      const outs = [];
      for (const [l, head] of heads.entries()) {
        const single = await backend.attention({ h, context, ...head, mask, scale, returnWeights: true });
        expect(result.weights?.[l].data).toEqual(single.weights?.data);
        outs.push(single.out);
      }
      const expected = matmul(concat(outs), wo);
      expect(closeRows(result.out, toRows(expected), 1e-6)).toBe(true);
    }
  });
});
