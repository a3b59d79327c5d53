export * from './types/matrix.ts';
export type * from './types/corpus.ts';
export type * from './types/operators.ts';
export * from './types/backend.ts';
export type * from './types/engine.ts';
export * from './errors/errors.ts';
export { createEngine } from './engine/create-engine.ts';
export { orderCandidates } from './engine/candidates.ts';
export { validateInput } from './validation/validate.ts';
export * from './csr/csr.ts';
export { groupPositions, readSelector, type PositionGroups, type SelectorData } from './selector/selector.ts';
export { csrProblem, type CsrCheckOptions } from './csr/check-csr.ts';
export { tokenize, splitSentences, type TokenizeOptions } from './text/tokenize.ts';
export type { TextSource, DocumentMode } from './text/source.ts';
export {
  buildVocabulary,
  vocabularyFromWords,
  DEFAULT_UNK_TOKEN,
  type VocabularyFromWordsOptions,
  type VocabularyOptions,
} from './text/vocabulary.ts';
export { buildCorpus, encode, type CorpusOptions, type EncodeOptions, type UnknownPolicy } from './text/corpus.ts';
export { toyCorpus } from './text/toy-corpus.ts';
export { SAMPLE_TEXT } from './text/sample.ts';
export { transform, type TransformKind, type TransformSpec } from './transforms/transform.ts';
export { COOCCURRENCE_FORMAT_VERSION, decodeCooccurrence, encodeCooccurrence } from './format/cooccurrence-file.ts';
export { MAX_OFFSETS_WINDOW } from './validation/validate-cooccurrence.ts';
export { factorSymmetric, ZERO_EIGENVALUE, type SymmetricFactorization } from './factorization/symmetric.ts';
export { factorDirectional, ZERO_SINGULAR_VALUE, type DirectionalFactorization } from './factorization/directional.ts';
export type { FactorizationOptions } from './factorization/arguments.ts';
export {
  symmetricAttentionWeights,
  directionalAttentionWeights,
  spectralHeads,
  type FactorizedAttention,
  type SpectralHeads,
} from './factorization/attention-weights.ts';
