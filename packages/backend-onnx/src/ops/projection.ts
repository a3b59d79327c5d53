import { isCsr } from '@dproj/core';
import type { CsrMatrix, Positional, ProjectionInput, ProjectionResult, Selector, Weighting } from '@dproj/core';
import type { ProjectionGraphKey } from '../graphs/projection-graph.ts';
import { buildProjectionGraph, projectionKey } from '../graphs/projection-graph.ts';
import type { Feed, GraphRunner } from '../runtime/graph-runner.ts';
import { floatFeed, int64Feed, matrixFeed, toNumbers } from './feeds.ts';
import { entriesOfColumns, entriesOfRows } from './sparse-rows.ts';
import { orderTies } from './top-k-ties.ts';

type Ids = Uint32Array | readonly number[];

function tokensOf(sel: Selector): Ids | undefined {
  return 'tokens' in sel ? sel.tokens : undefined;
}

function selectorFeeds(sel: Selector, ids: string, soft: string): Record<string, Feed> {
  return 'tokens' in sel ? { [ids]: int64Feed(sel.tokens) } : { [soft]: matrixFeed(sel.q) };
}

/**
 * Feeds of a sparse S: the entries of the rows of S_dir the call reads (rows of S for `forward`,
 * columns of S for `backward`, both for `symmetric`) and `map`, each row of S_dir's local index among
 * them. A soft selector reads every row, so then all entries go and `map` is the identity.
 */
function sparseFeeds(s: CsrMatrix, direction: ProjectionGraphKey['direction'], wanted: Ids[] | null): Record<string, Feed> {
  const dirRows = direction === 'backward' ? s.cols : s.rows;
  let mark: Uint8Array | null = null;
  const map = new Array<number>(dirRows).fill(0);
  let u = dirRows;
  if (wanted === null) {
    for (let a = 0; a < dirRows; a++) map[a] = a;
  } else {
    mark = new Uint8Array(dirRows);
    for (const ids of wanted) for (let i = 0; i < ids.length; i++) mark[ids[i]] = 1;
    u = 0;
    for (let a = 0; a < dirRows; a++) if (mark[a] !== 0) map[a] = u++;
  }
  const feeds: Record<string, Feed> = { map: int64Feed(map), u: int64Feed([u]), vc: int64Feed([direction === 'backward' ? s.rows : s.cols]) };
  if (direction !== 'backward') {
    const e = entriesOfRows(s, mark);
    Object.assign(feeds, { r: int64Feed(e.rows), c: int64Feed(e.cols), v: floatFeed(e.values) });
  }
  if (direction !== 'forward') {
    const e = entriesOfColumns(s, mark);
    Object.assign(feeds, { rt: int64Feed(e.rows), ct: int64Feed(e.cols), vt: floatFeed(e.values) });
  }
  return feeds;
}

/**
 * Feeds of the offset refinement: each position's word as a local id among the sequence's distinct
 * words, and the entries of C⁽ᵏ⁾ (k = 1..w) between those words — CSR slices of the rows the sequence
 * holds, filtered to its columns — as ScatterND indices (k−1, a, b) and values.
 */
function offsetFeeds(tokens: Ids, positional: Extract<Positional, { kind: 'offset' }>): Record<string, Feed> {
  const local = new Map<number, number>();
  const ox = Array.from(tokens, (t) => {
    const known = local.get(t);
    if (known !== undefined) return known;
    local.set(t, local.size);
    return local.size - 1;
  });
  const index: number[] = [];
  const values: number[] = [];
  positional.offsets.forEach((c, k) => {
    for (const [a, la] of local) {
      for (let p = c.rowPtr[a]; p < c.rowPtr[a + 1]; p++) {
        const lb = local.get(c.colIdx[p]);
        if (lb === undefined) continue;
        index.push(k, la, lb);
        values.push(c.values[p]);
      }
    }
  });
  const w = positional.offsets.length;
  const weighting: Weighting = positional.weighting ?? 'harmonic';
  const f = Array.from({ length: Math.max(w, 1) }, (_, k) => (weighting === 'uniform' ? 1 : 1 / (k + 1)));
  return {
    ox: int64Feed(ox),
    oidx: int64Feed(index, [values.length, 3]),
    oval: floatFeed(values),
    oshape: int64Feed([Math.max(w, 1), local.size, local.size]),
    ow: int64Feed([w], []),
    of: floatFeed(f),
  };
}

/**
 * The projection operator (SPEC B.4, B.5, B.9, B.10, B.13) on the projection graph: M = Q_x S_dir Q_yᵀ
 * (n×m), optionally refined (distance kernel or offset counts), and E = M (Q_y S_dir) dense (n×V) or
 * its top-k per row. The host only picks CSR slices and local ids; the maths runs in the graph.
 */
export async function projection(runner: GraphRunner, input: ProjectionInput): Promise<ProjectionResult> {
  const other = input.other ?? input;
  const positional = input.positional;
  const predict = input.predict;
  const key: ProjectionGraphKey = {
    operator: isCsr(input.s) ? 'sparse' : 'dense',
    x: 'tokens' in input ? 'tokens' : 'soft',
    y: 'tokens' in other ? 'tokens' : 'soft',
    direction: input.direction ?? 'forward',
    positional: positional?.kind ?? 'none',
    predict: predict?.kind ?? 'none',
  };
  const feeds: Record<string, Feed> = { ...selectorFeeds(input, 'x', 'qx'), ...selectorFeeds(other, 'y', 'qy') };
  const needsOperator = key.positional !== 'offset' || key.predict !== 'none';
  if (needsOperator && isCsr(input.s)) {
    // Rows of S_dir read: x's words for P = Q_x S_dir (unless M comes from offsets), y's for E.
    const xIds = tokensOf(input);
    const yIds = tokensOf(other);
    const readsX = key.positional !== 'offset';
    const readsY = key.predict !== 'none';
    const everyRow = (readsX && xIds === undefined) || (readsY && yIds === undefined);
    const wanted = everyRow ? null : [...(readsX ? [xIds!] : []), ...(readsY ? [yIds!] : [])];
    Object.assign(feeds, sparseFeeds(input.s, key.direction, wanted));
  } else if (needsOperator && !isCsr(input.s)) {
    feeds.s = matrixFeed(input.s);
  }
  if (positional?.kind === 'kernel') feeds.kappa = floatFeed(positional.kappa);
  if (positional?.kind === 'offset') Object.assign(feeds, offsetFeeds(tokensOf(input)!, positional));
  if (predict?.kind === 'topk') feeds.k = int64Feed([predict.k]);

  const out = await runner.run(projectionKey(key), () => buildProjectionGraph(key), feeds);
  const m = { rows: out.m.dims[0], cols: out.m.dims[1], data: out.m.data as Float32Array };
  if (predict?.kind === 'dense') return { m, e: { rows: out.e.dims[0], cols: out.e.dims[1], data: out.e.data as Float32Array } };
  if (predict?.kind === 'topk') {
    const ids = Uint32Array.from(toNumbers(out.ids.data));
    const scores = out.scores.data as Float32Array;
    orderTies(ids, scores, predict.k);
    return { m, topk: { k: predict.k, ids, scores } };
  }
  return { m };
}
