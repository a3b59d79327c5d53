import type { CooccurrenceResult, Positional, ProjectionInput } from '@dproj/core';
import { UsageError } from '../cli/cli-error.ts';
import { optionalChoice, optionalNumber } from '../cli/option-values.ts';
import type { CommandContext, OptionSpec } from '../commands/command.ts';

/** Ways to read a forward file's F (ProjectionInput.direction). */
export type Direction = NonNullable<ProjectionInput['direction']>;

/** `--direction` for commands that project: meaningful for a forward file only. */
export const DIRECTION_OPTION: OptionSpec = {
  type: 'string',
  value: '<dir>',
  help: 'forward file only: forward (M→ = Q F Qᵀ, default), backward (Q Fᵀ Qᵀ) or symmetric (F + Fᵀ)',
};

/**
 * The direction to read the file's operator in: undefined for a symmetric file (S is read as is),
 * `forward` by default for a forward file. Asking for one with a symmetric file is a usage error,
 * since S = Sᵀ makes every direction the same (or doubles it).
 */
export function chooseDirection(
  values: CommandContext['values'],
  result: CooccurrenceResult,
  path: string,
  choices: readonly Direction[] = ['forward', 'backward', 'symmetric'],
): Direction | undefined {
  const asked = optionalChoice(values, 'direction', choices);
  if (result.settings.direction === 'symmetric') {
    if (asked !== undefined) {
      throw new UsageError(`--direction needs a forward co-occurrence file; '${path}' holds the symmetric S`);
    }
    return undefined;
  }
  return asked ?? 'forward';
}

/**
 * The positional refinement `--positional` asks for (SPEC B.10): `offset` uses the file's per-offset
 * counts C⁽ᵏ⁾ with its weighting f; `kernel` multiplies M by K_ij = ρ^|j−i| (`--rho`), for |j−i| < n.
 */
export function positionalFor(
  values: CommandContext['values'],
  result: CooccurrenceResult,
  path: string,
  n: number,
): Positional | undefined {
  const kind = optionalChoice(values, 'positional', ['offset', 'kernel'] as const);
  if (kind === undefined) return undefined;
  if (kind === 'offset') {
    if (result.offsets === undefined || result.offsets.length === 0) {
      throw new UsageError(`--positional offset needs the per-offset counts C⁽ᵏ⁾, which '${path}' lacks; count with --offsets`);
    }
    return { kind, offsets: result.offsets, weighting: result.settings.weighting };
  }
  const rho = optionalNumber(values, 'rho', { test: (r) => r > -1 && r < 1, expected: 'a number in (−1, 1)' }) ?? 0.5;
  const kappa = Array.from({ length: n }, (_, d) => rho ** d);
  return { kind, kappa };
}

/** `--positional` and `--rho`. */
export const POSITIONAL_OPTIONS: Record<string, OptionSpec> = {
  positional: {
    type: 'string',
    value: '<kind>',
    help: 'positional refinement (SPEC B.10): offset (per-offset counts, needs a file counted with --offsets) or kernel',
  },
  rho: { type: 'string', value: '<ρ>', default: '0.5', help: 'kernel κ(d) = ρ^|d| of --positional kernel, |ρ| < 1 (default 0.5)' },
};
