export * from './types/matrix.ts';
export type * from './types/corpus.ts';
export type * from './types/operators.ts';
export * from './types/backend.ts';
export type * from './types/engine.ts';
export * from './errors/errors.ts';
export { createEngine } from './engine/create-engine.ts';
export { orderCandidates } from './engine/candidates.ts';
export { validateInput } from './validation/validate.ts';
