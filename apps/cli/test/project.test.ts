import { type CsrMatrix, type Matrix, csrToDense, decodeCooccurrence, transform } from '@dproj/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float32Text } from '../src/project/float32-text.ts';
import { formatNumber, formatTable } from '../src/project/format-table.ts';
import { coocBytes, run, tempDir, writeFixture } from './cli-fixture.ts';

interface ProjectJson {
  backend: string;
  tokens: string[];
  M: number[][];
  topk: { word: string; score: number }[][] | null;
}

let dir: string;
let cleanup: () => Promise<void>;
let symmetricPath: string;
let forwardPath: string;
let plainPath: string;
let decoded: ReturnType<typeof decodeCooccurrence>;
let forward: ReturnType<typeof decodeCooccurrence>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const bytes = await coocBytes({ offsets: true });
  decoded = decodeCooccurrence(bytes);
  symmetricPath = await writeFixture(dir, 'sym.dpco', bytes);
  const forwardBytes = await coocBytes({ direction: 'forward' });
  forward = decodeCooccurrence(forwardBytes);
  forwardPath = await writeFixture(dir, 'fwd.dpco', forwardBytes);
  plainPath = await writeFixture(dir, 'plain.dpco', await coocBytes());
});
afterAll(() => cleanup());

/** Entry (a, b) of a CSR matrix, read straight from its arrays. */
function entry(m: CsrMatrix | Matrix, a: number, b: number): number {
  if ('data' in m) return m.data[a * m.cols + b]!;
  for (let p = m.rowPtr[a]!; p < m.rowPtr[a + 1]!; p++) if (m.colIdx[p] === b) return m.values[p]!;
  return 0;
}

/** Calls `check` on every entry of nested rows (a block body, so nothing is returned to forEach). */
function eachEntry<T>(rows: readonly (readonly T[])[], check: (value: T, i: number, j: number) => void): void {
  for (let i = 0; i < rows.length; i++) for (let j = 0; j < rows[i]!.length; j++) check(rows[i]![j]!, i, j);
}

async function project(args: readonly string[]): Promise<ProjectJson> {
  const r = await run(['project', '--backend', 'js', '--json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ProjectJson;
}

const SENTENCE = 'the cat sat on the mat';
const ids = (words: readonly string[], vocab = decoded.vocab) => words.map((w) => vocab.idOf(w)!);

describe('dproj project', () => {
  it('prints M_ij = S[x_i, x_j] with the tokens, as JSON', async () => {
    const out = await project(['--cooc', symmetricPath, '--text', SENTENCE]);
    expect(out.backend).toBe('js');
    expect(out.tokens).toEqual(SENTENCE.split(' '));
    expect(out.topk).toBeNull();
    const x = ids(out.tokens);
    const expected = x.map((a) => x.map((b) => entry(decoded.result.matrix, a, b)));
    expect(out.M).toEqual(expected);
    expect(out.M[0]![1]).toBeGreaterThan(0);
  });

  it('lists the top-k words of E = M (Q S) per position, best first', async () => {
    const k = 3;
    const out = await project(['--cooc', symmetricPath, '--text', SENTENCE, '--predict', String(k)]);
    const S = csrToDense(decoded.result.matrix);
    const V = decoded.vocab.size;
    const x = ids(out.tokens);
    out.topk!.forEach((row, i) => {
      // E_ib = Σ_j M_ij S_{x_j b}, in float64 here.
      const e = Array.from({ length: V }, (_, b) => x.reduce((sum, xj, j) => sum + out.M[i]![j]! * S.data[xj * V + b]!, 0));
      const best = [...e].sort((p, q) => q - p).slice(0, k);
      expect(row).toHaveLength(k);
      row.forEach((p, r) => {
        expect(p.score).toBeCloseTo(best[r]!, 4);
        expect(e[decoded.vocab.idOf(p.word)!]).toBeCloseTo(p.score, 4);
      });
    });
  });

  it('prints an aligned table and the predictions as text', async () => {
    const r = await run(['project', '--backend', 'js', '--cooc', symmetricPath, '--text', 'the cat', '--predict', '2']);
    expect(r.code).toBe(0);
    const S = decoded.result.matrix;
    const [the, cat] = ids(['the', 'cat']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('backend: js    tokens: 2');
    expect(lines).toContain('M = Q S Qᵀ (transform raw)');
    const header = lines.indexOf('M = Q S Qᵀ (transform raw)') + 1;
    expect(lines[header]!.trim().split(/\s+/)).toEqual(['the', 'cat']);
    expect(lines[header + 1]!.trim().split(/\s+/)).toEqual(['the', formatNumber(entry(S, the!, the!)), formatNumber(entry(S, the!, cat!))]);
    expect(r.stdout).toContain('top 2 of E = M (Q S) per position');
    expect(r.stdout).toMatch(/^cat {2}\S+ [\d.]+, \S+ [\d.]+$/m);
  });

  it('leaves out unknown words with a note on stderr', async () => {
    const r = await run(['project', '--backend', 'js', '--json', '--cooc', symmetricPath, '--text', 'The zebra cat, the quokka!']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('dproj: note: not in the vocabulary, left out: zebra, quokka\n');
    expect((JSON.parse(r.stdout) as ProjectJson).tokens).toEqual(['the', 'cat', 'the']);
  });

  it('fails clearly on text with no known word, or no word at all', async () => {
    const none = await run(['project', '--cooc', symmetricPath, '--text', 'zebra quokka']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^dproj: none of the words of --text is in the vocabulary of '.*sym\.dpco' \(\d+ words\): zebra, quokka\n$/);
    const empty = await run(['project', '--cooc', symmetricPath, '--text', '?!']);
    expect(empty).toMatchObject({ code: 1, stderr: 'dproj: --text has no words to project\n' });
  });

  it('reads a forward file forward, backward or symmetrized', async () => {
    const F = forward.result.matrix;
    const words = ['the', 'cat', 'sat'];
    const x = ids(words, forward.vocab);
    const forwardM = await project(['--cooc', forwardPath, '--text', words.join(' ')]);
    const backward = await project(['--cooc', forwardPath, '--text', words.join(' '), '--direction', 'backward']);
    const both = await project(['--cooc', forwardPath, '--text', words.join(' '), '--direction', 'symmetric']);
    expect(forwardM.M).toEqual(x.map((a) => x.map((b) => entry(F, a, b))));
    expect(backward.M).toEqual(x.map((a) => x.map((b) => entry(F, b, a))));
    eachEntry(both.M, (v, i, j) => {
      expect(v).toBeCloseTo(entry(F, x[i]!, x[j]!) + entry(F, x[j]!, x[i]!), 5);
    });
    expect(forwardM.M).not.toEqual(backward.M);
  });

  it('applies the positional refinements of SPEC B.10', async () => {
    const words = SENTENCE.split(' ');
    const x = ids(words);
    const offsets = decoded.result.offsets!;
    const positional = await project(['--cooc', symmetricPath, '--text', SENTENCE, '--positional', 'offset']);
    eachEntry(positional.M, (v, i, j) => {
      const k = j - i;
      const d = Math.abs(k);
      // f(d) = 1/d (harmonic) times C⁽ᵏ⁾ for k > 0, C⁽⁻ᵏ⁾ = C⁽ᵏ⁾ᵀ for k < 0; 0 on the diagonal and beyond w = 2.
      const expected = d === 0 || d > 2 ? 0 : (k > 0 ? entry(offsets[d - 1]!, x[i]!, x[j]!) : entry(offsets[d - 1]!, x[j]!, x[i]!)) / d;
      expect(v).toBeCloseTo(expected, 6);
    });
    const plain = await project(['--cooc', symmetricPath, '--text', SENTENCE]);
    const kernel = await project(['--cooc', symmetricPath, '--text', SENTENCE, '--positional', 'kernel', '--rho', '0.25']);
    eachEntry(kernel.M, (v, i, j) => {
      expect(v).toBeCloseTo(plain.M[i]![j]! * 0.25 ** Math.abs(i - j), 5);
    });
  });

  it('projects φ(S) with --transform', async () => {
    const out = await project(['--cooc', symmetricPath, '--text', SENTENCE, '--transform', 'ppmi']);
    const ppmi = transform(decoded.result.matrix, { kind: 'ppmi' });
    const x = ids(out.tokens);
    eachEntry(out.M, (v, i, j) => {
      expect(v).toBeCloseTo(entry(ppmi, x[i]!, x[j]!), 6);
    });
    const log = await project(['--cooc', symmetricPath, '--text', 'the cat', '--transform', 'log', '--alpha', '2']);
    expect(log.M[0]![0]).toBeCloseTo(Math.log(entry(decoded.result.matrix, x[0]!, x[0]!) + 2), 5);
  });

  it('gives the same M on the wasm backend', async () => {
    const js = await project(['--cooc', symmetricPath, '--text', SENTENCE, '--predict', '2']);
    const r = await run(['project', '--backend', 'wasm', '--json', '--cooc', symmetricPath, '--text', SENTENCE, '--predict', '2']);
    expect(r.code).toBe(0);
    const wasm = JSON.parse(r.stdout) as ProjectJson;
    expect(wasm.backend).toBe('wasm');
    eachEntry(wasm.M, (v, i, j) => {
      expect(v).toBeCloseTo(js.M[i]![j]!, 4);
    });
    eachEntry(wasm.topk!, (p, i, r) => {
      expect(p.score).toBeCloseTo(js.topk![i]![r]!.score, 3);
    });
  });

  it('refuses options that do not fit the file or the text (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['--cooc', symmetricPath, '--direction', 'backward'], /--direction needs a forward co-occurrence file/],
      [['--cooc', plainPath, '--positional', 'offset'], /--positional offset needs the per-offset counts/],
      [['--cooc', symmetricPath, '--positional', 'absolute'], /--positional must be one of offset, kernel/],
      [['--cooc', symmetricPath, '--positional', 'kernel', '--rho', '1'], /--rho must be a number in \(−1, 1\), got 1/],
      [['--cooc', symmetricPath, '--predict', '0'], /--predict must be an integer ≥ 1, got 0/],
      [['--cooc', symmetricPath, '--predict', '10000'], /--predict must be at most the vocabulary size \d+/],
      [['--cooc', symmetricPath, '--transform', 'tfidf'], /--transform must be one of raw, log1p, log, pmi, ppmi, cond/],
      [['--cooc', symmetricPath, '--transform', 'log', '--alpha', '0'], /--alpha must be a number > 0/],
    ];
    for (const [args, message] of cases) {
      const r = await run(['project', '--text', SENTENCE, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('number formatting', () => {
  it('writes the shortest decimal that reads back as the same float32', () => {
    for (const v of [0.1, 1 / 3, 2.5, -1e-7, 123456.789, 3.4e38]) {
      const text = float32Text(v);
      expect(Math.fround(Number(text))).toBe(Math.fround(v));
      expect(text.replace(/^-|e.*$|\./g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(9);
    }
    expect(float32Text(0.1)).toBe('0.1');
    expect(float32Text(0)).toBe('0');
  });

  it('formats 3 significant digits and aligns table columns', () => {
    expect([0, 1 / 3, 12, 4312.4, -0.000123].map(formatNumber)).toEqual(['0', '0.333', '12.0', '4312', '-0.000123']);
    const table = formatTable(['a', 'bbb'], ['x', 'long'], (i, j) => String(i * 10 + j));
    expect(table).toBe(['      x  long', 'a     0     1', 'bbb  10    11'].join('\n'));
  });
});
