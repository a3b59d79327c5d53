import type { Io } from '../commands/command.ts';

/** Prints one JSON document (compact, one line) on stdout, as `--json` promises. */
export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Prints text on stdout, ending with exactly one line break. */
export function writeText(io: Io, text: string): void {
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
