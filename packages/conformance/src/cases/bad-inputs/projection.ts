import type { Positional, Predict, ProjectionInput } from '@dproj/core';
import type { Rule } from './rule.ts';
import { NON_FINITE } from './rule.ts';
import { crossOperator, csrOperator, csrWith, filled, offsets, operator, projectionBase, withEntry } from './fixtures.ts';
import { toCsr } from '../support/inputs.ts';

const rule = (slug: string, error: Rule['error'], argument: string[], inputs: ProjectionInput[]): Rule => ({
  slug: `projection-${slug}`,
  op: 'projection',
  error,
  argument,
  calls: inputs.map((input) => (e) => e.projection(input)),
});

const tokens = (ids: number[]) => ({ tokens: ids });
const csrS = (change: Parameters<typeof csrWith>[1]): ProjectionInput => ({ ...projectionBase, s: csrWith(csrOperator, change) });

/** Validation rules of the projection operator (SPEC B.3–B.5, B.9, B.10, B.13; ProjectionInput). */
export const projectionRules: readonly Rule[] = [
  rule('token-out-of-range', 'ValueError', ['tokens'], [{ ...projectionBase, tokens: Uint32Array.from([0, 5]) }]),
  rule('token-negative', 'ValueError', ['tokens'], [{ s: operator, ...tokens([0, -1]) }]),
  rule('token-non-integer', 'ValueError', ['tokens'], [{ s: operator, ...tokens([0, 1.5]) }, { s: operator, ...tokens([Number.NaN]) }]),
  rule('empty-sequence', 'ValueError', ['tokens'], [{ s: operator, tokens: new Uint32Array(0) }]),
  rule('empty-vocabulary', 'ValueError', ['s'], [{ s: filled(0, 0), tokens: Uint32Array.from([0]) }]),
  rule('q-cols', 'ShapeError', ['q'], [{ s: operator, q: filled(3, 4) }]),
  rule('s-non-square', 'ShapeError', ['s'], [{ s: filled(5, 4), tokens: Uint32Array.from([0, 1]) }]),
  rule('s-data-length', 'ShapeError', ['s', 'data'], [{ ...projectionBase, s: { rows: 5, cols: 5, data: new Float32Array(24) } }]),
  rule('cross-x-token-range', 'ValueError', ['tokens'], [{ s: filled(3, 5), tokens: Uint32Array.from([4]), other: tokens([0]) }]),
  rule('cross-other-token-range', 'ValueError', ['other', 'tokens'], [{ s: crossOperator, tokens: Uint32Array.from([4]), other: tokens([1, 3]) }]),
  rule('cross-other-q-cols', 'ShapeError', ['other', 'q'], [{ s: crossOperator, tokens: Uint32Array.from([4]), other: { q: filled(2, 5) } }]),
  rule('cross-q-cols', 'ShapeError', ['q'], [{ s: crossOperator, q: filled(2, 3), other: tokens([0]) }]),
  rule('cross-direction-non-square', 'ShapeError', ['s'], [
    { s: crossOperator, tokens: Uint32Array.from([1]), other: tokens([0]), direction: 'backward' },
    { s: crossOperator, tokens: Uint32Array.from([1]), other: tokens([0]), direction: 'symmetric' },
  ]),
  rule('other-empty', 'ValueError', ['other', 'tokens'], [{ ...projectionBase, other: { tokens: new Uint32Array(0) } }]),
  rule(
    'non-finite-s',
    'ValueError',
    ['s'],
    NON_FINITE.flatMap((v) => [
      { ...projectionBase, s: withEntry(operator, 7, v) },
      csrS({ values: csrOperator.values.map((x, k) => (k === 2 ? v : x)) }),
    ]),
  ),
  rule('non-finite-q', 'ValueError', ['q'], NON_FINITE.map((v) => ({ s: operator, q: withEntry(filled(2, 5), 3, v) }))),
  rule('non-finite-other-q', 'ValueError', ['other', 'q'], NON_FINITE.map((v) => ({ ...projectionBase, other: { q: withEntry(filled(2, 5), 6, v) } }))),
  rule('topk-k-range', 'ValueError', ['k', 'predict'], [0, -1, 6, 2.5, Number.NaN].map((k) => ({ ...projectionBase, predict: { kind: 'topk', k } }))),
  rule('topk-k-above-source-vocabulary', 'ValueError', ['k', 'predict'], [
    // Cross top-k ranks the V_y = 3 words of the source side.
    { s: crossOperator, tokens: Uint32Array.from([1]), other: tokens([0]), predict: { kind: 'topk', k: 4 } },
  ]),
  rule('predict-kind-unknown', 'ValueError', ['predict', 'kind'], [{ ...projectionBase, predict: { kind: 'sparse' } as unknown as Predict }]),
  rule('direction-unknown', 'ValueError', ['direction'], [{ ...projectionBase, direction: 'sideways' as unknown as 'forward' }]),
  rule('positional-offset-soft-selector', 'ValueError', ['positional'], [{ s: operator, q: filled(2, 5), positional: { kind: 'offset', offsets } }]),
  rule('positional-cross', 'ValueError', ['positional'], [
    { ...projectionBase, other: tokens([0, 2]), positional: { kind: 'offset', offsets } },
    { ...projectionBase, other: tokens([0, 2]), positional: { kind: 'kernel', kappa: [1, 0.5] } },
  ]),
  rule('positional-kind-unknown', 'ValueError', ['positional', 'kind'], [{ ...projectionBase, positional: { kind: 'alibi' } as unknown as Positional }]),
  rule('positional-offsets-empty', 'ValueError', ['positional', 'offsets'], [{ ...projectionBase, positional: { kind: 'offset', offsets: [] } }]),
  rule('positional-offsets-shape', 'ShapeError', ['positional', 'offsets'], [
    { ...projectionBase, positional: { kind: 'offset', offsets: [toCsr(filled(4, 4))] } },
  ]),
  rule('positional-offsets-malformed', 'ValueError', ['positional', 'offsets', 'colIdx'], [
    { ...projectionBase, positional: { kind: 'offset', offsets: [csrWith(offsets[1], { colIdx: offsets[1].colIdx.map((c, k) => (k === 1 ? offsets[1].colIdx[0] : c)) })] } },
  ]),
  rule('positional-weighting-unknown', 'ValueError', ['positional', 'weighting'], [
    { ...projectionBase, positional: { kind: 'offset', offsets, weighting: 'gaussian' as unknown as 'uniform' } },
  ]),
  rule('positional-kappa-non-finite', 'ValueError', ['positional', 'kappa'], NON_FINITE.map((v) => ({ ...projectionBase, positional: { kind: 'kernel', kappa: [1, v] } }))),
  rule('positional-kappa-empty', 'ValueError', ['positional', 'kappa'], [{ ...projectionBase, positional: { kind: 'kernel', kappa: [] } }]),
  rule('csr-rowptr-length', 'ValueError', ['s', 'rowPtr'], [csrS({ rowPtr: csrOperator.rowPtr.slice(0, 5) })]),
  rule('csr-rowptr-not-monotone', 'ValueError', ['s', 'rowPtr'], [
    csrS({ rowPtr: csrOperator.rowPtr.map((p, i) => (i === 2 ? csrOperator.rowPtr[1] - 1 : p)) }),
  ]),
  rule('csr-rowptr-bounds', 'ValueError', ['s', 'rowPtr'], [
    csrS({ rowPtr: csrOperator.rowPtr.map((p, i) => (i === 0 ? 1 : p)) }),
    csrS({ rowPtr: csrOperator.rowPtr.map((p, i) => (i === 5 ? p - 1 : p)) }),
  ]),
  rule('csr-length-mismatch', 'ValueError', ['s', 'values', 'colIdx'], [csrS({ values: csrOperator.values.slice(1) })]),
  rule('csr-column-range', 'ValueError', ['s', 'colIdx'], [csrS({ colIdx: csrOperator.colIdx.map((c, k) => (k === 3 ? 5 : c)) })]),
  rule('csr-duplicate-column', 'ValueError', ['s', 'colIdx'], [csrS({ colIdx: csrOperator.colIdx.map((c, k) => (k === 1 ? csrOperator.colIdx[0] : c)) })]),
];
