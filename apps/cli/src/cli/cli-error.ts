/** Exit code of a usage error: an unknown command or option, a missing or malformed value. */
export const USAGE_EXIT = 2;

/** Exit code after Ctrl-C (128 + SIGINT), as shells report it. */
export const INTERRUPTED_EXIT = 130;

/**
 * An error the user can fix, printed as one line `dproj: <message>` with no stack trace.
 * `exitCode` is 1 by default; `hint`, when given, is printed on a second line.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * A mistake in how the command was called (exit code 2): an unknown option, a missing required option,
 * a value of the wrong form. The CLI adds a hint to run `--help`.
 */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, USAGE_EXIT, hint);
    this.name = 'UsageError';
  }
}
