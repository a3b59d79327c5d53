export type { Dense } from './dense.ts';
export {
  allRows,
  block,
  combine,
  denseFromMatrix,
  denseToMatrix,
  hadamard,
  matmul,
  pickRows,
  transpose,
  zerosDense,
} from './dense.ts';
export type { SparseOperator, SparseVector } from './sparse.ts';
export {
  addOperators,
  dot,
  entry,
  operatorFromInput,
  operatorFromRows,
  operatorToCsr,
  operatorToDense,
  transposeOperator,
  vectorTimesOperator,
} from './sparse.ts';
export { selectorDense, selectorLength, selectorRows, selectorTokens } from './selector.ts';
export type { OracleCooccurrence } from './cooccurrence.ts';
export {
  cooccurrenceSettings,
  distanceWeight,
  forwardOperator,
  offsetCounts,
  oracleCooccurrence,
  withoutDiagonal,
} from './cooccurrence.ts';
export type { OracleProjection } from './projection.ts';
export { directedOperator, oracleProjection } from './projection.ts';
export { kernelProjection, offsetProjection } from './positional.ts';
export { topKOfRow } from './top-k.ts';
export { maskValue, softmaxRows } from './softmax.ts';
export type { OracleAttention, OracleMultiHead } from './attention.ts';
export { oracleAttention, oracleMultiHead } from './attention.ts';
