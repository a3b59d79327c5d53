import { DprojError } from '@dproj/core';
import type { Io } from '../commands/command.ts';
import { CliError, INTERRUPTED_EXIT, UsageError } from './cli-error.ts';

/** Where an error arose and how much to tell about it. */
export interface ErrorScene {
  /** The command being run, for the usage hint; undefined before a command was found. */
  readonly command?: string;
  /** Print the stack trace too (DPROJ_DEBUG=1). */
  readonly debug: boolean;
  /** The run was interrupted (Ctrl-C): whatever the error, report the interruption. */
  readonly interrupted: boolean;
}

/** One line: messages from deep down may carry line breaks, which would break `dproj: <message>`. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** A Node system error (ENOENT, EACCES, …): the user's file or disk, not a bug. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error;
}

/**
 * Writes an error as `dproj: <message>` on stderr and returns the exit code: a `CliError`'s own
 * (2 for usage errors, with a hint to run --help), 1 for a `DprojError` or a system error, 130 after
 * Ctrl-C, and 1 with "unexpected error" for anything else. A stack trace only with `debug`.
 */
export function reportError(error: unknown, io: Io, scene: ErrorScene): number {
  const write = (line: string): void => {
    io.stderr.write(`${line}\n`);
  };
  const stack = (): void => {
    if (scene.debug && error instanceof Error && error.stack !== undefined) write(error.stack);
  };
  if (scene.interrupted) {
    write('dproj: interrupted');
    stack();
    return INTERRUPTED_EXIT;
  }
  if (error instanceof CliError) {
    write(`dproj: ${oneLine(error.message)}`);
    const hint =
      error.hint ?? (error instanceof UsageError ? `Run 'dproj ${scene.command ?? ''} --help' for usage.`.replace('  ', ' ') : undefined);
    if (hint !== undefined) write(hint);
    stack();
    return error.exitCode;
  }
  if (DprojError.isInstance(error) || isSystemError(error)) {
    write(`dproj: ${oneLine(error.message)}`);
    stack();
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`dproj: unexpected error: ${oneLine(message)}${scene.debug ? '' : ' (set DPROJ_DEBUG=1 to see the stack trace)'}`);
  stack();
  return 1;
}
