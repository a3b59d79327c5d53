import type { ConformanceCase } from '../../case.ts';
import { cooccurrenceCases } from './cooccurrence.ts';
import { crossCases } from './cross.ts';
import { directionCases } from './direction.ts';
import { embeddingCases } from './embedding.ts';
import { multiHeadCases } from './multi-head.ts';
import { normalizationCases } from './normalization.ts';
import { positionalCases } from './positional.ts';
import { predictionCases } from './prediction.ts';
import { projectionCases } from './projection.ts';
import { proposition1Cases } from './proposition-1.ts';

/**
 * The golden cases: every property P1–P42 of SPEC part C on the toy example of C.0, run through the
 * engine of the backend under test and compared with SPEC's printed values (to their 4-decimal
 * rounding) or, for exact identities, backend result against backend result. Ids are
 * `family/P<n>-<slug>`, in SPEC order.
 */
export const goldenCases: readonly ConformanceCase[] = [
  ...cooccurrenceCases,
  ...projectionCases,
  ...predictionCases,
  ...normalizationCases,
  ...directionCases,
  ...embeddingCases,
  ...positionalCases,
  ...multiHeadCases,
  ...crossCases,
  ...proposition1Cases,
];
