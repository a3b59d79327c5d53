import type { Engine, OpName } from '@dproj/core';
import { expectInputError } from '../../assert-error.ts';
import type { ConformanceCase } from '../../case.ts';

/** A validation rule: calls that break it, the error class they must reject with, and the argument named. */
export interface Rule {
  readonly slug: string;
  readonly op: OpName;
  readonly error: 'ShapeError' | 'ValueError' | 'UnsupportedError';
  /** Spellings of the argument at fault; the message must contain one. */
  readonly argument: readonly string[];
  /** One call per way of breaking the rule (e.g. NaN, +∞, −∞). */
  readonly calls: readonly ((engine: Engine) => Promise<unknown>)[];
}

/** The case of a rule: every call must reject with the rule's error naming its argument. */
export function ruleCase(rule: Rule): ConformanceCase {
  return {
    id: `bad-inputs/${rule.slug}`,
    run: async (ctx) => {
      for (const [k, call] of rule.calls.entries()) {
        await expectInputError(
          () => call(ctx.engine),
          { name: rule.error, op: rule.op, argument: rule.argument },
          `${rule.slug}${rule.calls.length > 1 ? ` (variant ${k + 1} of ${rule.calls.length})` : ''}`,
        );
      }
    },
  };
}

/** NaN, +∞ and −∞: the values no matrix input may hold. */
export const NON_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] as const;
