import type { CaseContext, ConformanceCase } from './case.ts';

/**
 * Runs one case, then checks for leaks: the backend must hold no live buffers once the case's results
 * are dropped. A case's own failure wins; a leak fails a case that passed. The count before the case
 * is in the message, and a count that did not grow is not blamed on this case (the earlier case that
 * leaked has already failed).
 */
export async function runCase(c: ConformanceCase, ctx: CaseContext): Promise<void> {
  const before = ctx.backend.stats().liveBuffers;
  await c.run(ctx);
  // One macrotask lets a backend finish releasing what it frees as the last promise settles.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const after = ctx.backend.stats();
  if (after.liveBuffers !== 0 && after.liveBuffers > before) {
    throw new Error(
      `leak: after ${c.id}, backend '${ctx.backend.name}' holds ${after.liveBuffers} live buffers ` +
        `(${after.liveBytes} bytes); it held ${before} before the case`,
    );
  }
}
