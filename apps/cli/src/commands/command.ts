import type { Engine } from '@dproj/core';

/** An option of a command, as `node:util` `parseArgs` takes it, with the line `--help` prints. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly default?: string | boolean;
  /** One line for `--help`, e.g. "window w: pairs at distance 1..w count (default 10)". */
  readonly help: string;
  /** Placeholder shown in `--help` for string options, e.g. "<n>". */
  readonly value?: string;
}

/** Where a command writes, and what it knows of the terminal. Tests pass their own. */
export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  /** True when stderr is a terminal: progress is a redrawn bar there, plain lines otherwise. */
  readonly isTTY: boolean;
}

/** What a command's `run` receives. */
export interface CommandContext {
  /** Positional arguments after the command name. */
  readonly positionals: readonly string[];
  /** Parsed option values (defaults filled in), by long name. */
  readonly values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
  readonly io: Io;
  /** `--json` was given: print one JSON document on stdout and nothing else there. */
  readonly json: boolean;
  /**
   * The engine for `--backend <name[,name]>` (default: every backend, best first, with fallback).
   * Created on first call; the CLI disposes it after `run` settles.
   */
  engine(): Promise<Engine>;
  /** Aborted on Ctrl-C (SIGINT): long work stops and cleans up its temporary files. */
  readonly signal: AbortSignal;
}

/** One `dproj <name>` command. */
export interface Command {
  readonly name: string;
  /** One line for `dproj --help`. */
  readonly summary: string;
  /** Usage line(s) after `dproj <name>`, e.g. "<files…|-> [options]". */
  readonly usage: string;
  /** Longer text for `dproj <name> --help` (examples). */
  readonly description?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Does the work; resolves to the exit code. Throws `CliError` or a `DprojError` for bad input. */
  run(context: CommandContext): Promise<number>;
}
