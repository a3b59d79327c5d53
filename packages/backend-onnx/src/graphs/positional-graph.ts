import type { GraphBuilder } from './graph-builder.ts';

/** Scalar int64 n from a 1-D int64 shape slice. */
function scalar(g: GraphBuilder, oneElement: string): string {
  return g.op('Squeeze', [oneElement, g.constant('int64', [0])]);
}

/** 0, 1, …, count−1 (int64) for the scalar `count`. */
function range(g: GraphBuilder, count: string): string {
  return g.op('Range', [g.int(0), count, g.int(1)]);
}

/**
 * M ← K ∘ M with the Toeplitz kernel K_ij = κ(|j−i|) = kappa[|j−i|], 0 where |j−i| ≥ len(kappa)
 * (SPEC B.10b). Input `kappa` (float, any length). K is built in the graph from |i − j| (Range),
 * clamped to len(kappa), as a Gather into kappa padded with one 0. Adding 0 turns −0 into +0.
 */
export function distanceKernel(g: GraphBuilder, m: string): string {
  const kappa = g.input('kappa', 'float', ['l']);
  const shape = g.op('Shape', [m]);
  const rows = range(g, scalar(g, g.op('Slice', [shape, g.constant('int64', [0]), g.constant('int64', [1])])));
  const cols = range(g, scalar(g, g.op('Slice', [shape, g.constant('int64', [1]), g.constant('int64', [2])])));
  const distance = g.op('Abs', [
    g.op('Sub', [g.op('Unsqueeze', [rows, g.constant('int64', [1])]), g.op('Unsqueeze', [cols, g.constant('int64', [0])])]),
  ]);
  const padded = g.op('Concat', [kappa, g.constant('float', [0])], { axis: { i: 0 } });
  const k = g.op('Gather', [padded, g.op('Min', [distance, g.op('Size', [kappa])])], { axis: { i: 0 } });
  return g.op('Add', [g.op('Mul', [m, k]), g.float(0)]);
}

/**
 * M^pos_ij = f(|j−i|) · C⁽|ʲ⁻ⁱ|⁾[x_min(i,j), x_max(i,j)] for 1 ≤ |j−i| ≤ w, else 0 (SPEC B.10a; the
 * pair (i, i+k) reads C⁽ᵏ⁾[x_i, x_{i+k}] for both entries, so M^pos is symmetric).
 * Inputs: `ox` (n, each position's word as a local id among the sequence's u distinct words),
 * the offset counts restricted to those words as ScatterND entries `oidx` (e×3: k−1, a, b) and `oval`,
 * `oshape` = [w', u, u] (w' = max(w, 1)), `ow` = w (scalar) and `of` = f(1..w') (float).
 * The w×u×u table T is made by ScatterND `add`; M^pos is one GatherND from it.
 */
export function offsetProjection(g: GraphBuilder): string {
  const ox = g.input('ox', 'int64', ['n']);
  const oidx = g.input('oidx', 'int64', ['eo', 3]);
  const oval = g.input('oval', 'float', ['eo']);
  const oshape = g.input('oshape', 'int64', [3]);
  const ow = g.input('ow', 'int64', []);
  const of = g.input('of', 'float', ['w']);
  // One zero entry at (0, 0, 0) is always added: the table is at least 1×1×1, and WebGPU's ScatterND
  // rejects zero-sized updates (a sequence whose words never co-occur has no entries).
  const index = g.op('Concat', [oidx, g.constant('int64', [0, 0, 0], [1, 3])], { axis: { i: 0 } });
  const values = g.op('Concat', [oval, g.constant('float', [0])], { axis: { i: 0 } });
  const table = g.op('ScatterND', [g.op('ConstantOfShape', [oshape]), index, values], { reduction: { s: 'add' } });

  const positions = range(g, scalar(g, g.op('Shape', [ox])));
  const i = g.op('Unsqueeze', [positions, g.constant('int64', [1])]);
  const j = g.op('Unsqueeze', [positions, g.constant('int64', [0])]);
  const distance = g.op('Abs', [g.op('Sub', [j, i])]);
  const valid = g.op('And', [g.op('Greater', [distance, g.int(0)]), g.op('LessOrEqual', [distance, ow])]);
  const lastOffset = g.op('Sub', [g.op('Gather', [oshape, g.int(0)], { axis: { i: 0 } }), g.int(1)]);
  const k = g.op('Max', [g.op('Min', [g.op('Sub', [distance, g.int(1)]), lastOffset]), g.int(0)]);
  const a = g.op('Gather', [ox, g.op('Min', [i, j])], { axis: { i: 0 } });
  const b = g.op('Gather', [ox, g.op('Max', [i, j])], { axis: { i: 0 } });
  const last = g.constant('int64', [-1]);
  const lookup = g.op('Concat', [g.op('Unsqueeze', [k, last]), g.op('Unsqueeze', [a, last]), g.op('Unsqueeze', [b, last])], { axis: { i: -1 } });
  const counts = g.op('GatherND', [table, lookup]);
  const weighted = g.op('Mul', [counts, g.op('Gather', [of, k], { axis: { i: 0 } })]);
  return g.op('Where', [valid, weighted, g.float(0)]);
}
