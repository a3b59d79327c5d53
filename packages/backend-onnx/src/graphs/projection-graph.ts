import { GraphBuilder } from './graph-builder.ts';
import { distanceKernel, offsetProjection } from './positional-graph.ts';
import { spmm } from './sparse-graph.ts';

/** What shapes a projection graph (never a size). */
export interface ProjectionGraphKey {
  /** S as a dense input, or as CSR entries of the rows the call needs. */
  readonly operator: 'dense' | 'sparse';
  readonly x: 'tokens' | 'soft';
  readonly y: 'tokens' | 'soft';
  readonly direction: 'forward' | 'backward' | 'symmetric';
  readonly positional: 'none' | 'kernel' | 'offset';
  readonly predict: 'none' | 'dense' | 'topk';
}

/** The cache key of a projection graph. */
export function projectionKey(k: ProjectionGraphKey): string {
  return `projection:${k.operator}:${k.x}:${k.y}:${k.direction}:${k.positional}:${k.predict}`;
}

/**
 * The projection operator as one graph (SPEC B.4, B.5, B.9, B.10, B.13):
 * P = Q_x S_dir (n×V_c), M = P Q_yᵀ (n×m; a column gather for token ids), optionally M ← K ∘ M
 * (distance kernel) or M ← M^pos (offset counts), and E = M (Q_y S_dir) (n×V_c), dense or its top-k
 * per row. S_dir = S, Sᵀ or S + Sᵀ is formed in the graph:
 * - dense S: input `s` (V_r×V_c); Transpose/Add give S_dir; rows of S_dir for token ids by Gather,
 *   for a soft selector by MatMul;
 * - sparse S: entries (r, c, v) of S whose row the call needs, and (rt, ct, vt) whose column it needs
 *   (for Sᵀ); `map` sends a row of S_dir to its local index among the u needed rows; products with
 *   S_dir are scatter-adds over the entries (`spmm`), so no V×V tensor exists.
 * Selectors: `x`/`y` (int64 token ids) or `qx` (n×V_r) / `qy` (m×V_c).
 * Outputs: `m`, and `e` (dense) or `scores` + `ids` (top-k, input `k`).
 */
export function buildProjectionGraph(key: ProjectionGraphKey): Uint8Array {
  const g = new GraphBuilder(projectionKey(key));
  const xIds = key.x === 'tokens' ? g.input('x', 'int64', ['n']) : undefined;
  const qx = key.x === 'soft' ? g.input('qx', 'float', ['n', 'vr']) : undefined;
  const yIds = key.y === 'tokens' ? g.input('y', 'int64', ['m']) : undefined;
  const qy = key.y === 'soft' ? g.input('qy', 'float', ['m', 'vc']) : undefined;
  const needsOperator = key.positional !== 'offset' || key.predict !== 'none';

  // Q S_dir for a selector given as token ids or as a soft matrix.
  let rowsOf: ((ids: string | undefined, q: string | undefined) => string) | undefined;
  // E from M, once S_dir is in place.
  let predictFrom: ((m: string) => string) | undefined;

  if (needsOperator && key.operator === 'dense') {
    const s = g.input('s', 'float', ['vr', 'vc']);
    const st = key.direction === 'forward' ? s : g.op('Transpose', [s], { perm: { ints: [1, 0] } });
    const sdir = key.direction === 'symmetric' ? g.op('Add', [s, st]) : st;
    rowsOf = (ids, q) => (ids !== undefined ? g.op('Gather', [sdir, ids], { axis: { i: 0 } }) : g.op('MatMul', [q!, sdir]));
    predictFrom = (m) => g.op('MatMul', [m, rowsOf!(yIds, qy)]);
  } else if (needsOperator) {
    const map = g.input('map', 'int64', ['vd']);
    const u = g.input('u', 'int64', [1]);
    const vc = g.input('vc', 'int64', [1]);
    const parts: { r: string; c: string; v: string }[] = [];
    if (key.direction !== 'backward') {
      const r = g.input('r', 'int64', ['e']);
      parts.push({ r: g.op('Gather', [map, r], { axis: { i: 0 } }), c: g.input('c', 'int64', ['e']), v: g.input('v', 'float', ['e']) });
    }
    if (key.direction !== 'forward') {
      // An entry S_ab read as Sᵀ is entry (b, a) of S_dir.
      const ct = g.input('ct', 'int64', ['et']);
      parts.push({ r: g.op('Gather', [map, ct], { axis: { i: 0 } }), c: g.input('rt', 'int64', ['et']), v: g.input('vt', 'float', ['et']) });
    }
    const join = (pick: (p: (typeof parts)[number]) => string): string =>
      parts.length === 1 ? pick(parts[0]) : g.op('Concat', parts.map(pick), { axis: { i: 0 } });
    const entries = { r: join((p) => p.r), c: join((p) => p.c), v: join((p) => p.v) };
    const local = (ids: string): string => g.op('Gather', [map, ids], { axis: { i: 0 } });
    const oneHot = (ids: string): string => g.op('OneHot', [local(ids), u, g.constant('float', [0, 1])], { axis: { i: -1 } });
    rowsOf = (ids, q) => spmm(g, ids !== undefined ? oneHot(ids) : q!, entries, vc);
    predictFrom = (m) => {
      // W = M Q_y over the local rows: for ids, M's columns summed into their word's column.
      const w =
        yIds !== undefined
          ? g.op(
              'ScatterElements',
              [
                g.op('ConstantOfShape', [g.op('Concat', [g.op('Shape', [m], { end: { i: 1 } }), u], { axis: { i: 0 } })]),
                g.op('Expand', [g.op('Unsqueeze', [local(yIds), g.constant('int64', [0])]), g.op('Shape', [m])]),
                m,
              ],
              { axis: { i: 1 }, reduction: { s: 'add' } },
            )
          : g.op('MatMul', [m, qy!]);
      return spmm(g, w, entries, vc);
    };
  }

  let m: string;
  if (key.positional === 'offset') {
    m = offsetProjection(g);
  } else {
    const p = rowsOf!(xIds, qx);
    m = yIds !== undefined ? g.op('Gather', [p, yIds], { axis: { i: 1 } }) : g.op('MatMul', [p, g.op('Transpose', [qy!], { perm: { ints: [1, 0] } })]);
    if (key.positional === 'kernel') m = distanceKernel(g, m);
  }
  g.output('m', m, 'float', ['n', 'm']);

  if (key.predict !== 'none') {
    const e = predictFrom!(m);
    if (key.predict === 'dense') {
      g.output('e', e, 'float', ['n', 'vc']);
    } else {
      const [scores, ids] = g.ops('TopK', [e, g.input('k', 'int64', [1])], { axis: { i: -1 }, largest: { i: 1 }, sorted: { i: 1 } }, 2);
      g.output('scores', scores, 'float', ['n', 'k']);
      g.output('ids', ids, 'int64', ['n', 'k']);
    }
  }
  return g.build();
}
