import type { ConformanceCase } from '../case.ts';
import { largeCases } from './sizes/large.ts';
import { tileEdgeCases } from './sizes/tile-edges.ts';

/** Sizes across kernel tile edges, long sequences, a large sparse vocabulary and a large corpus. */
export const sizeCases: readonly ConformanceCase[] = [...tileEdgeCases, ...largeCases];
