import type { ConformanceCase } from '../case.ts';
import { attentionRules, multiHeadRules } from './bad-inputs/attention.ts';
import { cooccurrenceRules } from './bad-inputs/cooccurrence.ts';
import { declinedCase, validBaselineCase } from './bad-inputs/declined.ts';
import { projectionRules } from './bad-inputs/projection.ts';
import type { Rule } from './bad-inputs/rule.ts';
import { ruleCase } from './bad-inputs/rule.ts';

/** Every validation rule, one case each (the engine validates before dispatch; DESIGN §4). */
export const validationRules: readonly Rule[] = [...cooccurrenceRules, ...projectionRules, ...attentionRules, ...multiHeadRules];

/** Bad inputs rejected with typed errors naming the argument, the valid baselines, and declined options. */
export const badInputCases: readonly ConformanceCase[] = [validBaselineCase, ...validationRules.map(ruleCase), declinedCase];
