import type { CaseContext, ConformanceCase } from '../../case.ts';
import { Rng } from './rng.ts';

/**
 * Runs `count` seeded trials; each gets its own generator forked from the case seed. A failure is
 * rethrown naming the trial and the seed, so it reproduces.
 */
export async function forEachTrial(
  seed: number,
  count: number,
  body: (rng: Rng, trial: number) => Promise<void>,
): Promise<void> {
  const root = new Rng(seed);
  for (let t = 0; t < count; t++) {
    const rng = root.fork();
    try {
      await body(rng, t);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`trial ${t} of ${count} (case seed ${seed}): ${message}`, { cause: error });
    }
  }
}

/** A case made of seeded random trials. */
export function trialCase(
  id: string,
  count: number,
  body: (ctx: CaseContext, rng: Rng, trial: number) => Promise<void>,
  timeoutMs?: number,
): ConformanceCase {
  return {
    id,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    run: (ctx) => forEachTrial(ctx.seed, count, (rng, trial) => body(ctx, rng, trial)),
  };
}
