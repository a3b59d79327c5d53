import type { ConformanceCase } from '../case.ts';
import { attentionInvariantCases } from './invariants/attention.ts';
import { cooccurrenceInvariantCases } from './invariants/cooccurrence.ts';
import { multiHeadInvariantCases } from './invariants/multi-head.ts';
import { positionalInvariantCases } from './invariants/positional.ts';
import { projectionInvariantCases } from './invariants/projection.ts';
import { proposition1Cases } from './invariants/proposition1.ts';

/**
 * The general identities of SPEC part C as fast-check properties over random inputs, run through the
 * engine (the golden cases check the same properties on SPEC's worked examples).
 */
export const invariantCases: readonly ConformanceCase[] = [
  ...cooccurrenceInvariantCases,
  ...projectionInvariantCases,
  ...positionalInvariantCases,
  ...proposition1Cases,
  ...attentionInvariantCases,
  ...multiHeadInvariantCases,
];
