import { type Operator, type TransformKind, type TransformSpec, transform } from '@dproj/core';
import type { CommandContext, OptionSpec } from '../commands/command.ts';
import { optionalChoice, optionalNumber } from '../cli/option-values.ts';

const KINDS: readonly TransformKind[] = ['raw', 'log1p', 'log', 'pmi', 'ppmi', 'cond'];

/** `--transform` and `--alpha`, with the default each command chooses. */
export function transformOptions(defaultKind: TransformKind): Record<string, OptionSpec> {
  return {
    transform: {
      type: 'string',
      value: '<kind>',
      default: defaultKind,
      help: `φ applied to S first: ${KINDS.join(', ')} (SPEC B.2.5; default ${defaultKind})`,
    },
    alpha: { type: 'string', value: '<α>', default: '1', help: 'α of --transform log: log(S + α), α > 0 (default 1)' },
  };
}

/** The transform the options ask for. */
export function transformSpec(values: CommandContext['values']): TransformSpec {
  const kind = optionalChoice(values, 'transform', KINDS) ?? 'raw';
  if (kind === 'log') {
    const alpha = optionalNumber(values, 'alpha', { test: (a) => a > 0, expected: 'a number > 0' }) ?? 1;
    return { kind, alpha };
  }
  return { kind };
}

/** φ(S), or S itself for `raw` (no copy). */
export function applyTransform(s: Operator, spec: TransformSpec): Operator {
  return spec.kind === 'raw' ? s : transform(s, spec);
}
