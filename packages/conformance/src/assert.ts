import type { Matrix } from '@dproj/core';
import type { Tolerance } from './tolerance.ts';

/** A numeric array or a dense matrix, compared entry by entry in row-major order. */
export type Numbers = ArrayLike<number> | Matrix | readonly (readonly number[])[];

function flatten(x: Numbers): { values: ArrayLike<number>; shape: string } {
  if (Array.isArray(x) && (x.length === 0 || Array.isArray(x[0]))) {
    const rows = x as readonly (readonly number[])[];
    return { values: rows.flat(), shape: `${rows.length}×${rows[0]?.length ?? 0}` };
  }
  if ((x as Matrix).data !== undefined && (x as Matrix).rows !== undefined) {
    const m = x as Matrix;
    return { values: m.data, shape: `${m.rows}×${m.cols}` };
  }
  const a = x as ArrayLike<number>;
  return { values: a, shape: `${a.length}` };
}

/**
 * Asserts |actual − expected| ≤ atol + rtol · max(1, max|expected|) entrywise (SPEC B.14), with equal
 * lengths; ±∞ must match exactly and NaN never passes. The message names the first failing entry.
 */
export function expectClose(actual: Numbers, expected: Numbers, tol: Tolerance, what = 'value'): void {
  const a = flatten(actual);
  const e = flatten(expected);
  if (a.values.length !== e.values.length) {
    throw new Error(`${what}: expected ${e.values.length} entries (${e.shape}), got ${a.values.length} (${a.shape})`);
  }
  let scale = 1;
  for (let i = 0; i < e.values.length; i++) {
    const v = Math.abs(e.values[i]!);
    if (Number.isFinite(v) && v > scale) scale = v;
  }
  const bound = tol.atol + tol.rtol * scale;
  for (let i = 0; i < e.values.length; i++) {
    const x = a.values[i]!;
    const y = e.values[i]!;
    const ok = Number.isFinite(y) ? Math.abs(x - y) <= bound : x === y;
    if (!ok) {
      throw new Error(`${what}: entry ${i} is ${x}, expected ${y} (±${bound.toExponential(2)}; shape ${e.shape})`);
    }
  }
}

/** The largest absolute entrywise difference of two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/** Asserts that `run` rejects with an error of the named class (matched by `name`, so duplicate installs pass). */
export async function expectReject(run: () => Promise<unknown>, errorName: string, what: string): Promise<Error> {
  let error: unknown;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  if (!(error instanceof Error)) throw new Error(`${what}: expected ${errorName}, but the call resolved`);
  if (error.name !== errorName) {
    throw new Error(`${what}: expected ${errorName}, got ${error.name}: ${error.message}`);
  }
  return error;
}

/** Asserts a dense matrix's shape. */
export function expectShape(m: Matrix | undefined, rows: number, cols: number, what: string): Matrix {
  if (m === undefined) throw new Error(`${what}: missing (expected a ${rows}×${cols} matrix)`);
  if (m.rows !== rows || m.cols !== cols || m.data.length !== rows * cols) {
    throw new Error(`${what}: expected shape ${rows}×${cols}, got ${m.rows}×${m.cols} with ${m.data.length} values`);
  }
  return m;
}

/** Asserts shape, then closeness (see `expectClose`), of a dense result against float64 rows. */
export function expectMatrixClose(
  actual: Matrix | undefined,
  expected: readonly (readonly number[])[],
  cols: number,
  tol: Tolerance,
  what: string,
): void {
  expectClose(expectShape(actual, expected.length, cols, what), expected, tol, what);
}

/** Rows `rows` of a dense matrix as float64 rows. */
export function rowsOf(m: Matrix, rows: readonly number[]): number[][] {
  return rows.map((i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

/**
 * Asserts a rows×cols result, then compares its rows `picked` with the expected float64 rows
 * (`expected[r]` is row `picked[r]`).
 */
export function expectRowsClose(
  actual: Matrix | undefined,
  rows: number,
  cols: number,
  picked: readonly number[],
  expected: readonly (readonly number[])[],
  tol: Tolerance,
  what: string,
): void {
  const m = expectShape(actual, rows, cols, what);
  expectClose(rowsOf(m, picked), expected, tol, what);
}
