import type { GraphBuilder } from './graph-builder.ts';

/** How a mask reaches an attention graph: none, built in the graph (causal), or as an input. */
export type MaskKind = 'none' | 'causal' | 'keep' | 'bias';

/**
 * The masked score matrix Z' of Z (n×m): causal keeps j ≤ i (Trilu of a ones matrix shaped like Z),
 * `keep` keeps entries where the bool input `keep` (n×m) is true, `bias` adds the input `bias` (n×m).
 * Masked entries are −∞. `mask` is the value `maskInput` made (once per graph, shared by every head).
 */
export function maskScores(g: GraphBuilder, z: string, kind: MaskKind, mask: string | undefined): string {
  if (kind === 'none' || mask === undefined) return z;
  if (kind === 'bias') return g.op('Add', [z, mask]);
  return g.op('Where', [mask, z, g.float(Number.NEGATIVE_INFINITY)]);
}

/**
 * The graph value a mask needs, made once: the causal keep matrix [j ≤ i] shaped like the scores
 * `like` (n×m; Trilu keeps the lower triangle, so it works for n ≠ m too), or the graph input
 * `keep` (bool n×m) / `bias` (float n×m).
 */
export function maskInput(g: GraphBuilder, kind: MaskKind, like: string): string | undefined {
  switch (kind) {
    case 'none':
      return undefined;
    case 'causal': {
      const ones = g.op('ConstantOfShape', [g.op('Shape', [like])], { value: { t: { type: 'float', dims: [1], values: [1] } } });
      return g.op('Cast', [g.op('Trilu', [ones], { upper: { i: 0 } })], { to: { i: 9 } });
    }
    case 'keep':
      return g.input('keep', 'bool', ['n', 'm']);
    case 'bias':
      return g.input('bias', 'float', ['n', 'm']);
  }
}

/**
 * A = softmax(Z) row-wise (axis −1), with a fully masked row (row maximum −∞) giving a zero row:
 * ONNX Softmax of an all −∞ row is NaN, so the rows whose maximum is −∞ are replaced by 0 here,
 * inside the graph (SPEC B.7: masked entries weigh 0; a fully masked row is a zero row).
 */
export function maskedSoftmax(g: GraphBuilder, z: string): string {
  const rowMax = g.op('ReduceMax', [z, g.constant('int64', [-1])], { keepdims: { i: 1 } });
  const dead = g.op('IsInf', [rowMax], { detect_positive: { i: 0 }, detect_negative: { i: 1 } });
  const a = g.op('Softmax', [z], { axis: { i: -1 } });
  return g.op('Where', [dead, g.float(0), a]);
}
