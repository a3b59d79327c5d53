/**
 * Sizes of each workload. `full` is issue 4's list; `quick` is a smoke run with tiny inputs that still
 * exercises every code path (several heads, a causal mask, a sparse and a dense operator).
 */
export const PRESETS = {
  full: {
    matmul: [256, 512, 1024],
    attention: [128, 512, 2048],
    d: 64,
    mha: { n: 512, dModel: 512, heads: 8, dk: 64 },
    // The size of the SOTU corpus (#3) until the real one lands.
    sotu: { tokens: 1_800_000, vocabularySize: 24_000, n: 256, k: 10 },
    dense: { vocabularySize: 5000, n: 256, k: 10 },
    window: 10,
  },
  quick: {
    matmul: [48],
    attention: [40],
    d: 16,
    mha: { n: 24, dModel: 32, heads: 4, dk: 8 },
    sotu: { tokens: 20_000, vocabularySize: 1500, n: 32, k: 10 },
    dense: { vocabularySize: 300, n: 32, k: 10 },
    window: 10,
  },
};

/** @typedef {typeof PRESETS.full} Preset */
