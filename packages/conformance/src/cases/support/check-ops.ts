import type { AttentionInput, Corpus, CooccurrenceOptions, Engine, MultiHeadInput, ProjectionInput } from '@dproj/core';
import { expectRowsClose } from '../../assert.ts';
import { expectCsrClose } from '../../assert-csr.ts';
import { expectTopK } from '../../assert-top-k.ts';
import { oracleAttention, oracleMultiHead } from '../../oracle/attention.ts';
import { oracleCooccurrence } from '../../oracle/cooccurrence.ts';
import { allRows } from '../../oracle/dense.ts';
import { oracleProjection } from '../../oracle/projection.ts';
import { selectorLength } from '../../oracle/selector.ts';
import type { Tolerance } from '../../tolerance.ts';

// Each check runs one engine call and compares every part of its result with the float64 oracle.
// `rows` restricts the comparison to sampled query rows, for sizes where the oracle is slow.

/** Co-occurrence: S or F, the offsets when asked for, the settings and the token count. */
export async function checkCooccurrence(
  engine: Engine,
  corpus: Corpus,
  options: CooccurrenceOptions,
  tol: Tolerance,
  what: string,
): Promise<void> {
  const result = await engine.cooccurrence(corpus, options);
  const want = oracleCooccurrence(corpus.docs, corpus.vocab.size, options);
  expectCsrClose(result.matrix, want.matrix, tol, `${what}: matrix`);
  if (options.offsets === true) {
    const offsets = result.offsets;
    if (offsets === undefined || offsets.length !== options.window) {
      throw new Error(`${what}: expected ${options.window} offset matrices, got ${offsets?.length ?? 'none'}`);
    }
    for (const [k, c] of offsets.entries()) expectCsrClose(c, want.offsets[k], tol, `${what}: C(${k + 1})`);
  }
  for (const key of Object.keys(want.settings) as (keyof typeof want.settings)[]) {
    if (result.settings?.[key] !== want.settings[key]) {
      throw new Error(`${what}: settings.${key} is ${String(result.settings?.[key])}, expected ${String(want.settings[key])}`);
    }
  }
  if (result.tokens !== want.tokens) throw new Error(`${what}: tokens is ${result.tokens}, expected ${want.tokens}`);
}

/** Projection: M, and E (dense) or its top-k, on all rows or the sampled ones. */
export async function checkProjection(
  engine: Engine,
  input: ProjectionInput,
  tol: Tolerance,
  what: string,
  rows?: readonly number[],
): Promise<void> {
  const result = await engine.projection(input);
  const n = selectorLength(input);
  const m = input.other === undefined ? n : selectorLength(input.other);
  const picked = rows ?? allRows(n);
  const want = oracleProjection(input, picked);
  expectRowsClose(result.m, n, m, picked, want.m, tol, `${what}: M`);
  const vy = input.s.cols;
  if (input.predict?.kind === 'dense') {
    expectRowsClose(result.e, n, vy, picked, want.e ?? [], tol, `${what}: E`);
  } else if (input.predict?.kind === 'topk') {
    expectTopK(result.topk, input.predict.k, n, want.e ?? [], picked, tol, `${what}: top-k`);
  }
}

/** Single-head attention: the output, and the weights when asked for. */
export async function checkAttention(
  engine: Engine,
  input: AttentionInput,
  tol: Tolerance,
  what: string,
  rows?: readonly number[],
): Promise<void> {
  const result = await engine.attention(input);
  const picked = rows ?? allRows(input.h.rows);
  const want = oracleAttention(input, picked);
  const m = (input.context ?? input.h).rows;
  expectRowsClose(result.out, input.h.rows, input.wv.cols, picked, want.out, tol, `${what}: output`);
  if (input.returnWeights === true) {
    expectRowsClose(result.weights, input.h.rows, m, picked, want.weights, tol, `${what}: weights`);
  }
}

/** Multi-head attention: the output, and each head's weights when asked for. */
export async function checkMultiHead(
  engine: Engine,
  input: MultiHeadInput,
  tol: Tolerance,
  what: string,
  rows?: readonly number[],
): Promise<void> {
  const result = await engine.multiHead(input);
  const picked = rows ?? allRows(input.h.rows);
  const want = oracleMultiHead(input, picked);
  const m = (input.context ?? input.h).rows;
  expectRowsClose(result.out, input.h.rows, input.wo.cols, picked, want.out, tol, `${what}: output`);
  if (input.returnWeights === true) {
    const weights = result.weights;
    if (weights === undefined || weights.length !== input.heads.length) {
      throw new Error(`${what}: expected ${input.heads.length} weight matrices, got ${weights?.length ?? 'none'}`);
    }
    weights.forEach((w, l) => {
      expectRowsClose(w, input.h.rows, m, picked, want.weights[l], tol, `${what}: head ${l} weights`);
    });
  }
}
