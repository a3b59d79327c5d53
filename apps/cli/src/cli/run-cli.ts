import type { EngineWarning } from '@dproj/core';
import type { Command, CommandContext, Io } from '../commands/command.ts';
import { COMMANDS } from '../commands/registry.ts';
import { UsageError } from './cli-error.ts';
import { type EngineSession, engineSession } from './engine-session.ts';
import { commandHelp, mainHelp } from './help.ts';
import { parseCommand } from './parse-command.ts';
import { reportError } from './render-error.ts';
import { cliVersion } from './version.ts';

/** Extra settings of `runCli`, for `main.ts` and tests. */
export interface RunOptions {
  /** Aborting it interrupts the command (Ctrl-C); the run then ends with exit code 130. */
  readonly signal?: AbortSignal;
  /** Environment variables read by the CLI (DPROJ_DEBUG); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The commands to offer; default every command of dproj. */
  readonly commands?: readonly Command[];
}

/** Global options that may come before the command name, e.g. `dproj --json backends`. */
const LEADING_WITH_VALUE = new Set(['--backend']);
const LEADING_FLAGS = new Set(['--json']);

/** Splits `[...leading global options, command, ...rest]`; the leading options join the rest. */
function splitCommand(argv: readonly string[]): { name: string | undefined; args: string[] } {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i]!;
    if (LEADING_FLAGS.has(arg) || arg.startsWith('--backend=')) {
      leading.push(arg);
      i += 1;
    } else if (LEADING_WITH_VALUE.has(arg) && i + 1 < argv.length) {
      leading.push(arg, argv[i + 1]!);
      i += 2;
    } else {
      break;
    }
  }
  const name = argv[i];
  return { name, args: [...leading, ...argv.slice(i + 1)] };
}

/** Levenshtein distance, for "did you mean" on a mistyped command. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function unknownCommand(name: string, commands: readonly Command[]): UsageError {
  const near = commands.find((c) => distance(c.name, name) <= 2 || c.name.startsWith(name));
  const known = commands.map((c) => c.name).join(', ');
  const hint = near === undefined ? "Run 'dproj --help' for the commands." : `Did you mean 'dproj ${near.name}'?`;
  return new UsageError(`unknown command '${name}' (commands: ${known})`, hint);
}

/**
 * Runs `dproj` with the arguments after the program name and returns the exit code: 0 on success,
 * 1 for bad input or a failed operation, 2 for a usage error, 130 when interrupted. Output goes to
 * `io` only; nothing is thrown and the process is never exited, so tests run it in-process.
 */
export async function runCli(argv: readonly string[], io: Io, options: RunOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const commands = options.commands ?? COMMANDS;
  const debug = env.DPROJ_DEBUG === '1';
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted === true) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let commandName: string | undefined;
  let session: EngineSession | undefined;
  try {
    const { name, args } = splitCommand(argv);
    if (name === undefined) {
      // No command: the help is the answer, but on stderr with a usage exit code, as scripts expect.
      io.stderr.write(mainHelp(commands, cliVersion()));
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      // `dproj help <command>` is `dproj <command> --help`.
      const topic = name === 'help' ? args.find((a) => !a.startsWith('-')) : undefined;
      const command = commands.find((c) => c.name === topic);
      if (topic !== undefined && command === undefined) throw unknownCommand(topic, commands);
      io.stdout.write(command === undefined ? mainHelp(commands, cliVersion()) : commandHelp(command));
      return 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${cliVersion()}\n`);
      return 0;
    }
    if (name.startsWith('-')) throw new UsageError(`unknown option '${name}' before the command`, "Run 'dproj --help' for usage.");
    const command = commands.find((c) => c.name === name);
    if (command === undefined) throw unknownCommand(name, commands);
    commandName = command.name;
    const parsed = parseCommand(command, args);
    if (parsed.values.help === true) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    const backendSpec = typeof parsed.values.backend === 'string' ? parsed.values.backend : undefined;
    const explicit = backendSpec !== undefined;
    session = engineSession(backendSpec, (warning: EngineWarning) => {
      // The default order passes over missing backends all the time; that is only news when asked for.
      if (explicit || warning.code === 'fallback-op') io.stderr.write(`dproj: note: ${warning.message}\n`);
    });
    const context: CommandContext = {
      positionals: parsed.positionals,
      values: parsed.values,
      io,
      json: parsed.values.json === true,
      engine: session.engine,
      signal: controller.signal,
    };
    return await command.run(context);
  } catch (error) {
    return reportError(error, io, { command: commandName, debug, interrupted: controller.signal.aborted });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await session?.dispose();
  }
}
