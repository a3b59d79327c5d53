/**
 * A deterministic pseudo-random source for the randomized factorizations: the same seed gives the
 * same stream on every platform, so a factorization is reproducible from its options alone.
 */
export interface Rng {
  /** A uniform draw from [0, 1) with 53 random bits. */
  uniform(): number;
  /** A standard normal draw, N(0, 1). */
  gaussian(): number;
}

// SplitMix32 spreads a small integer seed over the 128-bit state, so nearby seeds give unrelated streams.
function splitMix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Creates a seeded generator: xoshiro128** for 32-bit words, two words per uniform double, and the
 * Box–Muller transform for Gaussians (the second value of each pair is kept for the next call).
 * `seed` is read as an unsigned 32-bit integer.
 */
export function createRng(seed: number): Rng {
  const init = { x: seed >>> 0 };
  let s0 = splitMix32(init);
  let s1 = splitMix32(init);
  let s2 = splitMix32(init);
  let s3 = splitMix32(init);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point of xoshiro

  const nextWord = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  const uniform = (): number => {
    const hi = nextWord() >>> 5; // 27 bits
    const lo = nextWord() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };

  let spare = Number.NaN;
  const gaussian = (): number => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = Number.NaN;
      return value;
    }
    const u1 = 1 - uniform(); // in (0, 1], so the logarithm is finite
    const u2 = uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  return { uniform, gaussian };
}

/** A rows×cols row-major block of independent N(0, 1) draws (the test matrix Ω of a range finder). */
export function gaussianBlock(rng: Rng, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = rng.gaussian();
  return out;
}
