import { UsageError } from '../cli/cli-error.ts';

/**
 * Splits the d kept eigenpairs (ordered by |λ|, largest first) into h contiguous groups of sizes
 * differing by at most one: head 0 gets the dominant pairs. Each group is one head of `spectralHeads`.
 */
export function eigenpairGroups(d: number, h: number): number[][] {
  if (h > d) {
    throw new UsageError(`--heads ${h} is more than the ${d} eigenpairs the factorization kept; use --heads ≤ ${d} or a larger --dim`);
  }
  const groups: number[][] = [];
  let start = 0;
  for (let l = 0; l < h; l++) {
    const size = Math.floor(d / h) + (l < d % h ? 1 : 0);
    groups.push(Array.from({ length: size }, (_, c) => start + c));
    start += size;
  }
  return groups;
}
