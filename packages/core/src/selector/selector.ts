/**
 * Helpers every backend's projection shares: reading a selector once, and grouping a sequence's
 * positions by word (rows of M and E depend on the word only, so a backend computes each word once).
 */
import type { Matrix } from '../types/matrix.ts';
import type { Selector } from '../types/operators.ts';

/** A selector Q read once: token ids (one-hot, Q_ia = [x_i = a]) or a dense soft selector n×V. */
export type SelectorData =
  | { readonly kind: 'tokens'; readonly ids: Uint32Array; readonly length: number }
  | { readonly kind: 'soft'; readonly q: Matrix; readonly length: number };

/** The selector of a sequence; number[] ids are copied into a Uint32Array (the input is left alone). */
export function readSelector(sel: Selector): SelectorData {
  if ('tokens' in sel) {
    const ids = sel.tokens instanceof Uint32Array ? sel.tokens : Uint32Array.from(sel.tokens);
    return { kind: 'tokens', ids, length: ids.length };
  }
  return { kind: 'soft', q: sel.q, length: sel.q.rows };
}

/**
 * Positions grouped by the word they hold: group g is word `words[g]` at positions
 * `positions[start[g] .. start[g+1])` (increasing); `groupOf[i]` is the group of position i and
 * `first[i]` the first position holding the same word. Rows of M and E depend on the word only.
 */
export interface PositionGroups {
  readonly words: Uint32Array;
  readonly start: Uint32Array;
  readonly positions: Uint32Array;
  readonly groupOf: Uint32Array;
  readonly first: Uint32Array;
}

/** Groups the positions of `ids` by word, in order of first occurrence. */
export function groupPositions(ids: Uint32Array): PositionGroups {
  const n = ids.length;
  const groupOf = new Uint32Array(n);
  const first = new Uint32Array(n);
  const index = new Map<number, number>();
  const firstWords: number[] = [];
  const firstPos: number[] = [];
  for (let i = 0; i < n; i++) {
    let g = index.get(ids[i]);
    if (g === undefined) {
      g = firstWords.length;
      index.set(ids[i], g);
      firstWords.push(ids[i]);
      firstPos.push(i);
    }
    groupOf[i] = g;
    first[i] = firstPos[g];
  }
  const groups = firstWords.length;
  const start = new Uint32Array(groups + 1);
  for (let i = 0; i < n; i++) start[groupOf[i] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const next = start.slice(0, groups);
  const positions = new Uint32Array(n);
  for (let i = 0; i < n; i++) positions[next[groupOf[i]]++] = i;
  return { words: Uint32Array.from(firstWords), start, positions, groupOf, first };
}
