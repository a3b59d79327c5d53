import type { ConformanceCase } from '../case.ts';
import { randomAttentionCases } from './random/attention.ts';
import { randomCooccurrenceCases } from './random/cooccurrence.ts';
import { randomProjectionCases } from './random/projection.ts';

/** Seeded random inputs compared with the float64 reference oracle (never with another backend). */
export const randomCases: readonly ConformanceCase[] = [
  ...randomCooccurrenceCases,
  ...randomProjectionCases,
  ...randomAttentionCases,
];
