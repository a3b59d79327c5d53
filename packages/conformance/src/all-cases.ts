import type { ConformanceCase } from './case.ts';
import { badInputCases } from './cases/bad-inputs.ts';
import { goldenCases } from './cases/golden/index.ts';
import { invariantCases } from './cases/invariants.ts';
import { lifecycleCases } from './cases/lifecycle.ts';
import { randomCases } from './cases/random.ts';
import { sizeCases } from './cases/sizes.ts';

/** Every conformance case, in suite order: golden, random, invariants, bad inputs, sizes, lifecycle. */
export function allCases(): readonly ConformanceCase[] {
  return [...goldenCases, ...randomCases, ...invariantCases, ...badInputCases, ...sizeCases, ...lifecycleCases];
}
