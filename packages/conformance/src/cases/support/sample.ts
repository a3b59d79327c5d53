import type { Rng } from './rng.ts';

/**
 * Row indices to check on a long sequence: the first and last rows, the rows around the common tile
 * edges (63, 64, 65, 127, 128, 255, 256, …) below n, and random others, `count` in all, ascending.
 */
export function sampleRows(rng: Rng, n: number, count: number): number[] {
  const picked = new Set<number>([0, 1, n - 1]);
  for (let edge = 64; edge < n; edge *= 2) for (const i of [edge - 1, edge, edge + 1]) if (i < n) picked.add(i);
  while (picked.size < Math.min(count, n)) picked.add(rng.int(0, n - 1));
  return [...picked].filter((i) => i >= 0 && i < n).sort((a, b) => a - b);
}
