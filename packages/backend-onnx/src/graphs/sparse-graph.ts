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
export function spmm(g: GraphBuilder, x: string, given: GraphEntries, vc: string): string {
  // A zero entry at (0, 0) is always added, so no tensor is zero-sized (WebGPU kernels reject those):
  // an operator whose needed rows are empty still has one entry, and it adds nothing.
  const pad = (name: string, value: string): string => g.op('Concat', [name, value], { axis: { i: 0 } });
  const zero = g.constant('int64', [0]);
  const entries = { r: pad(given.r, zero), c: pad(given.c, zero), v: pad(given.v, g.constant('float', [0])) };
  const n = g.op('Shape', [x], { end: { i: 1 } });
  const zeros = g.op('ConstantOfShape', [g.op('Concat', [n, vc], { axis: { i: 0 } })]);
  const gathered = g.op('Mul', [g.op('Gather', [x, entries.r], { axis: { i: 1 } }), entries.v]);
  const columns = g.op('Expand', [
    g.op('Unsqueeze', [entries.c, g.constant('int64', [0])]),
    g.op('Concat', [n, g.op('Shape', [entries.c])], { axis: { i: 0 } }),
  ]);
  return g.op('ScatterElements', [zeros, columns, gathered], { axis: { i: 1 }, reduction: { s: 'add' } });
}
