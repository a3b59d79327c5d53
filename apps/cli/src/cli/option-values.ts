import type { CommandContext } from '../commands/command.ts';
import { UsageError } from './cli-error.ts';

type Values = CommandContext['values'];

/** The string value of `--name`, or undefined when it was not given and has no default. */
export function optionalString(values: Values, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UsageError(`--${name} takes one value`);
  return value;
}

/** The string value of `--name`; a usage error when it is missing or empty. */
export function requiredString(values: Values, name: string, placeholder = '<value>'): string {
  const value = optionalString(values, name);
  if (value === undefined || value === '') throw new UsageError(`missing required option --${name} ${placeholder}`);
  return value;
}

/** Whether the boolean flag `--name` was given. */
export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

/**
 * The integer value of `--name` in [min, max], or undefined when absent. Refuses "3.5", "1e3x", "" and
 * the like with a usage error naming the option, rather than letting `Number` read them loosely.
 */
export function optionalInteger(values: Values, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const text = optionalString(values, name);
  if (text === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(text.trim())) throw new UsageError(`--${name} must be an integer, got '${text}'`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in ${min}..${max}`;
    throw new UsageError(`--${name} must be an integer ${range}, got ${text}`);
  }
  return value;
}

/** The integer value of `--name` in [min, max]; a usage error when it is missing. */
export function requiredInteger(values: Values, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = optionalInteger(values, name, min, max);
  if (value === undefined) throw new UsageError(`missing required option --${name} <n>`);
  return value;
}

/** The finite number value of `--name` with `check` on it (e.g. "> 0"), or undefined when absent. */
export function optionalNumber(
  values: Values,
  name: string,
  check?: { readonly test: (value: number) => boolean; readonly expected: string },
): number | undefined {
  const text = optionalString(values, name);
  if (text === undefined) return undefined;
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got '${text}'`);
  if (check !== undefined && !check.test(value)) throw new UsageError(`--${name} must be ${check.expected}, got ${text}`);
  return value;
}

/** The value of `--name` when it is one of `choices`, or undefined when absent. */
export function optionalChoice<T extends string>(values: Values, name: string, choices: readonly T[]): T | undefined {
  const text = optionalString(values, name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got '${text}'`);
  }
  return text as T;
}

/** Refuses positional arguments, for commands that take options only: a stray word is likely a typo. */
export function noPositionals(context: Pick<CommandContext, 'positionals'>): void {
  const [first] = context.positionals;
  if (first !== undefined) {
    throw new UsageError(`unexpected argument '${first}' (this command takes options only; quote a --text with spaces)`);
  }
}
