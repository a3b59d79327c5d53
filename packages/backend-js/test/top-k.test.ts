import { describe, expect, test } from 'vitest';
import { topKInto } from '../src/kernels/top-k.ts';
import { random } from './toy.ts';

function run(row: number[], k: number): { ids: number[]; scores: number[] } {
  const ids = new Uint32Array(k + 1).fill(99);
  const scores = new Float32Array(k + 1).fill(99);
  topKInto(Float64Array.from(row), row.length, k, ids, scores, 1, new Uint32Array(k));
  expect(ids[0]).toBe(99);
  return { ids: Array.from(ids.subarray(1)), scores: Array.from(scores.subarray(1)) };
}

describe('top-k selection', () => {
  test('highest first, ties to the lower id', () => {
    expect(run([1, 3, 2, 3, 0, 2], 4)).toEqual({ ids: [1, 3, 2, 5], scores: [3, 3, 2, 2] });
  });

  test('zeros and negatives fill by id when there are few positive entries', () => {
    expect(run([0, -1, 0, 5, 0], 4)).toEqual({ ids: [3, 0, 2, 4], scores: [5, 0, 0, 0] });
  });

  test('k = V is a full stable sort by score', () => {
    const next = random(3);
    const row = Array.from({ length: 200 }, () => Math.round(next() * 5));
    const expected = row
      .map((v, i) => ({ v, i }))
      .sort((a, b) => b.v - a.v || a.i - b.i)
      .map((e) => e.i);
    expect(run(row, 200).ids).toEqual(expected);
  });
});
