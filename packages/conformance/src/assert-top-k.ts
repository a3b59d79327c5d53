import type { TopK } from '@dproj/core';
import type { Tolerance } from './tolerance.ts';
import { topKOfRow } from './oracle/top-k.ts';

/**
 * Asserts a top-k result against the oracle's dense E rows (`rows[r]` is row `rowIndex[r]` of E):
 * k and the array lengths; ids distinct and in range; each score equal to E at its id; the scores equal
 * to the oracle's k best, in order. Where the oracle's value at a rank is apart from every other value
 * by more than twice the tolerance, the id must be the oracle's: this checks the ordering and the tie
 * rule (equal scores → lower id first) without failing on near-ties a float32 backend cannot resolve.
 */
export function expectTopK(
  actual: TopK | undefined,
  k: number,
  n: number,
  rows: readonly (readonly number[])[],
  rowIndex: readonly number[],
  tol: Tolerance,
  what: string,
): void {
  if (actual === undefined) throw new Error(`${what}: top-k missing`);
  if (actual.k !== k || actual.ids.length !== n * k || actual.scores.length !== n * k) {
    throw new Error(
      `${what}: expected k = ${k} with ${n * k} ids and scores, got k = ${actual.k}, ${actual.ids.length} ids, ${actual.scores.length} scores`,
    );
  }
  rows.forEach((e, r) => {
    const i = rowIndex[r];
    const where = `${what} row ${i}`;
    let scale = 1;
    for (const x of e) scale = Math.max(scale, Math.abs(x));
    const bound = tol.atol + tol.rtol * scale;
    const want = topKOfRow(e, k);
    const ids = Array.from(actual.ids.subarray(i * k, (i + 1) * k));
    const scores = Array.from(actual.scores.subarray(i * k, (i + 1) * k));
    if (new Set(ids).size !== k) throw new Error(`${where}: ids are not distinct: ${ids.join(', ')}`);
    for (let p = 0; p < k; p++) {
      const id = ids[p];
      if (id >= e.length) throw new Error(`${where}: id ${id} ≥ V = ${e.length}`);
      if (!(Math.abs(scores[p] - e[id]) <= bound)) {
        throw new Error(`${where}: rank ${p} says id ${id} scores ${scores[p]}, but E[${i}, ${id}] = ${e[id]}`);
      }
      if (!(Math.abs(scores[p] - want.scores[p]) <= bound)) {
        throw new Error(`${where}: rank ${p} scores ${scores[p]} (id ${id}), expected ${want.scores[p]} (id ${want.ids[p]})`);
      }
      const v = want.scores[p];
      const separated = e.every((x) => x === v || Math.abs(x - v) > 2 * bound);
      if (separated && id !== want.ids[p]) {
        throw new Error(
          `${where}: rank ${p} is id ${id}, expected id ${want.ids[p]} (score ${v}; equal scores keep the lower id first)`,
        );
      }
    }
  });
}
