import { oracleCooccurrence } from '@dproj/conformance';
import { describe, expect, it } from 'vitest';
import { compareRows, compareTopK, cooccurrenceRows, sampleRows } from '../src/check.mjs';
import { zipfCorpus } from '../src/workloads/zipf-corpus.mjs';

describe('cooccurrenceRows', () => {
  it('gives the oracle rows of S = F + Fᵀ (harmonic, window inside documents)', () => {
    const corpus = zipfCorpus({ tokens: 3000, vocabularySize: 200, seed: 5 });
    const words = [0, 3, 50, 199];
    const want = oracleCooccurrence(corpus.docs, 200, { window: 4 }).matrix;
    const got = cooccurrenceRows(corpus.docs, words, 4);
    for (const a of words) {
      const expected = want.row(a);
      const actual = got.get(a) ?? new Map<number, number>();
      expect(new Set(actual.keys())).toEqual(new Set(expected.keys()));
      for (const [b, v] of expected) expect(actual.get(b)).toBeCloseTo(v, 10);
    }
  });
});

describe('zipfCorpus', () => {
  it('is the same for the same seed and has the asked-for number of tokens', () => {
    const a = zipfCorpus({ tokens: 5000, vocabularySize: 100, seed: 9 });
    const b = zipfCorpus({ tokens: 5000, vocabularySize: 100, seed: 9 });
    expect(a.docs).toEqual(b.docs);
    expect(a.docs.reduce((n, d) => n + d.length, 0)).toBe(5000);
    // Zipf: the most frequent word is word 0.
    const counts = new Array<number>(100).fill(0);
    for (const d of a.docs) for (const x of d) counts[x] = (counts[x] ?? 0) + 1;
    expect(Math.max(...counts)).toBe(counts[0]);
  });
});

describe('compareTopK', () => {
  const e = [[0, 5, 3, 5]];
  const expected = { e, scores: [[5, 5]] };
  it('accepts either word of a tie', () => {
    expect(compareTopK({ ids: [3, 1], scores: [5, 5] }, 2, expected, [0]).ok).toBe(true);
  });
  it('rejects a right score under a wrong id', () => {
    expect(compareTopK({ ids: [1, 2], scores: [5, 5] }, 2, expected, [0]).ok).toBe(false);
  });
});

describe('compareRows', () => {
  it('holds each row to its own scale, so a small row is not excused by a large one', () => {
    const expected = [
      [1e9, 0],
      [1, 2],
    ];
    expect(compareRows(Float32Array.of(1e9, 0, 1, 2.0001), 2, expected, [0, 1]).ok).toBe(true);
    expect(compareRows(Float32Array.of(1e9, 0, 1, 2.5), 2, expected, [0, 1]).ok).toBe(false);
    expect(compareRows(Float32Array.of(1e9, 0, Number.NaN, 2), 2, expected, [0, 1])).toEqual({
      maxAbsErr: Number.POSITIVE_INFINITY,
      ok: false,
    });
  });
});

describe('sampleRows', () => {
  it('checks both ends and the middle, without duplicates', () => {
    expect(sampleRows(512)).toEqual([0, 1, 255, 256, 510, 511]);
    expect(sampleRows(2)).toEqual([0, 1]);
  });
});
