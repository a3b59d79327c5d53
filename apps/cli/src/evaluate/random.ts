/** A seeded uniform generator on [0, 1): the same seed gives the same report on every machine. */
export type Uniform = () => number;

/** mulberry32: 32-bit state, enough for sampling sentences; not for cryptography. */
export function seededUniform(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct indices of 0..n−1 in random order (a partial Fisher–Yates shuffle); all when count ≥ n. */
export function sampleIndices(n: number, count: number, uniform: Uniform): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  const take = Math.min(count, n);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(uniform() * (n - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take);
}
