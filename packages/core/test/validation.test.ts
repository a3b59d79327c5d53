import { describe, expect, it } from 'vitest';
import {
  type AttentionInput,
  type Corpus,
  type CsrMatrix,
  DprojError,
  fromRows,
  identity,
  type MultiHeadInput,
  type ProjectionInput,
  ShapeError,
  validateInput,
  ValueError,
  zeros,
} from '../src/index.ts';

const vocab = { size: 3, words: ['a', 'b', 'c'], idOf: (w: string) => ['a', 'b', 'c'].indexOf(w) };
const corpus: Corpus = { vocab, docs: [Uint32Array.of(0, 1, 2)] };
const s3: CsrMatrix = {
  rows: 3,
  cols: 3,
  rowPtr: Uint32Array.of(0, 1, 2, 2),
  colIdx: Uint32Array.of(1, 0),
  values: Float32Array.of(1, 1),
};

/** Runs the validator and returns the error, asserting its class and that its message names the argument. */
function errorOf(run: () => void, type: typeof ValueError | typeof ShapeError, argument: string): DprojError {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${type.name} for ${argument}`).toBeInstanceOf(type);
  const error = caught as DprojError;
  expect(error.argument).toBe(argument);
  expect(error.message).toContain(argument);
  expect(DprojError.isInstance(error)).toBe(true);
  return error;
}

describe('validateInput: cooccurrence', () => {
  const check = (c: Corpus, window: unknown, extra: object = {}) => () =>
    validateInput('cooccurrence', { corpus: c, options: { window: window as number, ...extra } });

  it('accepts a valid call and an empty corpus (S = 0)', () => {
    expect(check(corpus, 2)).not.toThrow();
    expect(check({ vocab, docs: [] }, 1)).not.toThrow();
  });

  it.each([
    [0, 'options.window'],
    [-1, 'options.window'],
    [1.5, 'options.window'],
    [Number.NaN, 'options.window'],
  ])('rejects window %s', (window, argument) => {
    const e = errorOf(check(corpus, window), ValueError, argument);
    expect(e.message).toMatch(/cooccurrence: options.window must be an integer ≥ 1/);
  });

  it('rejects an empty vocabulary, a token id ≥ V and a non-Uint32Array document', () => {
    errorOf(check({ vocab: { ...vocab, size: 0 }, docs: [] }, 1), ValueError, 'corpus.vocab.size');
    errorOf(check({ vocab, docs: [Uint32Array.of(0, 3)] }, 1), ValueError, 'corpus.docs[0][1]');
    errorOf(check({ vocab, docs: [[0, 1] as unknown as Uint32Array] }, 1), ValueError, 'corpus.docs[0]');
  });

  it('bounds the window when per-offset counts are asked for', () => {
    expect(check(corpus, 100_000)).not.toThrow();
    expect(check(corpus, 1024, { offsets: true })).not.toThrow();
    errorOf(check(corpus, 1025, { offsets: true }), ValueError, 'options.window');
  });

  it('rejects unknown option values', () => {
    errorOf(check(corpus, 1, { weighting: 'gaussian' }), ValueError, 'options.weighting');
    errorOf(check(corpus, 1, { direction: 'backward' }), ValueError, 'options.direction');
    errorOf(check(corpus, 1, { offsets: 'yes' }), ValueError, 'options.offsets');
  });
});

describe('validateInput: projection', () => {
  const run = (input: Record<string, unknown>) => () =>
    validateInput('projection', { s: s3, tokens: [0, 1], ...input } as ProjectionInput);

  it('accepts token ids, a soft selector, a cross projection and every refinement', () => {
    expect(run({})).not.toThrow();
    expect(() => validateInput('projection', { s: s3, q: zeros(2, 3) })).not.toThrow();
    expect(run({ other: { tokens: Uint32Array.of(2) }, predict: { kind: 'topk', k: 3 } })).not.toThrow();
    expect(run({ positional: { kind: 'offset', offsets: [s3, s3] }, direction: 'backward' })).not.toThrow();
    expect(run({ positional: { kind: 'kernel', kappa: [1, 0.5] } })).not.toThrow();
  });

  it('rejects selectors that do not fit S', () => {
    errorOf(run({ tokens: [0, 3] }), ValueError, 'tokens[1]');
    errorOf(run({ tokens: [] }), ValueError, 'tokens');
    errorOf(run({ tokens: [0, 1.5] }), ValueError, 'tokens[1]');
    errorOf(() => validateInput('projection', { s: s3, q: zeros(2, 4) }), ShapeError, 'q');
    errorOf(() => validateInput('projection', { s: s3, q: zeros(2, 3), tokens: [0] } as never), ValueError, 'input');
    errorOf(run({ other: { tokens: [5] } }), ValueError, 'other.tokens[0]');
  });

  it('rejects a non-square S for a self projection and for backward/symmetric readings', () => {
    const rect = { ...zeros(3, 2) };
    errorOf(() => validateInput('projection', { s: rect, tokens: [0] }), ShapeError, 's');
    expect(() => validateInput('projection', { s: rect, tokens: [0], other: { tokens: [1] } })).not.toThrow();
    errorOf(() => validateInput('projection', { s: rect, tokens: [0], other: { tokens: [1] }, direction: 'backward' }), ShapeError, 's');
    const predicted = errorOf(() => validateInput('projection', { s: rect, tokens: [0], other: { tokens: [1] }, predict: { kind: 'dense' } }), ShapeError, 's');
    expect(predicted.message).toMatch(/to predict E = M \(Q_y S\)/);
  });

  it('rejects malformed CSR matrices', () => {
    const malformed = (s: CsrMatrix, why: RegExp) => expect(errorOf(run({ s }), ValueError, 's').message).toMatch(why);
    malformed({ ...s3, rowPtr: Uint32Array.of(0, 2, 1, 2) }, /rowPtr must be non-decreasing/);
    malformed({ ...s3, colIdx: Uint32Array.of(1, 3) }, /colIdx must be < cols = 3/);
    malformed({ ...s3, rowPtr: Uint32Array.of(0, 2, 2, 2), colIdx: Uint32Array.of(1, 1) }, /row 0 must hold column 1 at most once/);
    malformed({ ...s3, values: Float32Array.of(1) }, /values must have rowPtr\[rows\] = 2 entries/);
    malformed({ ...s3, rowPtr: Uint32Array.of(0, 1, 2) }, /rowPtr must have rows \+ 1 = 4 entries/);
    errorOf(run({ s: { ...s3, values: Float32Array.of(1, Number.NaN) } }), ValueError, 's.values[1]');
  });

  it('rejects NaN and ±∞ in a dense S and a bad data length', () => {
    const s = identity(3);
    const withInf = { ...s, data: Float32Array.from(s.data, (v, i) => (i === 4 ? Number.POSITIVE_INFINITY : v)) };
    errorOf(run({ s: withInf }), ValueError, 's[1, 1]');
    errorOf(run({ s: { rows: 3, cols: 3, data: new Float32Array(8) } }), ShapeError, 's.data');
  });

  it('rejects bad refinements and predictions', () => {
    errorOf(run({ direction: 'sideways' }), ValueError, 'direction');
    errorOf(run({ predict: { kind: 'topk', k: 0 } }), ValueError, 'predict.k');
    errorOf(run({ predict: { kind: 'topk', k: 4 } }), ValueError, 'predict.k');
    errorOf(run({ predict: { kind: 'sparse' } }), ValueError, 'predict.kind');
    errorOf(run({ positional: { kind: 'offset', offsets: [] } }), ValueError, 'positional.offsets');
    errorOf(run({ positional: { kind: 'offset', offsets: [{ ...zeros(2, 2), rowPtr: Uint32Array.of(0, 0, 0), colIdx: new Uint32Array(0), values: new Float32Array(0) }] } }), ShapeError, 'positional.offsets[0]');
    errorOf(() => validateInput('projection', { s: s3, q: zeros(2, 3), positional: { kind: 'offset', offsets: [s3] } }), ValueError, 'positional');
    errorOf(run({ positional: { kind: 'kernel', kappa: [] } }), ValueError, 'positional.kappa');
    errorOf(run({ positional: { kind: 'kernel', kappa: [1, Number.NaN] } }), ValueError, 'positional.kappa[1]');
    errorOf(run({ positional: { kind: 'kernel', kappa: [1] }, other: { tokens: [0] } }), ValueError, 'positional');
    errorOf(run({ positional: { kind: 'relative' } }), ValueError, 'positional.kind');
  });
});

describe('validateInput: attention and multiHead', () => {
  const h = zeros(3, 4);
  const base: AttentionInput = { h, wq: zeros(4, 2), wk: zeros(4, 2), wv: zeros(4, 5) };
  const run = (input: Record<string, unknown>) => () =>
    validateInput('attention', { ...base, ...input } as AttentionInput);

  it('accepts self and cross attention with every mask kind', () => {
    expect(run({})).not.toThrow();
    expect(run({ context: zeros(6, 3), wk: zeros(3, 2), wv: zeros(3, 1), mask: { kind: 'causal' } })).not.toThrow();
    expect(run({ mask: { kind: 'keep', keep: new Uint8Array(9) } })).not.toThrow();
    expect(run({ mask: { kind: 'bias', bias: new Float32Array(9).fill(Number.NEGATIVE_INFINITY) }, scale: 0.5 })).not.toThrow();
  });

  it('rejects shapes that do not fit', () => {
    errorOf(run({ wq: zeros(3, 2) }), ShapeError, 'wq');
    errorOf(run({ wk: zeros(4, 3) }), ShapeError, 'wk');
    errorOf(run({ context: zeros(6, 3) }), ShapeError, 'wk');
    errorOf(run({ wv: zeros(5, 5) }), ShapeError, 'wv');
    errorOf(run({ h: zeros(0, 4) }), ValueError, 'h.rows');
    errorOf(run({ mask: { kind: 'keep', keep: new Uint8Array(8) } }), ShapeError, 'mask.keep');
    errorOf(run({ mask: { kind: 'bias', bias: new Float32Array(10) } }), ShapeError, 'mask.bias');
  });

  it('rejects NaN/∞ inputs, bad masks and a non-finite scale', () => {
    const nan = { ...h, data: Float32Array.from(h.data, (_, i) => (i === 5 ? Number.NaN : 0)) };
    errorOf(run({ h: nan }), ValueError, 'h[1, 1]');
    errorOf(run({ mask: { kind: 'bias', bias: new Float32Array(9).fill(Number.POSITIVE_INFINITY) } }), ValueError, 'mask.bias[0]');
    errorOf(run({ mask: { kind: 'keep', keep: new Uint8Array(9).fill(2) } }), ValueError, 'mask.keep[0]');
    errorOf(run({ mask: { kind: 'future' } }), ValueError, 'mask.kind');
    errorOf(run({ scale: Number.NaN }), ValueError, 'scale');
  });

  it('checks each head and W_O rows = Σ d_v', () => {
    const head = { wq: zeros(4, 2), wk: zeros(4, 2), wv: zeros(4, 3) };
    const mh: MultiHeadInput = { h, heads: [head, { ...head, wv: zeros(4, 1) }], wo: zeros(4, 7) };
    expect(() => validateInput('multiHead', mh)).not.toThrow();
    errorOf(() => validateInput('multiHead', { ...mh, wo: zeros(6, 7) }), ShapeError, 'wo');
    errorOf(() => validateInput('multiHead', { ...mh, heads: [] }), ValueError, 'heads');
    errorOf(() => validateInput('multiHead', { ...mh, heads: [head, { ...head, wq: fromRows([[1]]) }] }), ShapeError, 'heads[1].wq');
  });
});
