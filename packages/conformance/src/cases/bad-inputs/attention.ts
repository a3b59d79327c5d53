import type { Mask } from '@dproj/core';
import type { Rule } from './rule.ts';
import { NON_FINITE } from './rule.ts';
import { attentionBase, crossBase, filled, multiHeadBase, withEntry } from './fixtures.ts';

type MatrixKey = 'h' | 'context' | 'wq' | 'wk' | 'wv';

function nonFinite(key: MatrixKey): Rule {
  const base = key === 'context' ? crossBase : attentionBase;
  const m = base[key] ?? base.h;
  return {
    slug: `attention-non-finite-${key}`,
    op: 'attention',
    error: 'ValueError',
    argument: [key],
    calls: NON_FINITE.map((v, i) => (e) => e.attention({ ...base, [key]: withEntry(m, (i * 5) % m.data.length, v) })),
  };
}

const bias = (values: number[]): Mask => ({ kind: 'bias', bias: Float32Array.from(values) });

/** Validation rules of single-head attention (SPEC B.11; types/operators.ts AttentionInput). */
export const attentionRules: readonly Rule[] = [
  {
    slug: 'attention-wq-rows',
    op: 'attention',
    error: 'ShapeError',
    argument: ['wq'],
    calls: [(e) => e.attention({ ...attentionBase, wq: filled(5, 2) })],
  },
  {
    slug: 'attention-wk-cols',
    op: 'attention',
    error: 'ShapeError',
    argument: ['wk'],
    calls: [(e) => e.attention({ ...attentionBase, wk: filled(4, 3) })],
  },
  {
    slug: 'attention-wk-rows',
    op: 'attention',
    error: 'ShapeError',
    argument: ['wk'],
    calls: [(e) => e.attention({ ...attentionBase, wk: filled(3, 2) })],
  },
  {
    slug: 'attention-wv-rows',
    op: 'attention',
    error: 'ShapeError',
    argument: ['wv'],
    calls: [(e) => e.attention({ ...attentionBase, wv: filled(5, 3) })],
  },
  {
    slug: 'attention-context-wk-rows',
    op: 'attention',
    error: 'ShapeError',
    argument: ['wk', 'context'],
    calls: [(e) => e.attention({ ...crossBase, wk: filled(4, 2) })],
  },
  {
    slug: 'attention-context-wv-rows',
    op: 'attention',
    error: 'ShapeError',
    argument: ['wv', 'context'],
    calls: [(e) => e.attention({ ...crossBase, wv: filled(4, 3) })],
  },
  {
    slug: 'attention-mask-size',
    op: 'attention',
    error: 'ShapeError',
    argument: ['mask', 'keep', 'bias'],
    calls: [
      (e) => e.attention({ ...attentionBase, mask: { kind: 'keep', keep: new Uint8Array(8).fill(1) } }),
      (e) => e.attention({ ...attentionBase, mask: bias(new Array<number>(10).fill(0)) }),
      // Cross-attention scores are n×m (3×5), not n×n.
      (e) => e.attention({ ...crossBase, mask: { kind: 'keep', keep: new Uint8Array(9).fill(1) } }),
    ],
  },
  {
    slug: 'attention-mask-keep-values',
    op: 'attention',
    error: 'ValueError',
    argument: ['mask', 'keep'],
    calls: [(e) => e.attention({ ...attentionBase, mask: { kind: 'keep', keep: Uint8Array.from([1, 1, 1, 0, 2, 1, 1, 1, 1]) } })],
  },
  {
    slug: 'attention-mask-bias-non-finite',
    op: 'attention',
    error: 'ValueError',
    argument: ['mask', 'bias'],
    // −∞ masks and is valid; NaN and +∞ are not.
    calls: [Number.NaN, Number.POSITIVE_INFINITY].map((v) => (e) => e.attention({ ...attentionBase, mask: bias([0, 1, v, 0, 0, 0, 0, 0, 0]) })),
  },
  {
    slug: 'attention-mask-kind-unknown',
    op: 'attention',
    error: 'ValueError',
    argument: ['mask', 'kind'],
    calls: [(e) => e.attention({ ...attentionBase, mask: { kind: 'sideways' } as unknown as Mask })],
  },
  ...(['h', 'context', 'wq', 'wk', 'wv'] as const).map(nonFinite),
  {
    slug: 'attention-scale-non-finite',
    op: 'attention',
    error: 'ValueError',
    argument: ['scale'],
    calls: NON_FINITE.map((scale) => (e) => e.attention({ ...attentionBase, scale })),
  },
  {
    slug: 'attention-empty-sequence',
    op: 'attention',
    error: 'ValueError',
    argument: ['h'],
    calls: [(e) => e.attention({ ...attentionBase, h: filled(0, 4) })],
  },
  {
    slug: 'attention-empty-context',
    op: 'attention',
    error: 'ValueError',
    argument: ['context'],
    calls: [(e) => e.attention({ ...crossBase, context: filled(0, 6) })],
  },
  {
    slug: 'attention-data-length',
    op: 'attention',
    error: 'ShapeError',
    argument: ['h', 'data'],
    calls: [(e) => e.attention({ ...attentionBase, h: { rows: 3, cols: 4, data: new Float32Array(11) } })],
  },
];

type HeadKey = 'wq' | 'wk' | 'wv';

function withHead(l: number, key: HeadKey, rows: number, cols: number) {
  return multiHeadBase.heads.map((h, k) => (k === l ? { ...h, [key]: filled(rows, cols) } : h));
}

/** Validation rules of multi-head attention (SPEC B.12; MultiHeadInput). */
export const multiHeadRules: readonly Rule[] = [
  {
    slug: 'multihead-no-heads',
    op: 'multiHead',
    error: 'ValueError',
    argument: ['heads'],
    calls: [(e) => e.multiHead({ ...multiHeadBase, heads: [] })],
  },
  {
    slug: 'multihead-head-wq-rows',
    op: 'multiHead',
    error: 'ShapeError',
    argument: ['wq'],
    calls: [(e) => e.multiHead({ ...multiHeadBase, heads: withHead(1, 'wq', 5, 1) })],
  },
  {
    slug: 'multihead-head-wk-cols',
    op: 'multiHead',
    error: 'ShapeError',
    argument: ['wk'],
    calls: [(e) => e.multiHead({ ...multiHeadBase, heads: withHead(0, 'wk', 4, 3) })],
  },
  {
    slug: 'multihead-head-wv-rows',
    op: 'multiHead',
    error: 'ShapeError',
    argument: ['wv'],
    calls: [(e) => e.multiHead({ ...multiHeadBase, heads: withHead(1, 'wv', 2, 2) })],
  },
  {
    slug: 'multihead-wo-rows',
    op: 'multiHead',
    error: 'ShapeError',
    argument: ['wo'],
    // Σ d_v = 5; W_O with 4 or 6 rows does not fit.
    calls: [4, 6].map((rows) => (e) => e.multiHead({ ...multiHeadBase, wo: filled(rows, 4) })),
  },
  {
    slug: 'multihead-context-wk-rows',
    op: 'multiHead',
    error: 'ShapeError',
    argument: ['wk', 'context'],
    calls: [(e) => e.multiHead({ ...multiHeadBase, context: filled(5, 6) })],
  },
  {
    slug: 'multihead-mask-size',
    op: 'multiHead',
    error: 'ShapeError',
    argument: ['mask', 'keep', 'bias'],
    calls: [(e) => e.multiHead({ ...multiHeadBase, mask: { kind: 'bias', bias: new Float32Array(6) } })],
  },
  {
    slug: 'multihead-mask-kind-unknown',
    op: 'multiHead',
    error: 'ValueError',
    argument: ['mask', 'kind'],
    calls: [(e) => e.multiHead({ ...multiHeadBase, mask: { kind: 'padding' } as unknown as Mask })],
  },
  {
    slug: 'multihead-non-finite',
    op: 'multiHead',
    error: 'ValueError',
    argument: ['h', 'wo', 'wq', 'wk', 'wv'],
    calls: NON_FINITE.flatMap((v) => [
      (e) => e.multiHead({ ...multiHeadBase, h: withEntry(multiHeadBase.h, 4, v) }),
      (e) => e.multiHead({ ...multiHeadBase, wo: withEntry(multiHeadBase.wo, 7, v) }),
      (e) =>
        e.multiHead({
          ...multiHeadBase,
          heads: multiHeadBase.heads.map((h, k) => (k === 1 ? { ...h, wv: withEntry(h.wv, 3, v) } : h)),
        }),
    ]),
  },
  {
    slug: 'multihead-scale-non-finite',
    op: 'multiHead',
    error: 'ValueError',
    argument: ['scale'],
    calls: NON_FINITE.map((scale) => (e) => e.multiHead({ ...multiHeadBase, scale })),
  },
  {
    slug: 'multihead-empty-sequence',
    op: 'multiHead',
    error: 'ValueError',
    argument: ['h'],
    calls: [(e) => e.multiHead({ ...multiHeadBase, h: filled(0, 4) })],
  },
];

