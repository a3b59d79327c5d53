import { describe, expect, test } from 'vitest';
import { matmulInto } from '../src/ops/matmul.ts';
import { freshWasm, naiveMatmul, random, randomMatrix, relError } from './helpers.ts';

describe('matmul kernel (4×8 tiles over packed panels)', async () => {
  const wasm = await freshWasm();
  // Sizes on both sides of the 4-row, 8-column, 128-column (panel group) and 256-deep blocks.
  for (const size of [1, 7, 63, 64, 65, 129, 257]) {
    test(`A ${size}×${size + 2} · B ${size + 2}×${size + 1} equals the float64 loop`, async () => {
      const next = random(size);
      const a = randomMatrix(size, size + 2, next);
      const b = randomMatrix(size + 2, size + 1, next);
      const { arena } = wasm;
      const ap = arena.copyIn(a.data, 'a');
      const bp = arena.copyIn(b.data, 'b');
      const cp = arena.alloc(size * (size + 1) * 4, 'c');
      const live = arena.liveBlocks;
      await matmulInto(wasm, { ptr: ap, ld: a.cols }, { ptr: bp, ld: b.cols }, { ptr: cp, ld: b.cols }, size, size + 1, size + 2);
      const c = arena.f32(cp, size * (size + 1)).slice();
      // float32 sums of k terms: error ≈ √k ulps.
      expect(relError(c, naiveMatmul(a, b))).toBeLessThan(2e-6 * Math.sqrt(size + 2));
      // The packed panels are scratch: released on return.
      expect(arena.liveBlocks).toBe(live);
      arena.reset();
    });
  }

  test('strided blocks: a column slice of A times B into a column slice of C', async () => {
    const next = random(7);
    const a = randomMatrix(9, 12, next);
    const b = randomMatrix(5, 3, next);
    const { arena } = wasm;
    const ap = arena.copyIn(a.data, 'a');
    const bp = arena.copyIn(b.data, 'b');
    const cp = arena.zeros(9 * 10 * 4, 'c');
    // A[:, 4..9) · B into C[:, 2..5).
    await matmulInto(wasm, { ptr: ap + 16, ld: 12 }, { ptr: bp, ld: 3 }, { ptr: cp + 8, ld: 10 }, 9, 3, 5);
    const c = arena.f32(cp, 90);
    for (let i = 0; i < 9; i++) {
      for (let j = 0; j < 10; j++) {
        let s = 0;
        if (j >= 2 && j < 5) for (let t = 0; t < 5; t++) s += a.data[i * 12 + 4 + t] * b.data[t * 3 + j - 2];
        expect(c[i * 10 + j]).toBeCloseTo(s, 5);
      }
    }
    arena.reset();
  });
});
