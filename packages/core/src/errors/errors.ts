import type { OpName } from '../types/operators.ts';

// A Symbol.for marker survives duplicate installs of this package, where `instanceof` does not.
const MARKER = Symbol.for('dproj.error');

/** Where an error arose: the operator (or engine/format step) and the argument at fault. */
export interface ErrorContext {
  readonly op?: OpName | 'engine' | 'format' | 'vocabulary' | 'transform' | 'factorization';
  readonly argument?: string;
  readonly cause?: unknown;
}

/** Base of every error dproj throws. Recognise one with `DprojError.isInstance(e)`. */
export class DprojError extends Error {
  readonly [MARKER] = true;
  /** The operator or step that failed. */
  readonly op: ErrorContext['op'];
  /** The argument at fault, e.g. `tokens[3]` or `options.window`. */
  readonly argument: string | undefined;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.op = context.op;
    this.argument = context.argument;
  }

  /** True for any dproj error, also one thrown by another copy of this package. */
  static isInstance(value: unknown): value is DprojError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** Two arguments whose shapes do not fit together, e.g. W_Q with d rows against H with d' columns. */
export class ShapeError extends DprojError {}

/** A value out of its domain: NaN or ±∞, a negative window, a token id ≥ V, an empty input. */
export class ValueError extends DprojError {}

/** A word that is not in the vocabulary under a policy that does not allow unknown words. */
export class UnknownTokenError extends DprojError {
  constructor(
    message: string,
    /** The unknown word. */
    readonly token: string,
    context: ErrorContext = {},
  ) {
    super(message, context);
  }
}

/** An operation or option no chosen backend supports. */
export class UnsupportedError extends DprojError {}

/** One try of the engine to make a backend. */
export interface Attempt {
  readonly backend: string;
  /** `routing`: created after the choice, to run calls the chosen backend declined. */
  readonly outcome: 'chosen' | 'routing' | 'unavailable' | 'failed';
  readonly reason?: string;
  /** Time spent probing and creating, in milliseconds. */
  readonly ms: number;
}

/** No backend could be made; `attempts` says what was tried and why each failed. */
export class BackendUnavailableError extends DprojError {
  constructor(
    message: string,
    readonly attempts: readonly Attempt[],
    context: ErrorContext = {},
  ) {
    super(message, context);
  }
}

/** A call to a backend or engine after `dispose()`. */
export class DisposedError extends DprojError {}

/** The compute device went away (GPU reset, driver crash); the backend cannot be used again. */
export class DeviceLostError extends DprojError {}

/** A request beyond a buffer or memory limit. */
export class ResourceLimitError extends DprojError {
  constructor(
    message: string,
    /** The limit, in bytes or elements as the message says. */
    readonly limit: number,
    /** What was asked for, in the same unit. */
    readonly requested: number,
    context: ErrorContext = {},
  ) {
    super(message, context);
  }
}

/** A file that is damaged, truncated, of another format, or of an unsupported version. */
export class FormatError extends DprojError {}
