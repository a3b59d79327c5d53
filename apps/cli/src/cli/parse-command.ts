import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Command, OptionSpec } from '../commands/command.ts';
import { UsageError } from './cli-error.ts';
import { GLOBAL_OPTIONS } from './global-options.ts';

/** A command's arguments, parsed: its positionals and every option value (defaults filled in). */
export interface ParsedCommand {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
}

type ParseOptions = NonNullable<ParseArgsConfig['options']>;

/** The `parseArgs` option table for a command's options plus the global ones. */
function parseOptions(command: Command): ParseOptions {
  const table: ParseOptions = {};
  const all: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS, ...command.options };
  for (const [name, spec] of Object.entries(all)) {
    const entry: ParseOptions[string] = { type: spec.type };
    if (spec.short !== undefined) entry.short = spec.short;
    if (spec.multiple === true) entry.multiple = true;
    if (spec.default !== undefined) {
      // parseArgs wants a multiple option's default as an array and checks the default's type.
      if (spec.multiple === true) {
        entry.default = (spec.type === 'string' ? [String(spec.default)] : [Boolean(spec.default)]) as string[] & boolean[];
      } else {
        entry.default = spec.type === 'string' ? String(spec.default) : Boolean(spec.default);
      }
    }
    table[name] = entry;
  }
  return table;
}

/**
 * Parses the arguments after the command name with `node:util` `parseArgs` (strict: unknown options
 * and missing values are errors). Its messages become one-line usage errors (exit code 2).
 */
export function parseCommand(command: Command, args: readonly string[]): ParsedCommand {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: parseOptions(command),
      strict: true,
      allowPositionals: true,
    });
    return { positionals, values: values as ParsedCommand['values'] };
  } catch (error) {
    throw new UsageError(`${command.name}: ${usageMessage(error)}`);
  }
}

/** A short message for a `parseArgs` error; its own text says how to pass positionals, which misleads here. */
function usageMessage(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^']+)'/.exec(message)?.[1]?.split(' ')[0];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) return `unknown option '${option}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    return /argument missing/.test(message) ? `option '${option}' needs a value` : `option '${option}' takes no value`;
  }
  return message.split('. ')[0]!.replace(/\.$/, '');
}
