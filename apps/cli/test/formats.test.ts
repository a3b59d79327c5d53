import { Writable } from 'node:stream';
import { type CooccurrenceResult, type CsrMatrix, type Vocabulary, decodeCooccurrence } from '@dproj/core';
import { describe, expect, it } from 'vitest';
import { writeDpco } from '../src/formats/cooc-dpco.ts';
import { GLOVE_RECORD_BYTES, writeGloveBin } from '../src/formats/cooc-glove.ts';
import { JSON_MAX_ENTRIES, writeJson } from '../src/formats/cooc-json.ts';
import { float32Text, writeMtx } from '../src/formats/cooc-mtx.ts';
import { vocabFileText } from '../src/formats/cooc-output.ts';

/** A stream that keeps what is written. */
function sink(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

const words = ['the', 'of', 'union', 'state'];
const vocab: Vocabulary = {
  size: 4,
  words,
  counts: Uint32Array.from([40, 20, 3, 3]),
  idOf: (w: string) => (words.includes(w) ? words.indexOf(w) : undefined),
};
// A symmetric 4×4 S with a diagonal entry and values that are not exact in decimal.
const matrix: CsrMatrix = {
  rows: 4,
  cols: 4,
  rowPtr: Uint32Array.from([0, 3, 5, 6, 7]),
  colIdx: Uint32Array.from([0, 1, 3, 0, 2, 1, 0]),
  values: Float32Array.from([2, 1 / 3, 0.1, 1 / 3, 1.75, 1.75, 0.1]),
};
const result: CooccurrenceResult = {
  matrix,
  settings: { window: 2, weighting: 'harmonic', direction: 'symmetric', zeroDiagonal: false, crossDocuments: false },
  tokens: 66,
};

/** Entries (row, col, value) of a CSR matrix, 0-based. */
function entries(m: CsrMatrix): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let a = 0; a < m.rows; a++) for (let p = m.rowPtr[a]!; p < m.rowPtr[a + 1]!; p++) out.push([a, m.colIdx[p]!, m.values[p]!]);
  return out;
}

describe('co-occurrence writers', () => {
  it('dpco round-trips through core decodeCooccurrence', async () => {
    const out = sink();
    await writeDpco(out.stream, { vocab, result });
    const { vocab: v, result: r } = decodeCooccurrence(new Uint8Array(out.bytes()));
    expect(v.words).toEqual(words);
    expect(entries(r.matrix)).toEqual(entries(matrix));
    expect(r.settings.window).toBe(2);
  });

  it('mtx: header, size line, 1-based entries whose values read back as the same float32', async () => {
    const out = sink();
    await writeMtx(out.stream, { vocab, result }, false);
    const lines = out.bytes().toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('%%MatrixMarket matrix coordinate real general');
    const body = lines.filter((l) => !l.startsWith('%'));
    expect(body[0]).toBe('4 4 7');
    const read = body.slice(1).map((l) => {
      const [i, j, v] = l.split(' ');
      return [Number(i) - 1, Number(j) - 1, Math.fround(Number(v))];
    });
    expect(read).toEqual(entries(matrix));
    expect(float32Text(Math.fround(1 / 3))).toBe('0.333333343');
  });

  it('mtx to stdout carries the vocabulary as %vocab comment lines in id order', async () => {
    const out = sink();
    await writeMtx(out.stream, { vocab, result }, true);
    const vocabLines = out.bytes().toString('utf8').split('\n').filter((l) => l.startsWith('%vocab '));
    expect(vocabLines).toEqual(['%vocab the 40', '%vocab of 20', '%vocab union 3', '%vocab state 3']);
  });

  it('glove-bin: int32 row, int32 col, float64 value records, 1-based, in (row, col) order', async () => {
    const out = sink();
    await writeGloveBin(out.stream, { vocab, result });
    const bytes = out.bytes();
    expect(bytes.length).toBe(7 * GLOVE_RECORD_BYTES);
    const read: [number, number, number][] = [];
    for (let o = 0; o < bytes.length; o += GLOVE_RECORD_BYTES) {
      read.push([bytes.readInt32LE(o) - 1, bytes.readInt32LE(o + 4) - 1, bytes.readDoubleLE(o + 8)]);
    }
    expect(read).toEqual(entries(matrix));
    expect(vocabFileText(vocab)).toBe('the 40\nof 20\nunion 3\nstate 3\n');
  });

  it('json round-trips and refuses results over the size limit', async () => {
    const out = sink();
    await writeJson(out.stream, { vocab, result });
    const doc = JSON.parse(out.bytes().toString('utf8'));
    expect(doc.vocab).toEqual(words);
    expect(doc.matrix.colIdx).toEqual(Array.from(matrix.colIdx));
    expect(doc.matrix.values).toEqual(Array.from(matrix.values));
    const n = JSON_MAX_ENTRIES + 1;
    const big: CsrMatrix = { rows: 1, cols: n, rowPtr: Uint32Array.from([0, n]), colIdx: new Uint32Array(n), values: new Float32Array(n) };
    await expect(writeJson(sink().stream, { vocab, result: { ...result, matrix: big } })).rejects.toThrow(/--format json is for small inputs/);
  });
});
