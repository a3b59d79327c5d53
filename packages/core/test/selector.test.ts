import { describe, expect, it } from 'vitest';
import { groupPositions, readSelector } from '../src/index.ts';

describe('readSelector', () => {
  it('reads token ids as a Uint32Array, copying a plain array and keeping a Uint32Array as it is', () => {
    const plain = [3, 1, 3];
    const fromPlain = readSelector({ tokens: plain });
    expect(fromPlain).toEqual({ kind: 'tokens', ids: Uint32Array.of(3, 1, 3), length: 3 });
    expect(plain).toEqual([3, 1, 3]);
    const typed = Uint32Array.of(0, 2);
    const fromTyped = readSelector({ tokens: typed });
    expect(fromTyped.kind === 'tokens' && fromTyped.ids).toBe(typed);
  });

  it('reads a soft selector with its row count as the length', () => {
    const q = { rows: 2, cols: 4, data: new Float32Array(8) };
    expect(readSelector({ q })).toEqual({ kind: 'soft', q, length: 2 });
  });
});

describe('groupPositions', () => {
  it('groups positions by word in order of first occurrence', () => {
    const g = groupPositions(Uint32Array.of(7, 2, 7, 5, 2, 7));
    expect(Array.from(g.words)).toEqual([7, 2, 5]);
    expect(Array.from(g.start)).toEqual([0, 3, 5, 6]);
    expect(Array.from(g.positions)).toEqual([0, 2, 5, 1, 4, 3]);
    expect(Array.from(g.groupOf)).toEqual([0, 1, 0, 2, 1, 0]);
    expect(Array.from(g.first)).toEqual([0, 1, 0, 3, 1, 0]);
  });

  it('gives empty groups for an empty sequence', () => {
    const g = groupPositions(new Uint32Array(0));
    expect(g.words.length).toBe(0);
    expect(Array.from(g.start)).toEqual([0]);
  });
});
