import { csrProblem } from '../csr/check-csr.ts';
import { ValueError } from '../errors/errors.ts';
import { symmetryDefect } from '../linalg/operator-entries.ts';
import type { Operator } from '../types/matrix.ts';
import { isCsr } from '../types/matrix.ts';

/** Options shared by the randomized factorizations. */
export interface FactorizationOptions {
  /** d ≥ 1: the number of components to keep (fewer are kept where the numerical rank is lower). */
  readonly rank: number;
  /** Seed of the Gaussian test matrix Ω; the same seed gives the same factors. Default 1. */
  readonly seed?: number;
  /** p ≥ 0 extra columns of the sketch, k = d + p. Default 10. Problems with V ≤ d + p are factored exactly. */
  readonly oversample?: number;
  /** q ≥ 0 power iterations, each re-orthonormalized. Default 2. */
  readonly powerIterations?: number;
  /** Aborting throws the signal's reason between steps. */
  readonly signal?: AbortSignal;
}

/** The options with their defaults filled in. */
export interface ResolvedOptions {
  readonly rank: number;
  readonly seed: number;
  readonly oversample: number;
  readonly powerIterations: number;
  readonly signal: AbortSignal | undefined;
}

const describe = (value: unknown): string =>
  typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean'
    ? String(value)
    : typeof value === 'string'
      ? JSON.stringify(value)
      : value === null
        ? 'null'
        : typeof value;

function fail(fn: string, argument: string, expected: string, got: string): never {
  throw new ValueError(`${fn}: ${argument} must be ${expected}, got ${got}`, { op: 'factorization', argument });
}

function integerOption(fn: string, name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    fail(fn, `options.${name}`, `an integer ≥ ${min}`, describe(value));
  }
  return value;
}

/** Checks rank, seed, oversample and powerIterations and fills in the defaults. */
export function resolveOptions(fn: string, options: FactorizationOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail(fn, 'options', 'an object with a rank', describe(options));
  const rank = integerOption(fn, 'rank', options.rank, Number.NaN, 1);
  if (Number.isNaN(rank)) fail(fn, 'options.rank', 'an integer ≥ 1', 'undefined');
  const seed = options.seed === undefined ? 1 : options.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) fail(fn, 'options.seed', 'a safe integer', describe(seed));
  const oversample = integerOption(fn, 'oversample', options.oversample, 10, 0);
  const powerIterations = integerOption(fn, 'powerIterations', options.powerIterations, 2, 0);
  return { rank, seed, oversample, powerIterations, signal: options.signal };
}

/**
 * Checks that an operator is well formed and finite: a non-empty shape; for a dense matrix a
 * Float32Array of rows·cols values; for CSR the structure `csrProblem` checks (no duplicate column in
 * a row, columns in any order).
 */
export function checkOperator(fn: string, argument: string, s: Operator): void {
  if (typeof s !== 'object' || s === null) fail(fn, argument, 'a dense or CSR matrix', describe(s));
  const { rows, cols } = s;
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 1 || cols < 1) {
    fail(fn, argument, 'a non-empty matrix', `shape ${describe(rows)}×${describe(cols)}`);
  }
  if (!isCsr(s)) {
    if (!(s.data instanceof Float32Array) || s.data.length !== rows * cols) {
      fail(fn, `${argument}.data`, `${rows * cols} values for ${rows}×${cols}`, `${s.data?.length ?? 'none'}`);
    }
    for (let p = 0; p < s.data.length; p++) {
      if (!Number.isFinite(s.data[p])) {
        fail(fn, argument, 'finite', `${s.data[p]} at [${Math.floor(p / cols)}, ${p % cols}]`);
      }
    }
    return;
  }
  const problem = csrProblem(s);
  if (problem !== undefined) fail(fn, argument, 'a valid CSR matrix', problem);
  const { rowPtr, colIdx, values } = s;
  for (let i = 0; i < rows; i++) {
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      if (!Number.isFinite(values[p])) fail(fn, argument, 'finite', `${values[p]} at [${i}, ${colIdx[p]}]`);
    }
  }
}

/** Relative tolerance of the symmetry check: ‖S − Sᵀ‖_F ≤ 1e-6 ‖S‖_F. */
export const SYMMETRY_TOLERANCE = 1e-6;

/** Checks that a well-formed operator is square and symmetric within ‖S − Sᵀ‖_F ≤ 1e-6 ‖S‖_F. */
export function checkSymmetric(fn: string, argument: string, s: Operator, normSquared: number): void {
  if (s.rows !== s.cols) fail(fn, argument, 'square (V×V)', `${s.rows}×${s.cols}`);
  const defect = symmetryDefect(s);
  const norm = Math.sqrt(normSquared);
  if (defect.frobenius > SYMMETRY_TOLERANCE * norm) {
    fail(
      fn,
      argument,
      `symmetric (‖S − Sᵀ‖_F ≤ ${SYMMETRY_TOLERANCE}·‖S‖_F)`,
      `‖S − Sᵀ‖_F / ‖S‖_F = ${(defect.frobenius / norm).toPrecision(3)}, e.g. ` +
        `S[${defect.row}, ${defect.col}] = ${defect.value} but S[${defect.col}, ${defect.row}] = ${defect.mirror}`,
    );
  }
}

/** Checks token ids x_i ∈ {0..V−1} (integers) and returns them as a Uint32Array. */
export function checkTokens(fn: string, tokens: Uint32Array | readonly number[], vocabularySize: number): Uint32Array {
  if (tokens === null || typeof tokens !== 'object' || typeof tokens.length !== 'number') {
    fail(fn, 'tokens', 'an array of token ids', describe(tokens));
  }
  if (tokens.length === 0) fail(fn, 'tokens', 'a non-empty sequence', 'no tokens');
  const out = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t >= vocabularySize) {
      fail(fn, `tokens[${i}]`, `an integer id in 0..${vocabularySize - 1}`, describe(t));
    }
    out[i] = t;
  }
  return out;
}

/** Throws the signal's reason when it has been aborted. */
export function checkAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}
