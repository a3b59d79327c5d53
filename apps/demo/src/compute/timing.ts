/** The time one operator took on a backend: its first call apart from the steady state. */
export interface OpTiming {
  /** Operator, e.g. `projection (M, top-k of E)`. */
  readonly op: string;
  /** The backend that ran it. */
  readonly backend: string;
  /** Milliseconds of the first call on this backend (compiling shaders, creating sessions, …), if this was it. */
  readonly firstMs: number | undefined;
  /** Median milliseconds of the calls after the first. */
  readonly steadyMs: number;
  /** Number of calls the median is over. */
  readonly runs: number;
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs `call` 1 + `repeats` times and times it with `performance.now()`. When `cold` is true the
 * first call is reported apart (`firstMs`) and the median is over the repeats; otherwise every call
 * counts toward the steady-state median. Returns the first call's result.
 */
export async function timeCall<T>(
  op: string,
  backend: string,
  cold: boolean,
  repeats: number,
  call: () => Promise<T>,
): Promise<{ result: T; timing: OpTiming }> {
  let t = performance.now();
  const result = await call();
  const first = performance.now() - t;
  const steady: number[] = cold ? [] : [first];
  for (let r = 0; r < repeats; r++) {
    t = performance.now();
    await call();
    steady.push(performance.now() - t);
  }
  const samples = steady.length > 0 ? steady : [first];
  return { result, timing: { op, backend, firstMs: cold ? first : undefined, steadyMs: median(samples), runs: samples.length } };
}
