/**
 * The dproj co-occurrence file: a co-occurrence result (S or F, optionally the offset counts C⁽ᵏ⁾)
 * together with its vocabulary, in one compact, versioned, checksummed byte string that reads the same
 * in browsers and Node.
 *
 * Layout, version 1. Integers are unsigned 32-bit little-endian (u32), values IEEE float32
 * little-endian (f32); V = vocabulary size; every section after the header starts 4-byte aligned.
 *
 * | offset | bytes | content |
 * | --- | --- | --- |
 * | 0 | 4 | magic "DPCO" (44 50 43 4F) |
 * | 4 | 4 | format version, u32 = 1 |
 * | 8 | 4 | H, the header's length in bytes, u32 |
 * | 12 | H | header: UTF-8 JSON (below), then zero bytes up to a multiple of 4 |
 * | | 4·V | byte length of each word's UTF-8, u32 |
 * | | W | the words' UTF-8, concatenated in id order, then zero bytes up to a multiple of 4 |
 * | | 4·V | word counts, u32 (only when the header's `counts` is true) |
 * | | per matrix | rowPtr (V + 1)·u32, colIdx nnz·u32, values nnz·f32; first the result's matrix, |
 * | | | then C⁽¹⁾ … C⁽ᵏ⁾ in order |
 * | end − 4 | 4 | CRC-32 (IEEE) of every byte before it, u32 |
 *
 * Header JSON: `{"settings": CooccurrenceSettings, "tokens": number, "vocabSize": V, "wordBytes": W,
 * "counts": boolean, "unknownId": number | null, "nnz": number, "offsetNnz": number[]}` where `nnz` is
 * the matrix's and `offsetNnz` each offset matrix's number of stored entries (an empty array when the
 * result has no offsets). Readers ignore header keys they do not know; a change that old readers
 * cannot skip raises the version. Matrices are V×V CSR with strictly increasing columns per row.
 */
import { csrProblem } from '../csr/check-csr.ts';
import { DprojError, FormatError, ShapeError, ValueError } from '../errors/errors.ts';
import type { Vocabulary } from '../types/corpus.ts';
import type { CsrMatrix } from '../types/matrix.ts';
import type { CooccurrenceResult, CooccurrenceSettings } from '../types/operators.ts';
import { createVocabulary } from '../text/vocabulary.ts';
import { crc32 } from './crc32.ts';

/** The version this module writes, and the newest it reads. */
export const COOCCURRENCE_FORMAT_VERSION = 1;

const MAGIC = [0x44, 0x50, 0x43, 0x4f]; // "DPCO"
const PREAMBLE = 12;
const U32_MAX = 0xffff_ffff;
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

interface Header {
  readonly settings: CooccurrenceSettings;
  readonly tokens: number;
  readonly vocabSize: number;
  readonly wordBytes: number;
  readonly counts: boolean;
  readonly unknownId: number | null;
  readonly nnz: number;
  readonly offsetNnz: readonly number[];
}

/**
 * Writes a co-occurrence result and its vocabulary as a dproj co-occurrence file (layout in this
 * module's comment). The matrix and every offset matrix must be V×V (V = vocab.size) CSR with
 * strictly increasing columns in each row, as the co-occurrence operator returns them.
 * Errors (op `format`): `ShapeError` for a matrix that is not V×V or counts of the wrong length,
 * `ValueError` for malformed CSR, settings or token count.
 */
export function encodeCooccurrence(result: CooccurrenceResult, vocab: Vocabulary): Uint8Array {
  const V = vocab.size;
  const matrices = [result.matrix, ...(result.offsets ?? [])];
  matrices.forEach((m, t) => {
    const argument = t === 0 ? 'result.matrix' : `result.offsets[${t - 1}]`;
    if (m.rows !== V || m.cols !== V) {
      throw new ShapeError(`encodeCooccurrence: ${argument} must be V×V = ${V}×${V} (vocab.size), got ${m.rows}×${m.cols}`, {
        op: 'format',
        argument,
      });
    }
    const problem = csrProblem(m, { columns: 'sorted' });
    if (problem !== undefined) {
      throw new ValueError(`encodeCooccurrence: ${argument} is not a valid CSR matrix: ${problem}`, { op: 'format', argument });
    }
  });
  const settingsFault = settingsProblem(result.settings);
  if (settingsFault !== undefined) {
    throw new ValueError(`encodeCooccurrence: result.settings ${settingsFault}`, { op: 'format', argument: 'result.settings' });
  }
  if (!Number.isSafeInteger(result.tokens) || result.tokens < 0) {
    throw new ValueError(`encodeCooccurrence: result.tokens must be an integer ≥ 0, got ${result.tokens}`, {
      op: 'format',
      argument: 'result.tokens',
    });
  }
  const { counts, unknownId } = vocab;
  if (counts !== undefined && counts.length !== V) {
    throw new ShapeError(`encodeCooccurrence: vocab.counts must have vocab.size = ${V} entries, got ${counts.length}`, {
      op: 'format',
      argument: 'vocab.counts',
    });
  }

  const utf8 = new TextEncoder();
  const wordLengths = new Uint32Array(V);
  const encodedWords = vocab.words.map((w, id) => {
    const bytes = utf8.encode(w);
    wordLengths[id] = bytes.length;
    return bytes;
  });
  const wordBytes = encodedWords.reduce((sum, b) => sum + b.length, 0);
  const header: Header = {
    settings: {
      window: result.settings.window,
      weighting: result.settings.weighting,
      direction: result.settings.direction,
      zeroDiagonal: result.settings.zeroDiagonal,
      crossDocuments: result.settings.crossDocuments,
    },
    tokens: result.tokens,
    vocabSize: V,
    wordBytes,
    counts: counts !== undefined,
    unknownId: unknownId ?? null,
    nnz: result.matrix.colIdx.length,
    offsetNnz: (result.offsets ?? []).map((m) => m.colIdx.length),
  };
  const headerBytes = utf8.encode(JSON.stringify(header));
  const total = fileLength(headerBytes.length, header);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, COOCCURRENCE_FORMAT_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, PREAMBLE);
  let at = align4(PREAMBLE + headerBytes.length);
  at = writeU32(out, at, wordLengths);
  for (const bytes of encodedWords) {
    out.set(bytes, at);
    at += bytes.length;
  }
  at = align4(at);
  if (counts !== undefined) at = writeU32(out, at, counts);
  for (const m of matrices) {
    at = writeU32(out, at, m.rowPtr);
    at = writeU32(out, at, m.colIdx);
    at = writeF32(out, at, m.values);
  }
  view.setUint32(at, crc32(out, 0, at), true);
  return out;
}

/**
 * Reads a dproj co-occurrence file back: the vocabulary (words, counts and unknown id as written) and
 * the result (matrix, offsets when written, settings, token count). Checks, in order, the magic
 * ("not a dproj co-occurrence file"), the version (a newer one is named), the header, the length the
 * header implies (truncated or trailing bytes), the CRC-32 ("checksum mismatch"), then the CSR
 * structure of every matrix and the vocabulary (distinct words). Every failure is a `FormatError`
 * (op `format`, argument `bytes`). The result shares no memory with `bytes`.
 */
export function decodeCooccurrence(bytes: Uint8Array): { vocab: Vocabulary; result: CooccurrenceResult } {
  if (!(bytes instanceof Uint8Array)) fail(`bytes must be a Uint8Array, got ${typeof bytes}`);
  const n = bytes.length;
  for (let p = 0; p < MAGIC.length; p++) {
    if (p >= n) fail(`truncated: ${n} bytes is too short for a dproj co-occurrence file`);
    if (bytes[p] !== MAGIC[p]) fail('not a dproj co-occurrence file (magic bytes "DPCO" missing)');
  }
  if (n < PREAMBLE + 4) fail(`truncated: ${n} bytes is too short for a dproj co-occurrence file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version > COOCCURRENCE_FORMAT_VERSION) {
    fail(
      `format version ${version} is newer than this reader, which reads up to version ${COOCCURRENCE_FORMAT_VERSION}; ` +
        'upgrade @dproj/core',
    );
  }
  if (version < 1) fail(`format version ${version} does not exist (versions start at 1)`);
  const checksumOk = () => crc32(bytes, 0, n - 4) === view.getUint32(n - 4, true);
  const headerLength = view.getUint32(8, true);
  if (PREAMBLE + headerLength > n - 4) {
    fail(`truncated: the header claims ${headerLength} bytes but the file has ${n} bytes in all`);
  }
  const header = readHeader(bytes.subarray(PREAMBLE, PREAMBLE + headerLength), checksumOk);
  const expected = fileLength(headerLength, header);
  if (expected > n) fail(`truncated: the header describes ${expected} bytes, the file has ${n}`);
  if (expected < n) fail(`${n - expected} unexpected bytes after the end of the file (${expected} bytes)`);
  if (!checksumOk()) fail('checksum mismatch: the file is damaged');

  const V = header.vocabSize;
  let at = align4(PREAMBLE + headerLength);
  const wordLengths = readU32(bytes, at, V);
  at += 4 * V;
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const words: string[] = [];
  let wordAt = at;
  for (let id = 0; id < V; id++) {
    const length = wordLengths[id]!;
    if (wordAt + length > at + header.wordBytes) fail(`word lengths exceed the ${header.wordBytes} word bytes`);
    try {
      words.push(utf8.decode(bytes.subarray(wordAt, wordAt + length)));
    } catch (cause) {
      fail(`word ${id} is not valid UTF-8`, cause);
    }
    wordAt += length;
  }
  if (wordAt !== at + header.wordBytes) fail(`word lengths sum to ${wordAt - at}, the header says ${header.wordBytes}`);
  at = align4(at + header.wordBytes);
  let counts: Uint32Array | undefined;
  if (header.counts) {
    counts = readU32(bytes, at, V);
    at += 4 * V;
  }
  const readMatrix = (nnz: number, name: string): CsrMatrix => {
    const rowPtr = readU32(bytes, at, V + 1);
    at += 4 * (V + 1);
    const colIdx = readU32(bytes, at, nnz);
    at += 4 * nnz;
    const values = readF32(bytes, at, nnz);
    at += 4 * nnz;
    const m: CsrMatrix = { rows: V, cols: V, rowPtr, colIdx, values };
    const problem = csrProblem(m, { columns: 'sorted' });
    if (problem !== undefined) fail(`${name} is not a valid CSR matrix: ${problem}`);
    return m;
  };
  const matrix = readMatrix(header.nnz, 'the matrix');
  const offsets = header.offsetNnz.map((nnz, t) => readMatrix(nnz, `offset matrix ${t + 1}`));

  let vocab: Vocabulary;
  try {
    vocab = createVocabulary(words, counts, header.unknownId ?? undefined, 'decodeCooccurrence');
  } catch (cause) {
    if (DprojError.isInstance(cause)) fail(`bad vocabulary: ${cause.message}`, cause);
    throw cause;
  }
  const result: CooccurrenceResult = {
    matrix,
    ...(offsets.length > 0 ? { offsets } : {}),
    settings: header.settings,
    tokens: header.tokens,
  };
  return { vocab, result };
}

function fail(message: string, cause?: unknown): never {
  throw new FormatError(`decodeCooccurrence: ${message}`, { op: 'format', argument: 'bytes', cause });
}

// Arithmetic rather than `& ~3`, which would wrap for files of 2 GiB and more.
function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

/** Total file length for a header of `headerLength` bytes describing `h`. */
function fileLength(headerLength: number, h: Header): number {
  const V = h.vocabSize;
  let total = align4(PREAMBLE + headerLength) + 4 * V + align4(h.wordBytes) + (h.counts ? 4 * V : 0);
  for (const nnz of [h.nnz, ...h.offsetNnz]) total += 4 * (V + 1) + 8 * nnz;
  return total + 4;
}

function readHeader(raw: Uint8Array, checksumOk: () => boolean): Header {
  // A damaged header is most likely a damaged file; say so when the checksum agrees.
  const bad = (what: string, cause?: unknown): never =>
    fail(checksumOk() ? `bad header: ${what}` : `checksum mismatch: the file is damaged (bad header: ${what})`, cause);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch (cause) {
    return bad('not valid UTF-8 JSON', cause);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return bad('not a JSON object');
  const h = parsed as Record<string, unknown>;
  const settingsFault = settingsProblem(h.settings);
  if (settingsFault !== undefined) return bad(`settings ${settingsFault}`);
  const count = (key: string, max: number): number => {
    const v = h[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) {
      return bad(`${key} must be an integer in [0, ${max}], got ${JSON.stringify(v)}`);
    }
    return v;
  };
  const tokens = count('tokens', Number.MAX_SAFE_INTEGER);
  const vocabSize = count('vocabSize', U32_MAX - 1);
  const wordBytes = count('wordBytes', U32_MAX);
  const nnz = count('nnz', U32_MAX);
  if (typeof h.counts !== 'boolean') return bad(`counts must be a boolean, got ${JSON.stringify(h.counts)}`);
  const unknownId = h.unknownId;
  if (unknownId !== null && (typeof unknownId !== 'number' || !Number.isInteger(unknownId) || unknownId < 0 || unknownId >= vocabSize)) {
    return bad(`unknownId must be null or an id below ${vocabSize}, got ${JSON.stringify(unknownId)}`);
  }
  const offsetNnz = h.offsetNnz;
  if (!Array.isArray(offsetNnz) || offsetNnz.some((v) => typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > U32_MAX)) {
    return bad(`offsetNnz must be an array of entry counts, got ${JSON.stringify(offsetNnz)}`);
  }
  return {
    settings: h.settings as CooccurrenceSettings,
    tokens,
    vocabSize,
    wordBytes,
    counts: h.counts,
    unknownId,
    nnz,
    offsetNnz: offsetNnz as number[],
  };
}

/** What is wrong with a settings object, or undefined. */
function settingsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return `must be an object, got ${JSON.stringify(value)}`;
  const s = value as Record<string, unknown>;
  if (typeof s.window !== 'number' || !Number.isSafeInteger(s.window) || s.window < 1) {
    return `window must be an integer ≥ 1, got ${JSON.stringify(s.window)}`;
  }
  if (s.weighting !== 'harmonic' && s.weighting !== 'uniform') {
    return `weighting must be 'harmonic' or 'uniform', got ${JSON.stringify(s.weighting)}`;
  }
  if (s.direction !== 'symmetric' && s.direction !== 'forward') {
    return `direction must be 'symmetric' or 'forward', got ${JSON.stringify(s.direction)}`;
  }
  if (typeof s.zeroDiagonal !== 'boolean') return `zeroDiagonal must be a boolean, got ${JSON.stringify(s.zeroDiagonal)}`;
  if (typeof s.crossDocuments !== 'boolean') {
    return `crossDocuments must be a boolean, got ${JSON.stringify(s.crossDocuments)}`;
  }
  return undefined;
}

function writeU32(out: Uint8Array, at: number, values: Uint32Array): number {
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at);
  } else {
    const view = new DataView(out.buffer, out.byteOffset);
    for (let t = 0; t < values.length; t++) view.setUint32(at + 4 * t, values[t]!, true);
  }
  return at + 4 * values.length;
}

function writeF32(out: Uint8Array, at: number, values: Float32Array): number {
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at);
  } else {
    const view = new DataView(out.buffer, out.byteOffset);
    for (let t = 0; t < values.length; t++) view.setFloat32(at + 4 * t, values[t]!, true);
  }
  return at + 4 * values.length;
}

/**
 * A copy of `bytes[at, at + length)` in a fresh ArrayBuffer of exactly that length. Not `bytes.slice`:
 * on a Node Buffer (what `fs.readFile` returns) `slice` is a view into the same, often pooled,
 * ArrayBuffer, so its `.buffer` would start at the wrong byte.
 */
function copyBytes(bytes: Uint8Array, at: number, length: number): ArrayBuffer {
  const out = new Uint8Array(length);
  out.set(bytes.subarray(at, at + length));
  return out.buffer;
}

// Copies through a fresh buffer, so the result is aligned and owns its memory whatever `bytes` is.
function readU32(bytes: Uint8Array, at: number, count: number): Uint32Array {
  if (LITTLE_ENDIAN) return new Uint32Array(copyBytes(bytes, at, 4 * count));
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return Uint32Array.from({ length: count }, (_, t) => view.getUint32(at + 4 * t, true));
}

function readF32(bytes: Uint8Array, at: number, count: number): Float32Array {
  if (LITTLE_ENDIAN) return new Float32Array(copyBytes(bytes, at, 4 * count));
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return Float32Array.from({ length: count }, (_, t) => view.getFloat32(at + 4 * t, true));
}
