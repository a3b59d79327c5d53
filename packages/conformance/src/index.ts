export type { CaseContext, ConformanceCase } from './case.ts';
export { DEFAULT_CASE_TIMEOUT_MS } from './case.ts';
export type { Tolerance } from './tolerance.ts';
export { GOLDEN_ROUNDING, loosen, toleranceFor, toleranceForTerms } from './tolerance.ts';
export type { Numbers } from './assert.ts';
export { expectClose, expectMatrixClose, expectReject, expectRowsClose, expectShape, maxAbsDiff, rowsOf } from './assert.ts';
export { expectCanonicalCsr, expectCsrClose } from './assert-csr.ts';
export { expectTopK } from './assert-top-k.ts';
export type { ExpectedError } from './assert-error.ts';
export { expectInputError } from './assert-error.ts';
export type { ConformanceOptions } from './describe-conformance.ts';
export { describeConformance } from './describe-conformance.ts';
export type { AvailabilityDecision, CasePlan, PlannedCase, PlanProblem } from './suite-plan.ts';
export { caseSeed, decideAvailability, isRequired, planCases, resolveLevel } from './suite-plan.ts';
export { runCase } from './run-case.ts';
export { allCases } from './all-cases.ts';
export { referenceBackend } from './reference-backend.ts';
export type { ProjectionMap, Proposition1Condition, Proposition1Options, Proposition1Report } from './proposition1.ts';
export { checkProposition1 } from './proposition1.ts';
export * as oracle from './oracle/index.ts';
export type { Dense, OracleAttention, OracleCooccurrence, OracleMultiHead, OracleProjection } from './oracle/index.ts';
export {
  oracleAttention,
  oracleCooccurrence,
  oracleMultiHead,
  oracleProjection,
  softmaxRows,
  topKOfRow,
} from './oracle/index.ts';
