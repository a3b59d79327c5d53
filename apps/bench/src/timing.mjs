/**
 * Times an async function: `warmup` untimed runs, then `runs` timed ones; returns the median in ms.
 * @param {() => Promise<unknown>} fn
 * @param {{ warmup?: number, runs?: number }} [options]
 */
export async function medianMs(fn, { warmup = 2, runs = 10 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * A seeded uniform generator in [-1, 1) (mulberry32), so every run and every implementation sees the
 * same inputs.
 * @param {number} seed
 */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** A rows×cols matrix of seeded values. */
export function randomMatrix(rows, cols, seed) {
  const next = seeded(seed);
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, next) };
}
