import type { Matrix } from '@dproj/core';
import type { Feed } from '../runtime/graph-runner.ts';

/** A dense matrix as a float32 graph input (rows×cols); the caller's array is read, never written. */
export function matrixFeed(m: Matrix): Feed {
  return { type: 'float32', data: m.data, dims: [m.rows, m.cols] };
}

/** A float32 scalar input. */
export function scalarFeed(value: number): Feed {
  return { type: 'float32', data: Float32Array.of(value), dims: [] };
}

/** Integers as an int64 vector input (ONNX indices are int64). */
export function int64Feed(values: ArrayLike<number>, dims: readonly number[] = [values.length]): Feed {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = BigInt(values[i]);
  return { type: 'int64', data, dims };
}

/** A float32 vector input. */
export function floatFeed(values: ArrayLike<number>, dims: readonly number[] = [values.length]): Feed {
  return { type: 'float32', data: values instanceof Float32Array ? values : Float32Array.from(values), dims };
}

/** An int64 graph output as numbers (ids and keys here stay below 2^53). */
export function toNumbers(data: unknown): Float64Array {
  const big = data as BigInt64Array;
  const out = new Float64Array(big.length);
  for (let i = 0; i < big.length; i++) out[i] = Number(big[i]);
  return out;
}
