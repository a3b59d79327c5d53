import type { CooccurrenceOptions } from '@dproj/core';
import { syntheticCorpus } from '../support/corpus.ts';
import type { Rule } from './rule.ts';
import { corpus } from './fixtures.ts';

const rule = (slug: string, argument: string[], calls: Rule['calls']): Rule => ({
  slug: `cooccurrence-${slug}`,
  op: 'cooccurrence',
  error: 'ValueError',
  argument,
  calls,
});

const withOptions = (options: CooccurrenceOptions): Rule['calls'][number] => (e) => e.cooccurrence(corpus, options);

/** Validation rules of the co-occurrence operator (SPEC B.2; CooccurrenceOptions). */
export const cooccurrenceRules: readonly Rule[] = [
  rule('window-zero', ['window'], [withOptions({ window: 0 })]),
  rule('window-negative', ['window'], [withOptions({ window: -2 })]),
  rule('window-non-integer', ['window'], [1.5, Number.NaN, Number.POSITIVE_INFINITY].map((window) => withOptions({ window }))),
  rule('empty-vocabulary', ['vocab', 'size'], [(e) => e.cooccurrence(syntheticCorpus([], 0), { window: 2 })]),
  rule('token-out-of-range', ['docs'], [(e) => e.cooccurrence(syntheticCorpus([[0, 1], [2, 5]], 5), { window: 2 })]),
  rule('weighting-unknown', ['weighting'], [withOptions({ window: 2, weighting: 'gaussian' as unknown as 'uniform' })]),
  rule('direction-unknown', ['direction'], [withOptions({ window: 2, direction: 'sideways' as unknown as 'forward' })]),
];
