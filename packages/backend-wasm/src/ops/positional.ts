import type { CsrMatrix, Weighting } from '@dproj/core';
import type { Checkpoint } from '../runtime/checkpoint.ts';
import type { Wasm } from '../runtime/wasm.ts';
import { copyCsr } from './operator.ts';
import { groupPositions } from '@dproj/core';
import { distanceWeight } from './weighting.ts';

/**
 * The offset-specific projection of SPEC B.10a into a new n×n arena block, for tokens x (length n) and
 * offset counts C⁽¹⁾..C⁽ʷ⁾ (each V×V CSR): M^pos_ij = f(|j−i|) · C⁽ʲ⁻ⁱ⁾[x_i, x_j] for 1 ≤ |j−i| ≤ w,
 * 0 elsewhere, symmetric since C⁽⁻ᵏ⁾ = C⁽ᵏ⁾ᵀ. One kernel call per offset k; progress is in offsets.
 */
export async function offsetProjection(
  wasm: Wasm,
  ids: Uint32Array,
  offsets: readonly CsrMatrix[],
  weighting: Weighting,
  checkpoint: Checkpoint,
): Promise<number> {
  const { arena, kernels } = wasm;
  const n = ids.length;
  const out = arena.zeros(n * n * 4, 'positional M');
  const reach = Math.min(offsets.length, n - 1);
  if (reach < 1) return out;
  const groups = groupPositions(ids);
  const idsPtr = arena.copyIn(ids, 'tokens');
  const words = arena.copyIn(groups.words, 'words');
  const start = arena.copyIn(groups.start, 'word starts');
  const positions = arena.copyIn(groups.positions, 'word positions');
  const vSize = offsets[0].cols;
  const acc = arena.alloc(vSize * 8, 'row accumulator');
  for (let k = 1; k <= reach; k++) {
    const c = copyCsr(wasm, offsets[k - 1], `positional.offsets[${k - 1}]`);
    kernels.pos_offset(n, idsPtr, distanceWeight(weighting, k), c.rp, c.ci, c.val, words, start, positions, groups.words.length, k, vSize, acc, out);
    await checkpoint.step(Math.floor((k / reach) * n));
  }
  return out;
}

/** In place: M ← K ∘ M with K_ij = κ(|j−i|) = kappa[|j−i|], 0 where |j−i| ≥ kappa.length (SPEC B.10b). */
export function applyDistanceKernel(wasm: Wasm, mPtr: number, rows: number, cols: number, kappa: ArrayLike<number>): void {
  const k = wasm.arena.copyIn(Float64Array.from(kappa), 'positional.kappa');
  wasm.kernels.pos_kernel(mPtr, rows, cols, k, kappa.length);
}
