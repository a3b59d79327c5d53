import { oracle } from '@dproj/conformance';
import { compareRows, sampleRows } from '../check.mjs';
import { randomMatrix } from '../timing.mjs';
import { lazyCase } from './case.mjs';

/**
 * C = A B for n×n seeded A, B: 2n³ flops. Input `{ n, a, b }` (dproj matrices); output `{ c }`, n×n.
 * @param {number} n
 * @returns {import('./case.mjs').BenchCase}
 */
export function matmulCase(n) {
  return lazyCase('matmul', `n=${n}`, () => {
    const a = randomMatrix(n, n, 11);
    const b = randomMatrix(n, n, 12);
    return {
      input: { n, a, b },
      flops: 2 * n ** 3,
      check: (output) => {
        const rows = sampleRows(n);
        const expected = oracle.matmul(oracle.pickRows(oracle.denseFromMatrix(a), rows), oracle.denseFromMatrix(b), n);
        return compareRows(output.c, n, expected, rows);
      },
    };
  });
}
