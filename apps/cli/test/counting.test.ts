import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsBackend } from '@dproj/backend-js';
import { type CooccurrenceResult, type CsrMatrix, buildCorpus, createEngine, tokenize } from '@dproj/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusText } from '../src/corpora/corpora.ts';
import { type CountRequest, countCooccurrence } from '../src/counting/count-cooccurrence.ts';
import { LineScanner } from '../src/counting/line-scanner.ts';
import { parseMemorySize } from '../src/counting/memory-size.ts';
import type { PairSettings } from '../src/counting/settings.ts';
import { withWorkDir } from '../src/counting/work-dir.ts';
import { WordMap } from '../src/counting/word-map.ts';

// Non-ASCII and edge cases the fast path must hand to core's tokenizer or get right on its own.
const TRICKY = [
  "Don't stop-the state-of-the-art o'clock COVID-19 1-2 dogs' -- 3.14",
  'Café crème, naïve cafe\u0301 “quoted” don’t re‐enter 北京 東京',
  "a-'b x'-y ab-c- -d e''f g--h ABC-DEF",
  '',
  '   \t  ',
  'the the the the the the the the the the the the',
  'Ünïcödé at the start; and ascii after it',
];

let dir: string;
let text: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dproj-counting-test-'));
  const sotu = (await corpusText('sotu')).split('\n');
  // About 120k tokens of real text, tricky lines mixed in, no trailing newline.
  text = [...TRICKY, ...sotu.slice(0, 4000), ...TRICKY, ...sotu.slice(-500)].join('\n');
  file = join(dir, 'input.txt');
  await writeFile(file, text);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function reference(settings: PairSettings, extra: { zeroDiagonal?: boolean; minCount?: number } = {}) {
  const corpus = await buildCorpus(text, extra.minCount === undefined ? {} : { minCount: extra.minCount });
  const engine = await createEngine({ backends: [jsBackend()] });
  try {
    return {
      vocab: corpus.vocab,
      result: await engine.cooccurrence(corpus, { ...settings, zeroDiagonal: extra.zeroDiagonal ?? false }),
    };
  } finally {
    await engine.dispose();
  }
}

async function counted(settings: PairSettings, memory: string, threads = 1, extra: Partial<CountRequest> = {}) {
  return withWorkDir(dir, (workDir) =>
    countCooccurrence({
      files: [file],
      lowercase: true,
      minCount: 1,
      settings,
      zeroDiagonal: false,
      memory: parseMemorySize(memory),
      threads,
      workDir,
      ...extra,
    }),
  );
}

/** Largest difference in float32 units in the last place between two CSR matrices of equal pattern. */
function maxUlps(x: CsrMatrix, y: CsrMatrix): number {
  expect(Array.from(x.rowPtr)).toEqual(Array.from(y.rowPtr));
  expect(Array.from(x.colIdx)).toEqual(Array.from(y.colIdx));
  const xi = new Int32Array(x.values.buffer, x.values.byteOffset, x.values.length);
  const yi = new Int32Array(y.values.buffer, y.values.byteOffset, y.values.length);
  let worst = 0;
  for (let i = 0; i < xi.length; i++) worst = Math.max(worst, Math.abs(xi[i]! - yi[i]!));
  return worst;
}

function sameBits(x: CooccurrenceResult, y: CooccurrenceResult): void {
  expect(maxUlps(x.matrix, y.matrix)).toBe(0);
  expect(x.tokens).toBe(y.tokens);
}

describe('fast tokenizer', () => {
  it('gives exactly core tokenize() on every line of SOTU, Brown and the tricky lines', async () => {
    const lines = [...TRICKY, ...(await corpusText('sotu')).split('\n'), ...(await corpusText('brown')).split('\n')];
    const map = new WordMap();
    const got: string[][] = [];
    const scanner = new LineScanner(map, true, true, { line: (ids, n) => got.push(Array.from(ids.subarray(0, n), (id) => map.word(id))) });
    scanner.scan(new TextEncoder().encode(lines.join('\n')), 0, new TextEncoder().encode(lines.join('\n')).length);
    expect(got.length).toBe(lines.length);
    let mismatches = 0;
    lines.forEach((line, i) => {
      if (JSON.stringify(tokenize(line)) !== JSON.stringify(got[i])) mismatches++;
    });
    expect(mismatches).toBe(0);
    expect(got[0]).toEqual(tokenize(TRICKY[0]!));
  });

  it('keeps case with lowercase off, like tokenize(text, { lowercase: false })', () => {
    const map = new WordMap();
    const got: string[] = [];
    const scanner = new LineScanner(map, true, false, { line: (ids, n) => got.push(...Array.from(ids.subarray(0, n), (id) => map.word(id))) });
    const bytes = new TextEncoder().encode(TRICKY.join('\n'));
    scanner.scan(bytes, 0, bytes.length);
    expect(got).toEqual(TRICKY.flatMap((l) => tokenize(l, { lowercase: false })));
  });
});

describe('countCooccurrence against the js backend', () => {
  const symmetric: PairSettings = { window: 10, weighting: 'harmonic', direction: 'symmetric', offsets: false };

  it('symmetric, harmonic, w = 10: same vocabulary, same pattern, values within one float32 ulp', async () => {
    const ref = await reference(symmetric);
    const got = await counted(symmetric, '1GiB');
    expect(got.vocab.words).toEqual(ref.vocab.words);
    expect(Array.from(got.vocab.counts!)).toEqual(Array.from(ref.vocab.counts!));
    expect(got.result.tokens).toBe(ref.result.tokens);
    // S = (integer sum)/2520 rounded once vs the js backend's Σ_k (1/k)·c_k in float64: equal up to the
    // final float32 rounding of values that lie on a rounding boundary.
    expect(maxUlps(got.result.matrix, ref.result.matrix)).toBeLessThanOrEqual(1);
    expect(got.stats.spills).toBe(0);
  });

  it('forward, uniform, w = 3 with min-count 2 and zero diagonal: bit-identical', async () => {
    const settings: PairSettings = { window: 3, weighting: 'uniform', direction: 'forward', offsets: false };
    const ref = await reference(settings, { zeroDiagonal: true, minCount: 2 });
    const got = await counted(settings, '64MiB', 1, { minCount: 2, zeroDiagonal: true });
    expect(got.vocab.words).toEqual(ref.vocab.words);
    sameBits(got.result, ref.result);
  });

  it.each(['symmetric', 'forward'] as const)('%s with offsets: S and every C(k) bit-identical, even when spilling', async (direction) => {
    const settings: PairSettings = { window: 4, weighting: 'harmonic', direction, offsets: true };
    const ref = await reference(settings);
    const got = await counted(settings, '1MiB');
    expect(got.stats.spills).toBeGreaterThan(0);
    sameBits(got.result, ref.result);
    expect(got.result.offsets).toHaveLength(4);
    for (const [k, c] of got.result.offsets!.entries()) expect(maxUlps(c, ref.result.offsets![k]!)).toBe(0);
  });

  it('a tiny budget (many spilled runs) gives exactly the S of a large one', async () => {
    const large = await counted(symmetric, '1GiB');
    const tiny = await counted(symmetric, '1MiB');
    expect(large.stats.spills).toBe(0);
    expect(tiny.stats.spills).toBeGreaterThan(5);
    sameBits(tiny.result, large.result);
  });

  it('merging runs in levels (few files open at once) changes nothing', async () => {
    const flat = await counted(symmetric, '1MiB');
    const levels = await counted(symmetric, '1MiB', 1, { maxOpenRuns: 3 });
    expect(levels.stats.spills).toBeGreaterThan(9);
    sameBits(levels.result, flat.result);
  });

  it('two worker threads give exactly the S and vocabulary of one', async () => {
    const one = await counted(symmetric, '1MiB', 1);
    // The input is under 1 MiB, so it is repeated to give each thread a share.
    const big = join(dir, 'big.txt');
    await writeFile(big, Array.from({ length: 3 }, () => text).join('\n'));
    const a = await counted(symmetric, '1MiB', 1, { files: [big] });
    const b = await counted(symmetric, '1MiB', 2, { files: [big] });
    expect(b.stats.threads).toBe(2);
    expect(b.vocab.words).toEqual(a.vocab.words);
    sameBits(b.result, a.result);
    expect(one.vocab.words).toEqual(a.vocab.words);
  });
});

describe('temporary files', () => {
  const settings: PairSettings = { window: 10, weighting: 'harmonic', direction: 'symmetric', offsets: false };
  const leftovers = async () => (await readdir(dir)).filter((f) => f.startsWith('dproj-count-'));

  it('are deleted after success (with spilled runs)', async () => {
    let seen: string[] = [];
    await withWorkDir(dir, async (workDir) => {
      await countCooccurrence({ files: [file], lowercase: true, minCount: 1, settings, zeroDiagonal: false, memory: 1 << 20, threads: 1, workDir });
      seen = await readdir(workDir);
    });
    expect(seen.some((f) => f.endsWith('.run'))).toBe(true);
    expect(await leftovers()).toEqual([]);
  });

  it('are deleted after an error', async () => {
    await expect(
      withWorkDir(dir, (workDir) =>
        countCooccurrence({ files: [file], lowercase: true, minCount: 10 ** 9, settings, zeroDiagonal: false, memory: 1 << 20, threads: 1, workDir }),
      ),
    ).rejects.toThrow(/no word occurs at least/);
    expect(await leftovers()).toEqual([]);
  });

  it.each([1, 2])('are deleted when the signal is aborted mid-count (%i threads)', async (threads) => {
    const big = join(dir, 'abort.txt');
    await writeFile(big, Array.from({ length: 12 }, () => text).join('\n'));
    const controller = new AbortController();
    let spilled = '';
    const counting = withWorkDir(dir, async (workDir) => {
      spilled = workDir;
      return countCooccurrence({
        files: [big],
        lowercase: true,
        minCount: 1,
        settings,
        zeroDiagonal: false,
        memory: 1 << 20,
        threads,
        workDir,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'pairs' && p.bytes > 4 * 1024 * 1024) controller.abort(new Error('stopped by the test'));
        },
      });
    });
    await expect(counting).rejects.toThrow(/stopped by the test/);
    expect(spilled).not.toBe('');
    expect(await leftovers()).toEqual([]);
  });
});
