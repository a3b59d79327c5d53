import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Matrix, decodeCooccurrence, factorDirectional, factorSymmetric, transform } from '@dproj/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coocBytes, run, tempDir, writeFixture } from './cli-fixture.ts';

// Independent readers: written from the formats' specifications, sharing no code with src/export.

/** GloVe / word2vec text: `word v1 … vd` lines, with a `V d` first line for word2vec. */
function readTextVectors(text: string, header: boolean): { words: string[]; rows: number[][]; declared?: [number, number] } {
  const lines = text.split('\n').filter((l) => l !== '');
  let declared: [number, number] | undefined;
  if (header) {
    const [v, d] = lines.shift()!.split(' ').map(Number);
    declared = [v!, d!];
  }
  const words: string[] = [];
  const rows = lines.map((line) => {
    const [word, ...values] = line.split(' ');
    words.push(word!);
    // Read into float32, as GloVe and word2vec loaders do: the text must give back the exact float32 values.
    return values.map((v) => Math.fround(Number(v)));
  });
  return { words, rows, ...(declared ? { declared } : {}) };
}

/** NumPy .npy v1.0: magic, version, u16 header length, a dict literal, then the array. */
function readNpy(bytes: Uint8Array): { shape: number[]; rows: number[][]; dataOffset: number } {
  expect(Array.from(bytes.subarray(0, 6))).toEqual([0x93, ...Buffer.from('NUMPY')]);
  expect([bytes[6], bytes[7]]).toEqual([1, 0]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint16(8, true);
  const header = Buffer.from(bytes.subarray(10, 10 + headerLength)).toString('latin1');
  expect(header.endsWith('\n')).toBe(true);
  expect(header).toMatch(/'descr': '<f4'/);
  expect(header).toMatch(/'fortran_order': False/);
  const shape = /'shape': \((\d+), (\d+)\)/.exec(header)!.slice(1).map(Number);
  const dataOffset = 10 + headerLength;
  expect(bytes.length - dataOffset).toBe(shape[0]! * shape[1]! * 4);
  const rows = Array.from({ length: shape[0]! }, (_, i) =>
    Array.from({ length: shape[1]! }, (_, j) => view.getFloat32(dataOffset + 4 * (i * shape[1]! + j), true)),
  );
  return { shape, rows, dataOffset };
}

/** safetensors: u64 LE header size N, JSON header of N bytes, then the tensors' bytes. */
function readSafetensors(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString('utf8')) as Record<string, unknown>;
  const meta = header.__metadata__ as Record<string, string>;
  const tensor = header.embeddings as { dtype: string; shape: [number, number]; data_offsets: [number, number] };
  const [begin, end] = tensor.data_offsets;
  const base = 8 + n;
  expect(bytes.length).toBe(base + end);
  const [r, c] = tensor.shape;
  const rows = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => view.getFloat32(base + begin + 4 * (i * c + j), true)));
  return { headerLength: n, meta, tensor, rows };
}

const rowsOf = (m: Matrix): number[][] => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

let dir: string;
let cleanup: () => Promise<void>;
let symmetricPath: string;
let forwardPath: string;
let decoded: ReturnType<typeof decodeCooccurrence>;
let expected: number[][];
const D = 4;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const bytes = await coocBytes();
  decoded = decodeCooccurrence(bytes);
  symmetricPath = await writeFixture(dir, 'sym.dpco', bytes);
  forwardPath = await writeFixture(dir, 'fwd.dpco', await coocBytes({ direction: 'forward' }));
  // What the default export must be: W = U_d |Λ_d|^{1/2} of PPMI(S), seed 1.
  expected = rowsOf(factorSymmetric(transform(decoded.result.matrix, { kind: 'ppmi' }), { rank: D, seed: 1 }).w);
});
afterAll(() => cleanup());

async function exportTo(format: string, name: string, extra: readonly string[] = []) {
  const out = join(dir, name);
  const r = await run(['export', '--cooc', symmetricPath, '--dim', String(D), '--format', format, '--out', out, ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { out, stdout: r.stdout };
}

describe('dproj export round trips', () => {
  it('writes GloVe text that reads back as the exact float32 vectors', async () => {
    const { out, stdout } = await exportTo('glove', 'v.glove.txt');
    const back = readTextVectors(await readFile(out, 'utf8'), false);
    expect(back.words).toEqual(decoded.vocab.words);
    expect(back.rows).toEqual(expected);
    expect(stdout).toMatch(new RegExp(`^wrote ${decoded.vocab.size} vectors of dimension ${D} \\(glove; symmetric factorization of ppmi\\(S\\)`));
  });

  it('writes word2vec text with its "V d" header', async () => {
    const { out } = await exportTo('word2vec', 'v.w2v.txt');
    const back = readTextVectors(await readFile(out, 'utf8'), true);
    expect(back.declared).toEqual([decoded.vocab.size, D]);
    expect(back.words).toEqual(decoded.vocab.words);
    expect(back.rows).toEqual(expected);
  });

  it('writes .npy v1.0 (<f4, C order, 64-byte aligned data) and the vocabulary beside it', async () => {
    const { out } = await exportTo('npy', 'v.npy');
    const back = readNpy(new Uint8Array(await readFile(out)));
    expect(back.shape).toEqual([decoded.vocab.size, D]);
    expect(back.dataOffset % 64).toBe(0);
    expect(back.rows).toEqual(expected);
    const vocab = await readFile(join(dir, 'v.vocab.txt'), 'utf8');
    expect(vocab.split('\n').slice(0, -1)).toEqual(decoded.vocab.words);
  });

  it('writes safetensors with an F32 tensor and the vocabulary in __metadata__', async () => {
    const { out } = await exportTo('safetensors', 'v.safetensors');
    const back = readSafetensors(new Uint8Array(await readFile(out)));
    expect(back.headerLength % 8).toBe(0);
    expect(back.tensor).toEqual({ dtype: 'F32', shape: [decoded.vocab.size, D], data_offsets: [0, decoded.vocab.size * D * 4] });
    expect(back.rows).toEqual(expected);
    expect(JSON.parse(back.meta.vocab!)).toEqual(decoded.vocab.words);
    expect(back.meta).toMatchObject({ factorization: 'symmetric', transform: 'ppmi', rank: String(D) });
    expect((JSON.parse(back.meta.signs!) as number[]).every((s) => s === 1 || s === -1)).toBe(true);
  });

  it('writes a text format to stdout with --out -, the summary to stderr', async () => {
    const r = await run(['export', '--cooc', symmetricPath, '--dim', String(D), '--format', 'glove', '--out', '-']);
    expect(r.code).toBe(0);
    expect(readTextVectors(r.stdout, false).rows).toEqual(expected);
    expect(r.stderr).toMatch(/^wrote \d+ vectors of dimension 4 \(glove;.*\) to stdout\n$/);
  });

  it('exports A of the SVD for a forward file, and honours --transform and --seed', async () => {
    const out = join(dir, 'fwd.txt');
    const r = await run(['export', '--cooc', forwardPath, '--dim', '3', '--format', 'glove', '--out', out, '--transform', 'log1p', '--seed', '7']);
    expect(r.code).toBe(0);
    const forward = decodeCooccurrence(await readFile(forwardPath));
    const a = factorDirectional(transform(forward.result.matrix, { kind: 'log1p' }), { rank: 3, seed: 7 }).a;
    expect(readTextVectors(await readFile(out, 'utf8'), false).rows).toEqual(rowsOf(a));
  });

  it('prints a JSON summary with --json', async () => {
    const { out, stdout } = await exportTo('npy', 'j.npy', ['--json']);
    expect(JSON.parse(stdout)).toMatchObject({ words: decoded.vocab.size, dim: D, format: 'npy', factorization: 'symmetric', files: [out, join(dir, 'j.vocab.txt')] });
  });

  it('notes when φ(S) has lower rank than --dim and writes the dimensions it has', async () => {
    const out = join(dir, 'low.txt');
    const V = decoded.vocab.size;
    const r = await run(['export', '--cooc', symmetricPath, '--dim', String(V + 5), '--format', 'word2vec', '--out', out]);
    expect(r.code).toBe(0);
    const back = readTextVectors(await readFile(out, 'utf8'), true);
    const rank = back.declared![1];
    expect(rank).toBeLessThanOrEqual(V);
    expect(r.stderr).toBe(`dproj: note: φ(S) has rank ${rank} < ${V + 5}, so the vectors have ${rank} dimensions\n`);
  });
});

describe('dproj export errors', () => {
  it('refuses bad formats, binary output to stdout and missing options (exit 2)', async () => {
    const base = ['export', '--cooc', symmetricPath, '--dim', '2'];
    const cases: [string[], RegExp][] = [
      [[...base, '--out', 'x'], /missing required option --format <glove\|word2vec\|npy\|safetensors>/],
      [[...base, '--format', 'csv', '--out', 'x'], /--format must be one of glove, word2vec, npy, safetensors, got 'csv'/],
      [[...base, '--format', 'npy', '--out', '-'], /--out - \(stdout\) is for the text formats; give a file name for npy/],
      [[...base, '--format', 'glove'], /missing required option --out/],
      [['export', '--cooc', symmetricPath, '--format', 'glove', '--out', 'x'], /missing required option --dim/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('names an output it cannot write, and leaves no temporary file', async () => {
    const out = join(dir, 'no-such-dir', 'v.txt');
    const r = await run(['export', '--cooc', symmetricPath, '--dim', '2', '--format', 'glove', '--out', out]);
    expect(r).toMatchObject({ code: 1, stderr: `dproj: cannot write '${out}': no such directory\n` });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
