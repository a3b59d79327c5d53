import { isCsr } from '@dproj/core';
import type { Matrix, Predict, ProjectionInput, ProjectionResult, TopK } from '@dproj/core';
import type { Job } from '../device/job.ts';
import { rowsPerBlock } from '../device/limits.ts';
import { gatherColumnsKernel } from '../shaders/gather-columns.wgsl.ts';
import type { Direction } from '../shaders/gather-pairs.wgsl.ts';
import { gatherPairsKernel } from '../shaders/gather-pairs.wgsl.ts';
import { groupSumKernel } from '../shaders/group-sum.wgsl.ts';
import { distanceKernelKernel, offsetProjectionKernel } from '../shaders/positional.wgsl.ts';
import { selectRowsKernel } from '../shaders/select-rows.wgsl.ts';
import { sparseProductKernel } from '../shaders/sparse-product.wgsl.ts';
import { rowsByColumn, sortedCsr } from './csr-layout.ts';
import { runLinear } from './linear-kernels.ts';
import { matmul, view } from './matmul.ts';
import type { PositionGroups, SelectorData } from '@dproj/core';
import { groupPositions, readSelector } from '@dproj/core';
import { oneHotGroups } from './selector.ts';
import { topKOfRow } from './top-k.ts';

/** R: the rows of S_dir a product reads, dense (U×C) or by columns, ready for `times`. */
interface RowsOperand {
  readonly rows: number;
  readonly cols: number;
  /** out (rows' × cols) = A[aRow0 ..] R, A with leading dimension lda. */
  times(a: GPUBuffer, lda: number, aRow0: number, rows: number, out: GPUBuffer): Promise<void>;
}

/**
 * The projection operator (SPEC B.4, B.5, B.9, B.10, B.13) on the GPU. With S_dir = S, Sᵀ or S + Sᵀ:
 * M = Q_x S_dir Q_yᵀ (n×m) — for token ids a gather M_ij = S_dir[x_i, y_j]; for soft selectors
 * (Q_x S_dir) Q_yᵀ by matmul or sparse product — optionally replaced by M^pos or K ∘ M; and
 * E = M (Q_y S_dir) = W R with W = M Q_y (per distinct word of y: W_iu = Σ_{y_j = u} M_ij) and R the
 * rows of S_dir for y's words, computed in blocks of rows that fit one binding. Top-k is selected on the
 * host from each block of E rows as it is read back.
 */
export async function projection(job: Job, input: ProjectionInput): Promise<ProjectionResult> {
  const x = readSelector(input);
  const y = input.other === undefined ? x : readSelector(input.other);
  const direction: Direction = input.direction ?? 'forward';
  const s = input.s;
  const n = x.length;
  const m = y.length;
  const sdirRows = direction === 'backward' ? s.cols : s.rows;
  const sdirCols = direction === 'backward' ? s.rows : s.cols;
  const denseS = isCsr(s) ? undefined : job.upload(s.data, 's');

  // Rows of S_dir for `words` (null: all rows), as the operand of a product.
  const rowsOf = async (words: Uint32Array | null): Promise<RowsOperand> => {
    const list = words ?? Uint32Array.from({ length: sdirRows }, (_, a) => a);
    if (denseS !== undefined) {
      if (words === null && direction === 'forward') return denseOperand(job, denseS, list.length, sdirCols);
      const r = job.scratch(list.length * sdirCols * 4, 's');
      const params = job.uniform([list.length, sdirCols, s.cols]);
      await runLinear(job, selectRowsKernel(direction), list.length * sdirCols, params, [job.upload(list, 'tokens'), denseS, r]);
      return denseOperand(job, r, list.length, sdirCols);
    }
    const csc = rowsByColumn(s as Exclude<typeof s, Matrix>, list, direction);
    const colPtr = job.upload(csc.colPtr, 's');
    const rowIdx = job.upload(csc.rowIdx, 's');
    const values = job.upload(csc.values, 's');
    return {
      rows: list.length,
      cols: sdirCols,
      async times(a, lda, aRow0, rows, out) {
        const params = job.uniform([rows, sdirCols, lda, aRow0]);
        await runLinear(job, sparseProductKernel(), rows * sdirCols, params, [a, colPtr, rowIdx, values, out]);
      },
    };
  };

  job.checkAbort();
  const mBuf = job.scratch(n * m * 4, 'm');
  const positional = input.positional;
  if (positional?.kind === 'offset') {
    await offsetProjection(job, x as Extract<SelectorData, { kind: 'tokens' }>, positional, mBuf);
  } else {
    await baseProjection(job, x, y, direction, s, denseS, rowsOf, mBuf);
    if (positional?.kind === 'kernel') {
      const kappa = job.upload(Float32Array.from(positional.kappa), 'positional.kappa');
      const params = job.uniform([n, m, positional.kappa.length]);
      await runLinear(job, distanceKernelKernel(), n * m, params, [kappa, mBuf]);
    }
  }
  const mData = await job.readFloats(mBuf, n * m);
  const mMatrix: Matrix = { rows: n, cols: m, data: mData };
  if (input.predict === undefined) return { m: mMatrix };
  job.checkAbort();
  return { m: mMatrix, ...(await predict(job, mBuf, n, y, rowsOf, input.predict)) };
}

function denseOperand(job: Job, r: GPUBuffer, rows: number, cols: number): RowsOperand {
  return {
    rows,
    cols,
    async times(a, lda, aRow0, count, out) {
      await matmul(job, view(a, lda, aRow0 * lda), view(r, cols), view(out, cols), count, cols, rows);
    },
  };
}

/** M = Q_x S_dir Q_yᵀ into `out` (n×m). */
async function baseProjection(
  job: Job,
  x: SelectorData,
  y: SelectorData,
  direction: Direction,
  s: ProjectionInput['s'],
  denseS: GPUBuffer | undefined,
  rowsOf: (words: Uint32Array | null) => Promise<RowsOperand>,
  out: GPUBuffer,
): Promise<void> {
  const n = x.length;
  const m = y.length;
  if (x.kind === 'tokens' && y.kind === 'tokens') {
    const xBuf = job.upload(x.ids, 'tokens');
    const yBuf = y === x ? xBuf : job.upload(y.ids, 'other.tokens');
    const params = job.uniform([n, m, s.cols]);
    if (denseS !== undefined) {
      await runLinear(job, gatherPairsKernel({ storage: 'dense', direction }), n * m, params, [xBuf, yBuf, out, denseS]);
    } else {
      const csr = sortedCsr(s as Exclude<typeof s, Matrix>);
      const bindings = [xBuf, yBuf, out, job.upload(csr.rowPtr, 's'), job.upload(csr.colIdx, 's'), job.upload(csr.values, 's')];
      await runLinear(job, gatherPairsKernel({ storage: 'csr', direction }), n * m, params, bindings);
    }
    return;
  }
  // T = Q_x S_dir (n × C): a soft Q_x times every row of S_dir, or the one-hot rows of x's words.
  let left: GPUBuffer;
  let operand: RowsOperand;
  if (x.kind === 'soft') {
    left = job.upload(x.q.data, 'q');
    operand = await rowsOf(null);
  } else {
    const groups = groupPositions(x.ids);
    left = job.upload(oneHotGroups(groups), 'tokens');
    operand = await rowsOf(groups.words);
  }
  const t = job.scratch(n * operand.cols * 4, 'm');
  await operand.times(left, operand.rows, 0, n, t);
  if (y.kind === 'soft') {
    const qy = job.upload(y.q.data, 'other.q');
    await matmul(job, view(t, operand.cols), view(qy, y.q.cols), view(out, m), n, m, operand.cols, { transB: true });
  } else {
    const params = job.uniform([n, m, operand.cols]);
    await runLinear(job, gatherColumnsKernel(), n * m, params, [t, job.upload(y.ids, 'tokens'), out]);
  }
}

/** M^pos_ij = f(|j − i|) C⁽|j−i|⁾[x_min(i,j), x_max(i,j)] into `out` (SPEC B.10a). */
async function offsetProjection(
  job: Job,
  x: Extract<SelectorData, { kind: 'tokens' }>,
  positional: Extract<NonNullable<ProjectionInput['positional']>, { kind: 'offset' }>,
  out: GPUBuffer,
): Promise<void> {
  const n = x.length;
  const w = Math.min(positional.offsets.length, Math.max(0, n - 1));
  const parts = positional.offsets.slice(0, Math.max(1, w)).map(sortedCsr);
  // One buffer per array for all offsets: table entry k−1 gives C⁽ᵏ⁾'s rowPtr start and entry start.
  const table = new Uint32Array(2 * parts.length);
  let rowTotal = 0;
  let entryTotal = 0;
  parts.forEach((c, k) => {
    table[2 * k] = rowTotal;
    table[2 * k + 1] = entryTotal;
    rowTotal += c.rowPtr.length;
    entryTotal += c.colIdx.length;
  });
  const rowPtr = new Uint32Array(rowTotal);
  const colIdx = new Uint32Array(entryTotal);
  const values = new Float32Array(entryTotal);
  parts.forEach((c, k) => {
    rowPtr.set(c.rowPtr, table[2 * k]);
    colIdx.set(c.colIdx, table[2 * k + 1]);
    values.set(c.values, table[2 * k + 1]);
  });
  const params = job.uniform([n, w, (positional.weighting ?? 'harmonic') === 'harmonic' ? 1 : 0]);
  const bindings = [
    job.upload(x.ids, 'tokens'),
    job.upload(table, 'positional.offsets'),
    job.upload(rowPtr, 'positional.offsets'),
    job.upload(colIdx, 'positional.offsets'),
    job.upload(values, 'positional.offsets'),
    out,
  ];
  await runLinear(job, offsetProjectionKernel(), n * n, params, bindings);
}

/** E = M (Q_y S_dir) = W R, dense or top-k, in blocks of rows that fit one binding. */
async function predict(
  job: Job,
  mBuf: GPUBuffer,
  n: number,
  y: SelectorData,
  rowsOf: (words: Uint32Array | null) => Promise<RowsOperand>,
  request: Predict,
): Promise<{ e?: Matrix; topk?: TopK }> {
  const m = y.length;
  let w: GPUBuffer;
  let operand: RowsOperand;
  if (y.kind === 'tokens') {
    const groups: PositionGroups = groupPositions(y.ids);
    const u = groups.words.length;
    w = job.scratch(n * u * 4, 'm');
    const params = job.uniform([n, m, u]);
    await runLinear(job, groupSumKernel(), n * u, params, [mBuf, job.upload(groups.start, 'tokens'), job.upload(groups.positions, 'tokens'), w]);
    operand = await rowsOf(groups.words);
  } else {
    const v = y.q.cols;
    w = job.scratch(n * v * 4, 'm');
    await matmul(job, view(mBuf, m), view(job.upload(y.q.data, 'q'), v), view(w, v), n, v, m);
    operand = await rowsOf(null);
  }
  const cols = operand.cols;
  const block = rowsPerBlock(cols * 4, n, job.limits, job.op, 'predict');
  const eBlock = job.scratch(Math.min(block, n) * cols * 4, 'predict');
  const k = request.kind === 'topk' ? request.k : 0;
  const dense = request.kind === 'dense' ? new Float32Array(n * cols) : undefined;
  const ids = new Uint32Array(n * k);
  const scores = new Float32Array(n * k);
  for (let r0 = 0; r0 < n; r0 += block) {
    job.checkAbort();
    const rows = Math.min(block, n - r0);
    await operand.times(w, operand.rows, r0, rows, eBlock);
    const values = await job.readFloats(eBlock, rows * cols);
    if (dense !== undefined) dense.set(values, r0 * cols);
    else for (let r = 0; r < rows; r++) topKOfRow(values.subarray(r * cols, (r + 1) * cols), k, ids, scores, (r0 + r) * k);
  }
  if (dense !== undefined) return { e: { rows: n, cols, data: dense } };
  return { topk: { k, ids, scores } };
}
