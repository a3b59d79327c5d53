import type { GraphBuilder } from './graph-builder.ts';

/** Entries of a sparse operator in a graph: local row r, column c, value v (each of length e). */
export interface GraphEntries {
  readonly r: string;
  readonly c: string;
  readonly v: string;
}

/**
 * Y = X S_loc for X (n×u) and the sparse u×V_c operator given by its entries:
 * Y[:, c_e] += X[:, r_e] · v_e — a Gather of X's columns, a Mul, and a ScatterElements with
 * reduction `add` along axis 1 into zeros (n×V_c, V_c from the int64 input `vc`). Work and memory
 * are n·e plus the n×V_c result; S is never densified.
 */
export function spmm(g: GraphBuilder, x: string, entries: GraphEntries, vc: string): string {
  const n = g.op('Shape', [x], { end: { i: 1 } });
  const zeros = g.op('ConstantOfShape', [g.op('Concat', [n, vc], { axis: { i: 0 } })]);
  const gathered = g.op('Mul', [g.op('Gather', [x, entries.r], { axis: { i: 1 } }), entries.v]);
  const columns = g.op('Expand', [
    g.op('Unsqueeze', [entries.c, g.constant('int64', [0])]),
    g.op('Concat', [n, g.op('Shape', [entries.c])], { axis: { i: 0 } }),
  ]);
  return g.op('ScatterElements', [zeros, columns, gathered], { axis: { i: 1 }, reduction: { s: 'add' } });
}
