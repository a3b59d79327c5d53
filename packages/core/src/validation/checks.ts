import { csrProblem } from '../csr/check-csr.ts';
import { ShapeError, ValueError } from '../errors/errors.ts';
import type { CsrMatrix, Matrix, Operator } from '../types/matrix.ts';
import type { OpName } from '../types/operators.ts';

/** Where a check runs: the operator and the argument's path, used in every message. */
export interface Site {
  readonly op: OpName;
  readonly argument: string;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as Float32Array).length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** Throws a ValueError naming the operator, the argument, what was expected and what came. */
export function valueError(site: Site, expected: string, got: unknown): never {
  throw new ValueError(`${site.op}: ${site.argument} must be ${expected}, got ${describe(got)}`, site);
}

/** Throws a ShapeError naming the operator, the argument, what was expected and what came. */
export function shapeError(site: Site, expected: string, got: string): never {
  throw new ShapeError(`${site.op}: ${site.argument} must be ${expected}, got ${got}`, site);
}

/** Checks an integer in [min, max]. */
export function checkInteger(value: unknown, site: Site, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    valueError(site, range, value);
  }
  return value;
}

/** Checks a finite number. */
export function checkFinite(value: unknown, site: Site): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) valueError(site, 'a finite number', value);
  return value;
}

/** Checks one of a fixed set of strings (an option left undefined passes). */
export function checkEnum<T extends string>(value: unknown, allowed: readonly T[], site: Site): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    valueError(site, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }
  return value as T;
}

/** Checks an optional boolean. */
export function checkBoolean(value: unknown, site: Site): void {
  if (value !== undefined && typeof value !== 'boolean') valueError(site, 'a boolean', value);
}

function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // v - v is NaN exactly for NaN and ±∞: one comparison per entry.
    if (v - v !== 0) return i;
  }
  return -1;
}

/** Checks a dense matrix: integer dimensions, a Float32Array of rows×cols finite values. */
export function checkMatrix(m: unknown, site: Site, minRows = 1, minCols = 1): Matrix {
  if (typeof m !== 'object' || m === null) valueError(site, 'a matrix { rows, cols, data }', m);
  const { rows, cols, data } = m as Matrix;
  checkInteger(rows, { op: site.op, argument: `${site.argument}.rows` }, minRows);
  checkInteger(cols, { op: site.op, argument: `${site.argument}.cols` }, minCols);
  if (!(data instanceof Float32Array)) valueError({ op: site.op, argument: `${site.argument}.data` }, 'a Float32Array', data);
  if (data.length !== rows * cols) {
    shapeError({ op: site.op, argument: `${site.argument}.data` }, `of length rows×cols = ${rows * cols}`, `length ${data.length}`);
  }
  const bad = firstNonFinite(data);
  if (bad >= 0) {
    valueError(
      { op: site.op, argument: `${site.argument}[${Math.floor(bad / cols)}, ${bad % cols}]` },
      'finite (no NaN or ±∞)',
      data[bad],
    );
  }
  return m as Matrix;
}

/**
 * Checks a CSR matrix: the structure `csrProblem` checks (rowPtr of rows+1 non-decreasing offsets from
 * 0 to nnz, column indices < cols and distinct within a row) and finite values; at least one row and
 * one column.
 */
export function checkCsr(m: unknown, site: Site): CsrMatrix {
  if (typeof m !== 'object' || m === null) valueError(site, 'a CSR matrix', m);
  const csr = m as CsrMatrix;
  checkInteger(csr.rows, { op: site.op, argument: `${site.argument}.rows` }, 1);
  checkInteger(csr.cols, { op: site.op, argument: `${site.argument}.cols` }, 1);
  const problem = csrProblem(csr);
  if (problem !== undefined) {
    throw new ValueError(`${site.op}: ${site.argument} is not a valid CSR matrix: ${problem}`, site);
  }
  const bad = firstNonFinite(csr.values);
  if (bad >= 0) valueError({ op: site.op, argument: `${site.argument}.values[${bad}]` }, 'finite (no NaN or ±∞)', csr.values[bad]);
  return csr;
}

/** Checks a dense or CSR operator. */
export function checkOperator(m: unknown, site: Site): Operator {
  if (typeof m === 'object' && m !== null && 'rowPtr' in m) return checkCsr(m, site);
  return checkMatrix(m, site);
}

/** Checks token ids: a non-empty Uint32Array or array of integers in [0, vocabSize). */
export function checkTokens(tokens: unknown, vocabSize: number, site: Site): number {
  if (!(tokens instanceof Uint32Array) && !Array.isArray(tokens)) {
    valueError(site, 'a Uint32Array or an array of token ids', tokens);
  }
  const ids = tokens as ArrayLike<number>;
  if (ids.length === 0) valueError(site, 'a non-empty sequence', tokens);
  for (let i = 0; i < ids.length; i++) {
    const t = ids[i];
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t >= vocabSize) {
      valueError({ op: site.op, argument: `${site.argument}[${i}]` }, `a token id in [0, ${vocabSize})`, t);
    }
  }
  return ids.length;
}
