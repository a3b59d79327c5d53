import {
  type Attempt,
  BackendUnavailableError,
  DisposedError,
  UnsupportedError,
  ValueError,
} from '../errors/errors.ts';
import { type Backend, type BackendFactory, type OpInputs, SPEC_VERSION } from '../types/backend.ts';
import type { Engine, EngineOptions, EngineWarning, FallbackPolicy, Resolution, Route } from '../types/engine.ts';
import type { OpName } from '../types/operators.ts';
import { validateInput } from '../validation/validate.ts';
import { orderCandidates } from './candidates.ts';

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Probes and creates one factory, recording the outcome; never throws. */
async function tryCreate(factory: BackendFactory): Promise<{ backend?: Backend; attempt: Attempt }> {
  const start = performance.now();
  const ms = (): number => performance.now() - start;
  try {
    const availability = await factory.probe();
    if (!availability.available) {
      return { attempt: { backend: factory.name, outcome: 'unavailable', reason: availability.reason, ms: ms() } };
    }
    const backend = await factory.create();
    if (backend.specVersion !== SPEC_VERSION) {
      await backend.dispose().catch(() => undefined);
      const reason = `implements contract version ${String(backend.specVersion)}, this core needs ${SPEC_VERSION}`;
      return { attempt: { backend: factory.name, outcome: 'failed', reason, ms: ms() } };
    }
    return { backend, attempt: { backend: factory.name, outcome: 'chosen', ms: ms() } };
  } catch (error) {
    return { attempt: { backend: factory.name, outcome: 'failed', reason: reasonOf(error), ms: ms() } };
  }
}

/**
 * Creates the engine: the only entry apps use. It tries the candidates (`prefer` first, then by
 * priority; see `orderCandidates`), probing and creating each until one works, and records every
 * attempt in `resolution.attempts`. Choosing other than the first candidate is a warning, never silent.
 * Each operator call is validated once here, then dispatched to the chosen backend; under fallback `op`
 * a call whose options the chosen backend declines goes to the next candidate that supports it, and
 * the route is recorded in `resolution.routes`.
 *
 * Rejects with `BackendUnavailableError` (listing every attempt) when no candidate can be made.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  if (typeof options !== 'object' || options === null || !Array.isArray(options.backends) || options.backends.length === 0) {
    throw new ValueError('engine: options.backends must be a non-empty array of backend factories', {
      op: 'engine',
      argument: 'options.backends',
    });
  }
  const fallback: FallbackPolicy = options.fallback ?? 'backend';
  if (!['backend', 'op', 'none'].includes(fallback)) {
    throw new ValueError(`engine: options.fallback must be 'backend', 'op' or 'none', got '${fallback}'`, {
      op: 'engine',
      argument: 'options.fallback',
    });
  }
  const candidates = orderCandidates(options.backends, options.prefer, fallback);
  const attempts: Attempt[] = [];
  let chosen: Backend | undefined;
  let chosenIndex = -1;
  for (let i = 0; i < candidates.length && chosen === undefined; i++) {
    const { backend, attempt } = await tryCreate(candidates[i]!);
    attempts.push(attempt);
    if (backend !== undefined) {
      chosen = backend;
      chosenIndex = i;
    }
  }
  if (chosen === undefined) {
    const detail = attempts.map((a) => `${a.backend}: ${a.reason ?? a.outcome}`).join('; ') || 'no candidates';
    throw new BackendUnavailableError(`engine: no backend could be created (${detail})`, attempts, { op: 'engine' });
  }
  return new EngineImpl(chosen, candidates, chosenIndex, attempts, fallback, options.onWarning);
}

class EngineImpl implements Engine {
  readonly warnings: EngineWarning[] = [];
  private readonly routes: Route[] = [];
  /** Backends made for routing, by candidate index; a promise so concurrent calls create once. */
  private readonly routed = new Map<number, Promise<Backend | undefined>>();
  private disposed = false;

  constructor(
    readonly backend: Backend,
    private readonly candidates: readonly BackendFactory[],
    private readonly chosenIndex: number,
    private readonly attempts: Attempt[],
    private readonly fallback: FallbackPolicy,
    private readonly onWarning: ((warning: EngineWarning) => void) | undefined,
  ) {
    if (chosenIndex > 0) {
      const passed = attempts
        .slice(0, chosenIndex)
        .map((a) => `${a.backend} (${a.reason ?? a.outcome})`)
        .join(', ');
      this.warn({ code: 'fallback-backend', message: `using backend '${backend.name}' because ${passed} could not be used` });
    }
  }

  get resolution(): Resolution {
    return { chosen: this.backend.name, attempts: [...this.attempts], routes: [...this.routes] };
  }

  private warn(warning: EngineWarning): void {
    this.warnings.push(warning);
    this.onWarning?.(warning);
  }

  validate<K extends OpName>(op: K, input: OpInputs[K]): void {
    validateInput(op, input);
  }

  cooccurrence(corpus: OpInputs['cooccurrence']['corpus'], options: OpInputs['cooccurrence']['options']) {
    return this.run('cooccurrence', { corpus, options }, (b) => b.cooccurrence(corpus, options));
  }

  projection(input: OpInputs['projection']) {
    return this.run('projection', input, (b) => b.projection(input));
  }

  attention(input: OpInputs['attention']) {
    return this.run('attention', input, (b) => b.attention(input));
  }

  multiHead(input: OpInputs['multiHead']) {
    return this.run('multiHead', input, (b) => b.multiHead(input));
  }

  private async run<K extends OpName, R>(op: K, input: OpInputs[K], call: (backend: Backend) => Promise<R>): Promise<R> {
    if (this.disposed) throw new DisposedError(`${op}: the engine has been disposed`, { op });
    validateInput(op, input);
    const signal = op === 'cooccurrence' ? (input as OpInputs['cooccurrence']).options.signal : (input as { signal?: AbortSignal }).signal;
    signal?.throwIfAborted();
    const backend = await this.backendFor(op, input);
    return call(backend);
  }

  /** The chosen backend if it supports the call, else (fallback `op`) the next candidate that does. */
  private async backendFor<K extends OpName>(op: K, input: OpInputs[K]): Promise<Backend> {
    const support = this.backend.capabilities.supports(op, input);
    if (support.ok) return this.backend;
    if (this.fallback !== 'op') {
      throw new UnsupportedError(`${op}: backend '${this.backend.name}' does not support this call: ${support.reason}`, { op });
    }
    const declined = [`${this.backend.name}: ${support.reason}`];
    for (let i = 0; i < this.candidates.length; i++) {
      if (i === this.chosenIndex) continue;
      const other = await this.routeBackend(i);
      if (this.disposed) throw new DisposedError(`${op}: the engine has been disposed`, { op });
      if (other === undefined) continue;
      const otherSupport = other.capabilities.supports(op, input);
      if (otherSupport.ok) {
        const route: Route = { op, from: this.backend.name, to: other.name, reason: support.reason };
        this.routes.push(route);
        this.warn({ code: 'fallback-op', message: `${op} ran on '${other.name}': '${this.backend.name}' declined it (${support.reason})` });
        return other;
      }
      declined.push(`${other.name}: ${otherSupport.reason}`);
    }
    throw new UnsupportedError(`${op}: no backend supports this call (${declined.join('; ')})`, { op });
  }

  private routeBackend(index: number): Promise<Backend | undefined> {
    let pending = this.routed.get(index);
    if (pending === undefined) {
      pending = tryCreate(this.candidates[index]!).then(({ backend, attempt }) => {
        this.attempts.push(attempt.outcome === 'chosen' ? { ...attempt, outcome: 'routing' } : attempt);
        return backend;
      });
      this.routed.set(index, pending);
    }
    return pending;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const all = [this.backend, ...(await Promise.all(this.routed.values()))];
    const results = await Promise.allSettled(all.filter((b): b is Backend => b !== undefined).map((b) => b.dispose()));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}
