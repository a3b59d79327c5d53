import { describe, expect, it } from 'vitest';
import { csrFromTriplets, csrToDense, denseToCsr } from '../src/csr/csr.ts';
import { DprojError, FormatError, ShapeError, ValueError } from '../src/errors/errors.ts';
import { COOCCURRENCE_FORMAT_VERSION, decodeCooccurrence, encodeCooccurrence } from '../src/format/cooccurrence-file.ts';
import { crc32 } from '../src/format/crc32.ts';
import { createVocabulary, vocabularyFromWords } from '../src/text/vocabulary.ts';
import { type CsrMatrix, fromRows, toRows } from '../src/types/matrix.ts';
import type { CooccurrenceResult } from '../src/types/operators.ts';

const S_ROWS = [
  [0, 1, 1.5, 0, 0],
  [1, 0, 1, 1, 0.5],
  [1.5, 1, 0, 0, 0],
  [0, 1, 0, 0, 1],
  [0, 0.5, 0, 1, 0],
];

// SPEC C.0 with window 2, f(d) = 1/d: S, and the offset counts C(1), C(2).
function toyResult(): CooccurrenceResult {
  const c1 = csrFromTriplets(5, 5, [
    [0, 1, 1],
    [0, 2, 1],
    [1, 2, 1],
    [1, 3, 1],
    [3, 4, 1],
  ]);
  const c2 = csrFromTriplets(5, 5, [
    [0, 2, 1],
    [1, 4, 1],
  ]);
  return {
    matrix: denseToCsr(fromRows(S_ROWS)),
    offsets: [c1, c2],
    settings: { window: 2, weighting: 'harmonic', direction: 'symmetric', zeroDiagonal: false, crossDocuments: false },
    tokens: 8,
  };
}
const toyVocab = () => vocabularyFromWords(['river', 'bank', 'water', 'loan', 'money']);

const parts = (m: CsrMatrix) => ({
  rows: m.rows,
  cols: m.cols,
  rowPtr: Array.from(m.rowPtr),
  colIdx: Array.from(m.colIdx),
  values: Array.from(m.values),
});

function formatError(bytes: Uint8Array): FormatError {
  try {
    decodeCooccurrence(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    expect(DprojError.isInstance(e)).toBe(true);
    expect((e as FormatError).op).toBe('format');
    expect((e as FormatError).argument).toBe('bytes');
    return e as FormatError;
  }
  throw new Error('expected decodeCooccurrence to throw');
}

/** Rewrites the u32 at `at` and, optionally, the trailing checksum so only the chosen check can fail. */
function patchU32(bytes: Uint8Array, at: number, value: number, fixChecksum: boolean): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(at, value, true);
  if (fixChecksum) view.setUint32(copy.length - 4, crc32(copy, 0, copy.length - 4), true);
  return copy;
}

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
    const bytes = new TextEncoder().encode('xx123456789yy');
    expect(crc32(bytes, 2, 11)).toBe(0xcbf43926);
  });
});

describe('encodeCooccurrence / decodeCooccurrence', () => {
  it('round-trips the toy result with offsets', () => {
    const result = toyResult();
    const bytes = encodeCooccurrence(result, toyVocab());
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x44, 0x50, 0x43, 0x4f]);
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(1);
    expect(bytes.length % 4).toBe(0);

    const { vocab, result: back } = decodeCooccurrence(bytes);
    expect(vocab.words).toEqual(['river', 'bank', 'water', 'loan', 'money']);
    expect(vocab.idOf('loan')).toBe(3);
    expect(vocab.counts).toBeUndefined();
    expect(vocab.unknownId).toBeUndefined();
    expect(back.settings).toEqual(result.settings);
    expect(back.tokens).toBe(8);
    expect(parts(back.matrix)).toEqual(parts(result.matrix));
    expect(toRows(csrToDense(back.matrix))).toEqual(S_ROWS);
    expect(back.offsets!.map(parts)).toEqual(result.offsets!.map(parts));
  });

  it('round-trips unicode words, counts, an unknown id and float32 values exactly', () => {
    const words = ['ünïcödé', 'café', '東京', '🙂', "don't", '<unk>'];
    const vocab = createVocabulary(words, Uint32Array.of(7, 5, 3, 2, 1, 0xffffffff), 5);
    const values = Float32Array.of(Math.fround(Math.PI), 1e-30, 3.4e38);
    const matrix: CsrMatrix = {
      rows: 6,
      cols: 6,
      rowPtr: Uint32Array.of(0, 2, 2, 2, 2, 2, 3),
      colIdx: Uint32Array.of(1, 5, 0),
      values,
    };
    const result: CooccurrenceResult = {
      matrix,
      settings: { window: 10, weighting: 'uniform', direction: 'forward', zeroDiagonal: true, crossDocuments: true },
      tokens: 2 ** 40,
    };
    const back = decodeCooccurrence(encodeCooccurrence(result, vocab));
    expect(back.vocab.words).toEqual(words);
    expect(back.vocab.idOf('東京')).toBe(2);
    expect(Array.from(back.vocab.counts!)).toEqual([7, 5, 3, 2, 1, 0xffffffff]);
    expect(back.vocab.unknownId).toBe(5);
    expect(back.result.offsets).toBeUndefined();
    expect(back.result.tokens).toBe(2 ** 40);
    expect(back.result.settings).toEqual(result.settings);
    expect(Array.from(back.result.matrix.values)).toEqual(Array.from(values));
  });

  it('round-trips an empty vocabulary and matrix', () => {
    const result: CooccurrenceResult = {
      matrix: csrFromTriplets(0, 0, []),
      settings: { window: 1, weighting: 'harmonic', direction: 'symmetric', zeroDiagonal: false, crossDocuments: false },
      tokens: 0,
    };
    const back = decodeCooccurrence(encodeCooccurrence(result, vocabularyFromWords([])));
    expect(back.vocab.size).toBe(0);
    expect(parts(back.result.matrix)).toEqual({ rows: 0, cols: 0, rowPtr: [0], colIdx: [], values: [] });
  });

  it('decodes from a view at an odd offset into a larger buffer, and shares no memory with it', () => {
    const bytes = encodeCooccurrence(toyResult(), toyVocab());
    const host = new Uint8Array(bytes.length + 3);
    host.set(bytes, 1);
    const view = host.subarray(1, 1 + bytes.length);
    const back = decodeCooccurrence(view);
    expect(toRows(csrToDense(back.result.matrix))).toEqual(S_ROWS);
    host.fill(0);
    expect(toRows(csrToDense(back.result.matrix))).toEqual(S_ROWS);
  });

  it('decodes a Node Buffer view into a pooled buffer, as fs.readFile returns it', () => {
    const bytes = encodeCooccurrence(toyResult(), toyVocab());
    // Buffer#slice is a view, unlike Uint8Array#slice; a decoder that relies on slice copying misreads it.
    const buffer = Buffer.concat([Buffer.from('padding'), Buffer.from(bytes)]).subarray(7);
    expect(buffer.byteOffset).toBeGreaterThan(0);
    const back = decodeCooccurrence(buffer);
    expect(back.vocab.words).toEqual(toyVocab().words);
    expect(toRows(csrToDense(back.result.matrix))).toEqual(S_ROWS);
    expect(back.result.offsets?.map((m) => parts(m))).toEqual(toyResult().offsets?.map((m) => parts(m)));
  });

  it('reads the layout its doc comment describes', () => {
    const bytes = encodeCooccurrence(toyResult(), toyVocab());
    const view = new DataView(bytes.buffer);
    const headerLength = view.getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Record<string, unknown>;
    expect(header).toMatchObject({ tokens: 8, vocabSize: 5, wordBytes: 23, counts: false, unknownId: null, nnz: 12 });
    expect(header.offsetNnz).toEqual([5, 2]);
    let at = Math.ceil((12 + headerLength) / 4) * 4;
    expect(view.getUint32(at, true)).toBe(5); // "river"
    at += 4 * 5;
    expect(new TextDecoder().decode(bytes.subarray(at, at + 5))).toBe('river');
    expect(view.getUint32(bytes.length - 4, true)).toBe(crc32(bytes, 0, bytes.length - 4));
  });
});

describe('decodeCooccurrence: damaged and foreign files', () => {
  const good = () => encodeCooccurrence(toyResult(), toyVocab());

  it('refuses a foreign file', () => {
    expect(formatError(new TextEncoder().encode('{"hello": "world"}')).message).toMatch(
      /not a dproj co-occurrence file/,
    );
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(formatError(png).message).toMatch(/not a dproj co-occurrence file/);
    expect(formatError(new Uint8Array(0)).message).toMatch(/truncated/);
    expect(formatError(Uint8Array.of(0x44, 0x50)).message).toMatch(/truncated/);
  });

  it('names a newer version', () => {
    const e = formatError(patchU32(good(), 4, 2, true));
    expect(e.message).toMatch(/version 2 is newer/);
    expect(e.message).toContain(String(COOCCURRENCE_FORMAT_VERSION));
    // Even without a matching checksum, the version is what the reader reports.
    expect(formatError(patchU32(good(), 4, 7, false)).message).toMatch(/version 7/);
    expect(formatError(patchU32(good(), 4, 0, true)).message).toMatch(/version 0/);
  });

  it('reports truncation at every length', () => {
    const bytes = good();
    for (let n = 0; n < bytes.length; n++) {
      const e = formatError(bytes.subarray(0, n));
      expect(e.message, `length ${n}`).toMatch(/truncated/);
    }
    expect(formatError(bytes.subarray(0, bytes.length - 1)).message).toMatch(/truncated/);
    expect(formatError(bytes.subarray(0, bytes.length - 40)).message).toMatch(/truncated/);
  });

  it('refuses trailing bytes', () => {
    const bytes = good();
    const longer = new Uint8Array(bytes.length + 4);
    longer.set(bytes);
    expect(formatError(longer).message).toMatch(/unexpected bytes/);
  });

  it('reports a flipped byte anywhere after the version as damage', () => {
    const bytes = good();
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    const bodyStart = 12 + headerLength;
    for (let at = 8; at < bytes.length; at++) {
      const copy = bytes.slice();
      copy[at]! ^= 0x01;
      const e = formatError(copy);
      if (at >= bodyStart) expect(e.message, `byte ${at}`).toMatch(/checksum mismatch/);
    }
  });

  it('flags a flipped byte in the body, the values or the checksum as a checksum mismatch', () => {
    const bytes = good();
    for (const at of [bytes.length - 20, bytes.length - 60, bytes.length - 1]) {
      const copy = bytes.slice();
      copy[at]! ^= 0x80;
      expect(formatError(copy).message).toMatch(/checksum mismatch/);
    }
  });

  it('says a damaged header is damage when the checksum fails', () => {
    const bytes = good();
    const copy = bytes.slice();
    expect(copy[12]).toBe(0x7b);
    copy[12] = 0x5b; // '{' becomes '[': the header no longer parses
    expect(formatError(copy).message).toMatch(/checksum mismatch: the file is damaged \(bad header: not valid UTF-8 JSON\)/);
  });

  it('checks CSR structure even when the checksum is right', () => {
    const bytes = good();
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    // The matrix's rowPtr starts after the word lengths (5 u32) and the 23 word bytes (+1 padding).
    const rowPtrAt = Math.ceil((12 + headerLength) / 4) * 4 + 20 + 24;
    expect(new DataView(bytes.buffer).getUint32(rowPtrAt, true)).toBe(0);
    const nonMonotone = patchU32(bytes, rowPtrAt + 4, 7, true);
    expect(formatError(nonMonotone).message).toMatch(/not a valid CSR matrix: rowPtr must be non-decreasing/);
    const colIdxAt = rowPtrAt + 4 * 6;
    const outside = patchU32(bytes, colIdxAt, 9, true);
    expect(formatError(outside).message).toMatch(/colIdx must be < cols/);
  });

  it('checks the header fields even when the checksum is right', () => {
    const result = toyResult();
    const bytes = encodeCooccurrence(result, toyVocab());
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    const text = new TextDecoder().decode(bytes.subarray(12, 12 + headerLength));
    const swapped = text.replace('"harmonic"', '"parabola"');
    expect(swapped.length).toBe(text.length);
    const copy = bytes.slice();
    copy.set(new TextEncoder().encode(swapped), 12);
    new DataView(copy.buffer).setUint32(copy.length - 4, crc32(copy, 0, copy.length - 4), true);
    expect(formatError(copy).message).toMatch(/bad header: settings weighting/);
  });

  it('refuses duplicate words in a file with a right checksum', () => {
    const bytes = encodeCooccurrence(toyResult(), vocabularyFromWords(['aa', 'bb', 'cc', 'dd', 'ee']));
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    const wordsAt = Math.ceil((12 + headerLength) / 4) * 4 + 20;
    const copy = bytes.slice();
    copy.set(new TextEncoder().encode('aa'), wordsAt + 2);
    new DataView(copy.buffer).setUint32(copy.length - 4, crc32(copy, 0, copy.length - 4), true);
    expect(formatError(copy).message).toMatch(/bad vocabulary.*distinct/);
  });
});

describe('encodeCooccurrence: bad input', () => {
  it('rejects a matrix that is not V×V', () => {
    expect(() => encodeCooccurrence(toyResult(), vocabularyFromWords(['a', 'b']))).toThrow(ShapeError);
  });

  it('rejects unsorted or malformed CSR', () => {
    const result = toyResult();
    const colIdx = Uint32Array.from(result.matrix.colIdx);
    [colIdx[0], colIdx[1]] = [colIdx[1]!, colIdx[0]!];
    const e = (() => {
      try {
        encodeCooccurrence({ ...result, matrix: { ...result.matrix, colIdx } }, toyVocab());
      } catch (error) {
        return error as ValueError;
      }
      throw new Error('expected a throw');
    })();
    expect(e).toBeInstanceOf(ValueError);
    expect(e.op).toBe('format');
    expect(e.argument).toBe('result.matrix');
  });

  it('rejects bad settings and token counts', () => {
    const result = toyResult();
    expect(() => encodeCooccurrence({ ...result, settings: { ...result.settings, window: 0 } }, toyVocab())).toThrow(
      ValueError,
    );
    expect(() => encodeCooccurrence({ ...result, tokens: -1 }, toyVocab())).toThrow(ValueError);
  });
});
