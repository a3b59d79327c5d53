import type { Mask } from '@dproj/core';
import type { Rng } from './rng.ts';

/** The mask kinds the random cases draw, `none` meaning no mask. */
export type MaskKind = 'none' | Mask['kind'];

/**
 * A random mask over an n×m score matrix. Keep and bias masks mask about a quarter of the entries
 * and, when `fullyMaskedRow` is set, all of one row (padding), which must give a zero row.
 */
export function randomMask(rng: Rng, kind: MaskKind, n: number, m: number, fullyMaskedRow: boolean): Mask | undefined {
  const dead = fullyMaskedRow ? rng.int(0, n - 1) : -1;
  switch (kind) {
    case 'none':
      return undefined;
    case 'causal':
      return { kind: 'causal' };
    case 'keep': {
      const keep = new Uint8Array(n * m);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) keep[i * m + j] = i !== dead && rng.chance(0.75) ? 1 : 0;
      return { kind: 'keep', keep };
    }
    case 'bias': {
      const bias = new Float32Array(n * m);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          bias[i * m + j] = i === dead || rng.chance(0.25) ? Number.NEGATIVE_INFINITY : rng.uniform(-2, 2);
        }
      }
      return { kind: 'bias', bias };
    }
  }
}
