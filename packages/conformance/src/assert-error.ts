import { expectReject } from './assert.ts';

/** What a rejected call must say. */
export interface ExpectedError {
  /** The error class name, e.g. `ShapeError`. */
  readonly name: string;
  /** The operator the message (or the error's `op`) must name. */
  readonly op: string;
  /** Spellings of the argument at fault; the message must contain one of them as a word (none: not checked). */
  readonly argument: readonly string[];
}

function mentions(message: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}($|[^A-Za-z0-9_])`, 'i').test(message);
}

/**
 * Asserts that `run` rejects with the named error class whose message names the argument at fault
 * (DESIGN §4: a message names the operator, the argument, what was expected and what came) and whose
 * operator is named by its `op` field or its message.
 */
export async function expectInputError(run: () => Promise<unknown>, expected: ExpectedError, what: string): Promise<Error> {
  const error = await expectReject(run, expected.name, what);
  if (expected.argument.length > 0 && !expected.argument.some((a) => mentions(error.message, a))) {
    throw new Error(
      `${what}: the ${expected.name} message does not name the argument (${expected.argument.join(' or ')}): "${error.message}"`,
    );
  }
  const op = (error as Error & { op?: unknown }).op;
  if (op !== expected.op && !mentions(error.message, expected.op)) {
    throw new Error(`${what}: the ${expected.name} names neither in op nor in its message the operator ${expected.op}: "${error.message}"`);
  }
  return error;
}
