import { GraphBuilder } from './graph-builder.ts';

/** What shapes a co-occurrence graph. */
export interface CooccurrenceGraphKey {
  readonly direction: 'symmetric' | 'forward';
  readonly zeroDiagonal: boolean;
}

/** The cache key of a co-occurrence graph. */
export function cooccurrenceKey(k: CooccurrenceGraphKey): string {
  return `cooccurrence:${k.direction}:${k.zeroDiagonal ? 'zd' : '-'}`;
}

/**
 * Co-occurrence counting as one graph (SPEC B.2), sort-based, so memory follows the number of pairs
 * and never V². Inputs: the token stream `x` (T, int64), each token's document `doc` (T; all equal when
 * windows cross documents), the window `w` (scalar; the host passes the largest offset that can occur)
 * and vocabulary size `vocab` (scalar), and the distance weights `f` = f(1..w) (float64).
 * 1. Every position t and offset k = 1..w gives the partner t + k; a pair is kept when the partner is
 *    in range and in the same document (Compress).
 * 2. Pair keys (a·V + b)·w + (k−1), sorted and counted by Unique: `offsetKeys` and `offsetCounts` are
 *    the offset counts C⁽ᵏ⁾_ab.
 * 3. F_ab = Σ_k f(k) C⁽ᵏ⁾_ab: keys a·V + b, Unique again, ScatterElements `add` of f(k)·count in
 *    float64; `zeroDiagonal` drops a = b; `symmetric` also adds each pair as (b, a), S = F + Fᵀ.
 *    Outputs `keys` (sorted a·V + b) and `values`.
 */
export function buildCooccurrenceGraph(key: CooccurrenceGraphKey): Uint8Array {
  const g = new GraphBuilder(cooccurrenceKey(key));
  const x = g.input('x', 'int64', ['t']);
  const doc = g.input('doc', 'int64', ['t']);
  const w = g.input('w', 'int64', []);
  const vocab = g.input('vocab', 'int64', []);
  const f = g.input('f', 'double', ['w']);
  const axis0 = { axis: { i: 0 } };

  const length = g.op('Squeeze', [g.op('Shape', [x]), g.constant('int64', [0])]);
  const positions = g.op('Range', [g.int(0), length, g.int(1)]);
  const offsets = g.op('Range', [g.int(1), g.op('Add', [w, g.int(1)]), g.int(1)]);
  const partner = g.op('Add', [g.op('Unsqueeze', [positions, g.constant('int64', [1])]), g.op('Unsqueeze', [offsets, g.constant('int64', [0])])]);
  // Partners past the end are clamped for the gathers and dropped by `valid`.
  const clamped = g.op('Min', [partner, g.op('Sub', [length, g.int(1)])]);
  const sameDoc = g.op('Equal', [g.op('Gather', [doc, clamped], axis0), g.op('Unsqueeze', [doc, g.constant('int64', [1])])]);
  const valid = g.op('Reshape', [g.op('And', [g.op('Less', [partner, length]), sameDoc]), g.constant('int64', [-1])]);
  const a = g.op('Unsqueeze', [x, g.constant('int64', [1])]);
  const b = g.op('Gather', [x, clamped], axis0);
  const k = g.op('Sub', [g.op('Unsqueeze', [offsets, g.constant('int64', [0])]), g.int(1)]);
  const code = g.op('Add', [g.op('Mul', [g.op('Add', [g.op('Mul', [a, vocab]), b]), w]), k]);
  const codes = g.op('Compress', [g.op('Reshape', [code, g.constant('int64', [-1])]), valid], axis0);

  const [offsetKeys, , , offsetCounts] = g.ops('Unique', [codes], { sorted: { i: 1 } }, 4);
  g.output('offsetKeys', offsetKeys, 'int64', ['p']);
  g.output('offsetCounts', offsetCounts, 'int64', ['p']);

  let pairs = g.op('Div', [offsetKeys, w]);
  let weights = g.op('Mul', [g.op('Cast', [offsetCounts], { to: { i: 11 } }), g.op('Gather', [f, g.op('Mod', [offsetKeys, w])], axis0)]);
  const rows = (p: string): string => g.op('Div', [p, vocab]);
  const cols = (p: string): string => g.op('Mod', [p, vocab]);
  if (key.zeroDiagonal) {
    const offDiagonal = g.op('Not', [g.op('Equal', [rows(pairs), cols(pairs)])]);
    pairs = g.op('Compress', [pairs, offDiagonal], axis0);
    weights = g.op('Compress', [weights, offDiagonal], axis0);
  }
  if (key.direction === 'symmetric') {
    const transposed = g.op('Add', [g.op('Mul', [cols(pairs), vocab]), rows(pairs)]);
    pairs = g.op('Concat', [pairs, transposed], axis0);
    weights = g.op('Concat', [weights, weights], axis0);
  }
  const [keys, , inverse] = g.ops('Unique', [pairs], { sorted: { i: 1 } }, 3);
  const sums = g.op('ScatterElements', [g.op('Cast', [g.op('ConstantOfShape', [g.op('Shape', [keys])])], { to: { i: 11 } }), inverse, weights], {
    axis: { i: 0 },
    reduction: { s: 'add' },
  });
  g.output('keys', keys, 'int64', ['q']);
  g.output('values', sums, 'double', ['q']);
  return g.build();
}
