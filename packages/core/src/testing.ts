/**
 * `@dproj/core/testing`: test doubles for code that uses the engine. Not a backend: the fake computes
 * nothing and says so in its results' shapes only; use it to test selection, routing and lifecycle.
 */
import { DisposedError } from './errors/errors.ts';
import { type Availability, type Backend, type BackendFactory, type OpInputs, SPEC_VERSION, type Support } from './types/backend.ts';
import { zeros } from './types/matrix.ts';
import type { OpName, Selector } from './types/operators.ts';

/** How a fake factory behaves. */
export interface FakeBackendOptions {
  readonly name: string;
  readonly priority?: number;
  /** A reason makes the probe report the backend unavailable. */
  readonly unavailable?: string;
  /** A message makes `create()` reject with it. */
  readonly createFails?: string;
  /** Declines calls: return a reason to decline, undefined to accept. */
  readonly declines?: <K extends OpName>(op: K, input: OpInputs[K]) => string | undefined;
  /** Contract version the fake claims (default the current one). */
  readonly specVersion?: number;
}

/** What a fake factory records, for assertions. */
export interface FakeLog {
  probes: number;
  creates: number;
  disposals: number;
  readonly calls: OpName[];
}

/**
 * A factory whose backends record calls and return zero-filled results of the right shapes
 * (projection n×n or n×m; attention n×d_v; multiHead n×d_out; co-occurrence an empty V×V CSR).
 */
export function fakeBackend(options: FakeBackendOptions): BackendFactory & { readonly log: FakeLog } {
  const log: FakeLog = { probes: 0, creates: 0, disposals: 0, calls: [] };
  return {
    name: options.name,
    priority: options.priority ?? 0,
    log,
    async probe(): Promise<Availability> {
      log.probes++;
      return options.unavailable === undefined ? { available: true } : { available: false, reason: options.unavailable };
    },
    async create(): Promise<Backend> {
      log.creates++;
      if (options.createFails !== undefined) throw new Error(options.createFails);
      let disposed = false;
      const enter = (op: OpName): void => {
        if (disposed) throw new DisposedError(`${op}: backend '${options.name}' has been disposed`, { op });
        log.calls.push(op);
      };
      const lengthOf = (sel: Selector): number => ('tokens' in sel ? sel.tokens.length : sel.q.rows);
      return {
        specVersion: (options.specVersion ?? SPEC_VERSION) as typeof SPEC_VERSION,
        name: options.name,
        capabilities: {
          precision: 'float32',
          threads: 1,
          supports<K extends OpName>(op: K, input: OpInputs[K]): Support {
            const reason = options.declines?.(op, input);
            return reason === undefined ? { ok: true } : { ok: false, reason };
          },
        },
        async cooccurrence(corpus, opts) {
          enter('cooccurrence');
          const v = corpus.vocab.size;
          const matrix = { rows: v, cols: v, rowPtr: new Uint32Array(v + 1), colIdx: new Uint32Array(0), values: new Float32Array(0) };
          const settings = {
            window: opts.window,
            weighting: opts.weighting ?? 'harmonic',
            direction: opts.direction ?? 'symmetric',
            zeroDiagonal: opts.zeroDiagonal ?? false,
            crossDocuments: opts.crossDocuments ?? false,
          } as const;
          return { matrix, settings, tokens: corpus.docs.reduce((n, d) => n + d.length, 0) };
        },
        async projection(input) {
          enter('projection');
          const n = lengthOf(input);
          const m = input.other === undefined ? n : lengthOf(input.other);
          return { m: zeros(n, m) };
        },
        async attention(input) {
          enter('attention');
          return { out: zeros(input.h.rows, input.wv.cols) };
        },
        async multiHead(input) {
          enter('multiHead');
          return { out: zeros(input.h.rows, input.wo.cols) };
        },
        stats: () => ({ liveBuffers: 0, liveBytes: 0 }),
        async dispose() {
          if (!disposed) log.disposals++;
          disposed = true;
        },
      };
    },
  };
}
