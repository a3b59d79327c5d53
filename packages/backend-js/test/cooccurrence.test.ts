import { describe, expect, test } from 'vitest';
import { UnsupportedError } from '@dproj/core';
import type { CsrMatrix } from '@dproj/core';
import { F_ROWS, S_ROWS, TOY_CORPUS, corpusOf, createBackend, csrToRows, random } from './toy.ts';

/** Columns sorted strictly within each row, no explicit zeros, consistent pointers. */
function expectCanonical(c: CsrMatrix): void {
  expect(c.rowPtr.length).toBe(c.rows + 1);
  expect(c.rowPtr[0]).toBe(0);
  expect(c.rowPtr[c.rows]).toBe(c.colIdx.length);
  expect(c.values.length).toBe(c.colIdx.length);
  for (let i = 0; i < c.rows; i++) {
    for (let p = c.rowPtr[i]; p < c.rowPtr[i + 1]; p++) {
      expect(c.values[p]).not.toBe(0);
      expect(c.colIdx[p]).toBeLessThan(c.cols);
      if (p > c.rowPtr[i]) expect(c.colIdx[p]).toBeGreaterThan(c.colIdx[p - 1]);
    }
  }
}

describe('cooccurrence', () => {
  test('C.0: the toy corpus gives S = F + Fᵀ exactly, with default settings filled in', async () => {
    const backend = await createBackend();
    const result = await backend.cooccurrence(TOY_CORPUS, { window: 2 });
    expectCanonical(result.matrix);
    expect(csrToRows(result.matrix)).toEqual(S_ROWS);
    expect(result.tokens).toBe(8);
    expect(result.offsets).toBeUndefined();
    expect(result.settings).toEqual({
      window: 2,
      weighting: 'harmonic',
      direction: 'symmetric',
      zeroDiagonal: false,
      crossDocuments: false,
    });
  });

  test('C.0: forward gives F; P3 total mass ΣF = 6', async () => {
    const backend = await createBackend();
    const result = await backend.cooccurrence(TOY_CORPUS, { window: 2, direction: 'forward' });
    expectCanonical(result.matrix);
    expect(csrToRows(result.matrix)).toEqual(F_ROWS);
    expect(result.matrix.values.reduce((a, b) => a + b, 0)).toBe(6);
  });

  test('P2: offsets are the raw C⁽¹⁾, C⁽²⁾ of C.0', async () => {
    const backend = await createBackend();
    const { offsets } = await backend.cooccurrence(TOY_CORPUS, { window: 2, offsets: true });
    expect(offsets).toHaveLength(2);
    offsets?.forEach(expectCanonical);
    const [c1, c2] = (offsets ?? []).map(csrToRows);
    expect(c1).toEqual([
      [0, 1, 1, 0, 0],
      [0, 0, 1, 1, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
    ]);
    expect(c2).toEqual([
      [0, 0, 1, 0, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
  });

  test('uniform weighting counts every pair in the window once', async () => {
    const backend = await createBackend();
    const result = await backend.cooccurrence(TOY_CORPUS, { window: 2, weighting: 'uniform', direction: 'forward' });
    expect(csrToRows(result.matrix)[0]).toEqual([0, 1, 2, 0, 0]);
    expect(result.matrix.values.reduce((a, b) => a + b, 0)).toBe(2 + 1 + 2 + 1 + 1);
  });

  test('a repeated word adds twice to S_aa; zeroDiagonal removes it but keeps raw offsets', async () => {
    const backend = await createBackend();
    const corpus = corpusOf(2, [[0, 1, 0]]);
    const full = await backend.cooccurrence(corpus, { window: 2 });
    expect(csrToRows(full.matrix)).toEqual([
      [1, 2],
      [2, 0],
    ]);
    const zeroed = await backend.cooccurrence(corpus, { window: 2, zeroDiagonal: true, offsets: true });
    expectCanonical(zeroed.matrix);
    expect(csrToRows(zeroed.matrix)).toEqual([
      [0, 2],
      [2, 0],
    ]);
    expect(csrToRows(zeroed.offsets?.[1] ?? full.matrix)).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });

  test('crossDocuments lets windows run across document ends, even past an empty document', async () => {
    const backend = await createBackend();
    const corpus = corpusOf(3, [[0], [], [1, 2]]);
    const apart = await backend.cooccurrence(corpus, { window: 2, direction: 'forward' });
    expect(csrToRows(apart.matrix)).toEqual([
      [0, 0, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    const joined = await backend.cooccurrence(corpus, { window: 2, direction: 'forward', crossDocuments: true });
    expect(csrToRows(joined.matrix)).toEqual([
      [0, 1, 0.5],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    expect(joined.tokens).toBe(3);
  });

  test('an empty corpus and empty documents give S = 0 with no entries', async () => {
    const backend = await createBackend();
    for (const docs of [[], [[], []], [[3]]]) {
      const result = await backend.cooccurrence(corpusOf(4, docs), { window: 3, offsets: true });
      expect(result.matrix.rows).toBe(4);
      expect(result.matrix.colIdx.length).toBe(0);
      expect(Array.from(result.matrix.rowPtr)).toEqual([0, 0, 0, 0, 0]);
      expect(result.offsets?.map((c) => c.colIdx.length)).toEqual([0, 0, 0]);
    }
  });

  test('a window wider than every document; ΣS = 2 Σ_s Σ_d (L_s − d) f(d)', async () => {
    const backend = await createBackend();
    const next = random(11);
    const lengths = [0, 1, 2, 5, 9, 17];
    const docs = lengths.map((L) => Array.from({ length: L }, () => Math.floor((next() + 1) * 10)));
    const w = 30;
    const result = await backend.cooccurrence(corpusOf(20, docs), { window: w });
    expectCanonical(result.matrix);
    let mass = 0;
    for (const L of lengths) for (let d = 1; d <= Math.min(w, L - 1); d++) mass += (L - d) / d;
    const sum = result.matrix.values.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(2 * mass, 4);
    const rows = csrToRows(result.matrix);
    // S = F + Fᵀ is symmetric.
    expect(rows).toEqual(rows.map((row, a) => row.map((_, b) => rows[b][a])));
  });

  test('V = 50 000: pair keys beyond 2^31 land in the right row and column', async () => {
    const backend = await createBackend();
    const V = 50_000;
    const result = await backend.cooccurrence(corpusOf(V, [[V - 1, 0, V - 2, V - 1]]), { window: 1, direction: 'forward' });
    expectCanonical(result.matrix);
    const entries: [number, number, number][] = [];
    for (let i = 0; i < V; i++) {
      for (let p = result.matrix.rowPtr[i]; p < result.matrix.rowPtr[i + 1]; p++) {
        entries.push([i, result.matrix.colIdx[p], result.matrix.values[p]]);
      }
    }
    expect(entries).toEqual([
      [0, V - 2, 1],
      [V - 2, V - 1, 1],
      [V - 1, 0, 1],
    ]);
  });

  test('a huge window is sized by the longest document; V · w_eff > 2^32 is declined, not miscounted', async () => {
    const backend = await createBackend();
    const V = 100_000;
    const short = corpusOf(V, [[1, 2, 3]]);
    expect(backend.capabilities.supports('cooccurrence', { corpus: short, options: { window: 1e9 } })).toEqual({ ok: true });
    const wide = await backend.cooccurrence(short, { window: 1e9, direction: 'forward' });
    expect(wide.matrix.values.reduce((a, b) => a + b, 0)).toBe(2.5);

    const long = corpusOf(V, [Array.from({ length: 50_001 }, (_, t) => t)]);
    const support = backend.capabilities.supports('cooccurrence', { corpus: long, options: { window: 50_000 } });
    expect(support.ok).toBe(false);
    await expect(backend.cooccurrence(long, { window: 50_000 })).rejects.toBeInstanceOf(UnsupportedError);
  });

  test('reports progress in tokens up to the total', async () => {
    const backend = await createBackend();
    const docs = Array.from({ length: 200 }, (_, d) => Array.from({ length: 1000 }, (_, t) => (d * 7 + t) % 97));
    const seen: number[] = [];
    const result = await backend.cooccurrence(corpusOf(97, docs), {
      window: 2,
      onProgress: (p) => {
        expect(p.op).toBe('cooccurrence');
        expect(p.total).toBe(200_000);
        seen.push(p.done);
      },
    });
    expect(result.tokens).toBe(200_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(200_000);
    expect(seen.every((d, i) => i === 0 || d >= seen[i - 1])).toBe(true);
  });

  test('an aborted signal rejects with its reason, before and during the count', async () => {
    const backend = await createBackend();
    const before = new AbortController();
    const reason = new Error('stop');
    before.abort(reason);
    await expect(backend.cooccurrence(TOY_CORPUS, { window: 2, signal: before.signal })).rejects.toBe(reason);

    const during = new AbortController();
    const docs = Array.from({ length: 50 }, () => Array.from({ length: 20_000 }, (_, t) => t % 1000));
    const pending = backend.cooccurrence(corpusOf(1000, docs), {
      window: 5,
      signal: during.signal,
      onProgress: (p) => {
        if (p.done >= 1 << 17) during.abort(reason);
      },
    });
    await expect(pending).rejects.toBe(reason);
  });
});
