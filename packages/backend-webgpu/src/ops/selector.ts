import type { Matrix, Selector } from '@dproj/core';

/** A selector Q read once: token ids (one-hot, Q_ia = [x_i = a]) or a dense soft selector (n×V). */
export type SelectorData =
  | { readonly kind: 'tokens'; readonly ids: Uint32Array; readonly length: number }
  | { readonly kind: 'soft'; readonly q: Matrix; readonly length: number };

/** The selector of a sequence; number[] ids become a Uint32Array copy (the input is left alone). */
export function readSelector(sel: Selector): SelectorData {
  if ('tokens' in sel) {
    const ids = sel.tokens instanceof Uint32Array ? sel.tokens : Uint32Array.from(sel.tokens);
    return { kind: 'tokens', ids, length: ids.length };
  }
  return { kind: 'soft', q: sel.q, length: sel.q.rows };
}

/**
 * Positions grouped by word: group u is word `words[u]` at `positions[start[u] .. start[u+1])`, groups
 * in order of first occurrence; `groupOf[i]` is the group of position i.
 */
export interface WordGroups {
  readonly words: Uint32Array;
  readonly start: Uint32Array;
  readonly positions: Uint32Array;
  readonly groupOf: Uint32Array;
}

/** Groups the positions of `ids` by the word they hold. */
export function groupWords(ids: Uint32Array): WordGroups {
  const groupOf = new Uint32Array(ids.length);
  const index = new Map<number, number>();
  const words: number[] = [];
  ids.forEach((id, i) => {
    let g = index.get(id);
    if (g === undefined) {
      g = words.length;
      index.set(id, g);
      words.push(id);
    }
    groupOf[i] = g;
  });
  const start = new Uint32Array(words.length + 1);
  for (const g of groupOf) start[g + 1]++;
  for (let g = 0; g < words.length; g++) start[g + 1] += start[g];
  const next = start.slice(0, words.length);
  const positions = new Uint32Array(ids.length);
  groupOf.forEach((g, i) => {
    positions[next[g]++] = i;
  });
  return { words: Uint32Array.from(words), start, positions, groupOf };
}

/** The one-hot n×U matrix L_iu = [x_i is group u's word]: the host layout of Q_x restricted to its words. */
export function oneHotGroups(groups: WordGroups): Float32Array {
  const u = groups.words.length;
  const out = new Float32Array(groups.groupOf.length * u);
  groups.groupOf.forEach((g, i) => {
    out[i * u + g] = 1;
  });
  return out;
}
