import type { PositionGroups } from '@dproj/core';

/** The one-hot n×U matrix L_iu = [x_i is group u's word]: the host layout of Q_x restricted to its words. */
export function oneHotGroups(groups: PositionGroups): Float32Array {
  const u = groups.words.length;
  const out = new Float32Array(groups.groupOf.length * u);
  groups.groupOf.forEach((g, i) => {
    out[i * u + g] = 1;
  });
  return out;
}
