import { jsBackend } from '@dproj/backend-js';
import { createEngine, csrToDense, toyCorpus, vocabularyFromWords } from '@dproj/core';
import { describe, expect, it } from 'vitest';
import { stripBrownTags } from '../../build/corpora.ts';
import { attentionSetup, factorize, maxAbsDiff, relativeError, splitGroups, summedScores } from '../../src/compute/attention.ts';
import { csrAdd, directedOperator, gatherProjection } from '../../src/compute/operator.ts';
import { InputProblem, encodeSentence } from '../../src/compute/sentence.ts';
import { median, timeCall } from '../../src/compute/timing.ts';

async function toyOperators() {
  const engine = await createEngine({ backends: [jsBackend()] });
  const corpus = toyCorpus();
  const f = (await engine.cooccurrence(corpus, { window: 2, direction: 'forward' })).matrix;
  const s = (await engine.cooccurrence(corpus, { window: 2 })).matrix;
  await engine.dispose();
  return { f, s };
}

describe('operators from F', () => {
  it('csrAdd(F, Fᵀ) equals the symmetric S counted directly (SPEC B.2.3)', async () => {
    const { f, s } = await toyOperators();
    const sym = directedOperator(f, 'raw', 'symmetric');
    expect(sym.direction).toBe('forward');
    expect(Array.from(csrToDense(sym.s).data)).toEqual(Array.from(csrToDense(s).data));
  });
  it('csrAdd merges sorted rows and refuses different shapes', async () => {
    const { f } = await toyOperators();
    const twice = csrAdd(f, f);
    expect(Array.from(twice.values)).toEqual(Array.from(f.values, (v) => 2 * v));
    expect(() => csrAdd(f, { ...f, cols: 4 })).toThrow(RangeError);
  });
  it('gatherProjection reads M_ij = S[x_i, x_j], transposed for backward', async () => {
    const { f } = await toyOperators();
    const tokens = Uint32Array.of(0, 1, 2);
    const dense = csrToDense(f);
    const forward = gatherProjection(directedOperator(f, 'raw', 'forward'), tokens);
    const backward = gatherProjection(directedOperator(f, 'raw', 'backward'), tokens);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        expect(forward[i * 3 + j]).toBeCloseTo(dense.data[tokens[i]! * 5 + tokens[j]!]!, 6);
        expect(backward[i * 3 + j]).toBeCloseTo(dense.data[tokens[j]! * 5 + tokens[i]!]!, 6);
      }
    }
  });
});

describe('attention from a factorization', () => {
  it('splitGroups partitions 0..d−1 into near-equal contiguous groups', () => {
    expect(splitGroups(5, 2)).toEqual([[0, 1, 2], [3, 4]]);
    expect(splitGroups(3, 8)).toEqual([[0], [1], [2]]);
    expect(splitGroups(4, 1)).toEqual([[0, 1, 2, 3]]);
  });
  it.each(['symmetric', 'forward', 'backward'] as const)('%s: the heads’ scores add up to M at full rank', async (direction) => {
    const { f } = await toyOperators();
    const op = directedOperator(f, 'raw', direction);
    const fact = factorize(op, direction === 'symmetric', 5);
    const tokens = Uint32Array.of(0, 1, 2, 1);
    const setup = attentionSetup(fact, tokens, 2, op.direction);
    expect(setup.heads).toHaveLength(2);
    expect(relativeError(summedScores(setup), gatherProjection(op, tokens))).toBeLessThan(1e-5);
  });
  it('relativeError and maxAbsDiff', () => {
    expect(relativeError([1, 1], [1, 0])).toBe(1);
    expect(relativeError([0, 0], [0, 0])).toBe(0);
    expect(maxAbsDiff([1, 2, 3], [1, 2.5, 2])).toBe(1);
    expect(maxAbsDiff([1], [1, 2])).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('encodeSentence', () => {
  const vocab = vocabularyFromWords(['river', 'bank', 'water']);
  it('keeps known words, lists unknown ones', () => {
    const s = encodeSentence(vocab, 'The river bank, the WATER!', 'toy');
    expect(Array.from(s.tokens)).toEqual([0, 1, 2]);
    expect(s.words).toEqual(['river', 'bank', 'water']);
    expect(s.unknown).toEqual(['the']);
    expect(s.truncated).toBeUndefined();
  });
  it('truncates to the limit with a notice', () => {
    const s = encodeSentence(vocab, 'river bank water river', 'toy', 2);
    expect(Array.from(s.tokens)).toEqual([0, 1]);
    expect(s.truncated).toMatch(/first 2 of 4/);
  });
  it('refuses empty text and text with only unknown words', () => {
    expect(() => encodeSentence(vocab, '  ... ', 'toy')).toThrow(InputProblem);
    expect(() => encodeSentence(vocab, 'zebra quagga', 'toy')).toThrow(/None of the words \(“zebra”, “quagga”\)/);
  });
});

describe('build helpers', () => {
  it('stripBrownTags drops the tag after the last slash', () => {
    expect(stripBrownTags('\tThe/at jury/nn said/vbd 1/2/cd ./.')).toBe('The jury said 1/2 .');
    expect(stripBrownTags('   ')).toBe('');
  });
  it('median and timeCall keep the first call apart when cold', async () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    let calls = 0;
    const cold = await timeCall('op', 'js', true, 2, async () => ++calls);
    expect(cold.result).toBe(1);
    expect(calls).toBe(3);
    expect(cold.timing.firstMs).toBeTypeOf('number');
    expect(cold.timing.runs).toBe(2);
    const warm = await timeCall('op', 'js', false, 2, async () => ++calls);
    expect(warm.timing.firstMs).toBeUndefined();
    expect(warm.timing.runs).toBe(3);
  });
});
