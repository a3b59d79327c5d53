import type { Weighting } from '@dproj/core';

/** The distance weight f(d) of SPEC B.2: 1/d for `harmonic` (GloVe), 1 for `uniform`; d ≥ 1. */
export function distanceWeight(weighting: Weighting, d: number): number {
  return weighting === 'uniform' ? 1 : 1 / d;
}
