import fc from 'fast-check';
import type { CaseContext, ConformanceCase } from '../../case.ts';

/**
 * A case that asserts a property with fast-check over `numRuns` inputs, seeded from the case id so a
 * counterexample reproduces (fast-check prints it, shrunk, with the seed and path).
 */
export function propertyCase<T>(
  id: string,
  arbitrary: fc.Arbitrary<T>,
  property: (ctx: CaseContext, value: T) => Promise<void>,
  numRuns = 40,
): ConformanceCase {
  return {
    id,
    run: async (ctx) => {
      await fc.assert(
        fc.asyncProperty(arbitrary, (value) => property(ctx, value)),
        { seed: ctx.seed, numRuns },
      );
    },
  };
}
