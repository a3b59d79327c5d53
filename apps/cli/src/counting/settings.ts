import type { Weighting } from '@dproj/core';

/** What pairs count and how they are weighted (core's `CooccurrenceOptions`, as the counter needs them). */
export interface PairSettings {
  readonly window: number;
  readonly weighting: Weighting;
  readonly direction: 'symmetric' | 'forward';
  /** Count C⁽ᵏ⁾ per offset k (columns b·w + k − 1) instead of the weighted sum. */
  readonly offsets: boolean;
}

/** Above this lcm(1..w) the harmonic weights are not scaled to integers (see `pairWeights`). */
const MAX_SCALE = 2 ** 24;

function gcd(x: number, y: number): number {
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * The weight added for a pair at distance k (index k, 1..w) and the scale the sums are divided by at
 * the end. Harmonic weights 1/k are counted as the integers L/k with L = lcm(1..w) (2520 for w = 10):
 * sums of integers below 2⁵³ are exact in float64 whatever the order, so spilling, merging and
 * threads never change a bit of S, and S = sum / L is rounded once. Beyond w = 18 (L > 2²⁴, where
 * large counts could pass 2⁵³) the weights are 1/k in float64 and the last bits of a sum may depend
 * on the order of addition. Uniform weights and offset counts are 1.
 */
export function pairWeights(settings: PairSettings): { weights: Float64Array; scale: number } {
  const w = settings.window;
  const weights = new Float64Array(w + 1);
  if (settings.offsets || settings.weighting === 'uniform') {
    weights.fill(1);
    return { weights, scale: 1 };
  }
  let lcm = 1;
  for (let k = 2; k <= w && lcm <= MAX_SCALE; k++) lcm = (lcm / gcd(lcm, k)) * k;
  if (lcm > MAX_SCALE) {
    for (let k = 1; k <= w; k++) weights[k] = 1 / k;
    return { weights, scale: 1 };
  }
  for (let k = 1; k <= w; k++) weights[k] = lcm / k;
  return { weights, scale: lcm };
}

/** The column range of the pair keys: V, or V·w when offsets are counted separately. */
export function columnRange(vocabSize: number, settings: PairSettings): number {
  return settings.offsets ? vocabSize * settings.window : vocabSize;
}
