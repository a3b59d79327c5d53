export type { CaseContext, ConformanceCase } from './case.ts';
export type { Tolerance } from './tolerance.ts';
export { toleranceFor } from './tolerance.ts';
