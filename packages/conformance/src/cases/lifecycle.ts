import type { Backend, Engine, Matrix } from '@dproj/core';
import { createEngine } from '@dproj/core';
import { expectClose, expectReject } from '../assert.ts';
import type { ConformanceCase } from '../case.ts';
import type { Tolerance } from '../tolerance.ts';
import { attentionBase, corpus, crossBase, csrOperator, multiHeadBase, offsets, operator, projectionBase } from './bad-inputs/fixtures.ts';
import { randomMatrix, randomTokens, toCsr } from './support/inputs.ts';
import { Rng } from './support/rng.ts';

/** One call of each operator family, as thunks over an engine or a backend. */
function mixedCalls(target: Engine | Backend, seed: number): (() => Promise<unknown>)[] {
  // Inputs are drawn once, so calling a thunk twice repeats the same call.
  const rng = new Rng(seed);
  const h = randomMatrix(rng, 9, 6);
  const wq = randomMatrix(rng, 6, 4);
  const wv = randomMatrix(rng, 6, 5);
  const tokens = randomTokens(rng, 7, 5);
  return [
    () => target.cooccurrence(corpus, { window: 2, offsets: true }),
    () => target.projection({ ...projectionBase, predict: { kind: 'dense' } }),
    () => target.projection({ tokens, s: csrOperator, predict: { kind: 'topk', k: 3 } }),
    () => target.attention({ h, wq, wk: wq, wv, mask: { kind: 'causal' }, returnWeights: true }),
    () => target.attention(crossBase),
    () => target.multiHead({ ...multiHeadBase, returnWeights: true }),
    () => target.cooccurrence(corpus, { window: 3, direction: 'forward' }),
    () => target.projection({ ...projectionBase, positional: { kind: 'offset', offsets } }),
  ];
}

/** Every typed array inside a value, by path (for bitwise comparison of inputs and results). */
function arrays(value: unknown, path = '', out = new Map<string, ArrayLike<number>>()): Map<string, ArrayLike<number>> {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) out.set(path, value as unknown as ArrayLike<number>);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) arrays(v, `${path}[${i}]`, out);
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) arrays(v, `${path}.${k}`, out);
  return out;
}

function snapshot(value: unknown): Map<string, number[]> {
  return new Map([...arrays(value)].map(([k, v]) => [k, Array.from(v)]));
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

function expectSnapshot(actual: Map<string, number[]>, expected: Map<string, number[]>, what: string): void {
  for (const [path, values] of expected) {
    const got = actual.get(path);
    if (got === undefined || !sameNumbers(got, values)) throw new Error(`${what}: ${path} differs`);
  }
}

/**
 * Two results of the same call agree: integer arrays (ids, CSR structure) exactly, float arrays within
 * tolerance, since a device may sum in a different order from one run to the next.
 */
function expectSameResult(actual: unknown, expected: unknown, tol: Tolerance, what: string): void {
  const got = arrays(actual);
  for (const [path, values] of arrays(expected)) {
    const a = got.get(path);
    if (a === undefined) throw new Error(`${what}: ${path} is missing`);
    if (values instanceof Float32Array || values instanceof Float64Array) expectClose(a, values, tol, `${what}: ${path}`);
    else if (!sameNumbers(Array.from(a), Array.from(values))) throw new Error(`${what}: ${path} differs`);
  }
}

const OPS = ['cooccurrence', 'projection', 'attention', 'multiHead'] as const;

/** Concurrency, immutability of inputs, ownership of results, cancellation and disposal. */
export const lifecycleCases: readonly ConformanceCase[] = [
  {
    id: 'lifecycle/concurrent-equals-sequential',
    run: async (ctx) => {
      // Calls made together (Promise.all) give what the same calls give one at a time.
      const calls = mixedCalls(ctx.engine, ctx.seed);
      const sequential: unknown[] = [];
      for (const call of calls) sequential.push(await call());
      const concurrent = await Promise.all([...calls, ...calls].map((call) => call()));
      for (const [k, result] of concurrent.entries()) expectSameResult(result, sequential[k % calls.length], ctx.tol, `concurrent call ${k}`);
    },
  },
  {
    id: 'lifecycle/inputs-not-mutated',
    run: async (ctx) => {
      // Inputs are never mutated, whatever the backend does on the way (in-place softmax, sorting CSR columns).
      const rng = new Rng(ctx.seed);
      const inputs = {
        corpus,
        // Unsorted CSR columns: a backend that sorts them must sort a copy.
        projection: { tokens: randomTokens(rng, 6, 5), s: toCsr(operator, rng), predict: { kind: 'topk' as const, k: 2 } },
        kernel: { q: randomMatrix(rng, 4, 5), s: randomMatrix(rng, 5, 5), positional: { kind: 'kernel' as const, kappa: Float32Array.from([1, 0.5, 0.25]) }, predict: { kind: 'dense' as const } },
        attention: { ...attentionBase, mask: { kind: 'bias' as const, bias: Float32Array.from([0, -1, Number.NEGATIVE_INFINITY, 2, 0, 0, 1, 1, 1]) }, returnWeights: true },
        multiHead: { ...multiHeadBase, context: randomMatrix(rng, 5, 4), mask: { kind: 'keep' as const, keep: Uint8Array.from({ length: 15 }, (_, k) => k % 4 === 0 ? 0 : 1) } },
      };
      const before = snapshot(inputs);
      await ctx.engine.cooccurrence(inputs.corpus, { window: 4, offsets: true });
      await ctx.engine.projection(inputs.projection);
      await ctx.engine.projection(inputs.kernel);
      await ctx.engine.attention(inputs.attention);
      await ctx.engine.multiHead(inputs.multiHead);
      expectSnapshot(snapshot(inputs), before, 'an input was mutated');
    },
  },
  {
    id: 'lifecycle/results-not-aliased',
    run: async (ctx) => {
      // Results are host values the caller owns: two calls never share storage, and writing into one
      // result does not change a later one (a pooled buffer handed out twice would).
      const calls = mixedCalls(ctx.engine, ctx.seed);
      for (const [k, call] of calls.entries()) {
        const first = await call();
        const firstArrays = arrays(first);
        const kept = snapshot(first);
        for (const a of firstArrays.values()) (a as unknown as { fill(v: number): void }).fill(7);
        const second = await call();
        for (const [path, a] of arrays(second)) {
          const other = firstArrays.get(path) as unknown as { buffer?: ArrayBufferLike } | undefined;
          if (other?.buffer !== undefined && other.buffer === (a as unknown as { buffer: ArrayBufferLike }).buffer) {
            throw new Error(`call ${k}: ${path} of two results shares one buffer`);
          }
        }
        expectSnapshot(snapshot(second), kept, `call ${k}: a later result changed after an earlier one was written to`);
      }
    },
  },
  {
    id: 'lifecycle/abort-signal',
    run: async (ctx) => {
      // An aborted signal rejects the call with the signal's reason.
      const reason = new Error('stopped by the conformance suite');
      const controller = new AbortController();
      controller.abort(reason);
      const signal = controller.signal;
      const calls: [string, () => Promise<unknown>][] = [
        ['cooccurrence', () => ctx.engine.cooccurrence(corpus, { window: 2, signal })],
        ['projection', () => ctx.engine.projection({ ...projectionBase, signal })],
        ['attention', () => ctx.engine.attention({ ...attentionBase, signal })],
        ['multiHead', () => ctx.engine.multiHead({ ...multiHeadBase, signal })],
      ];
      for (const [op, call] of calls) {
        const error = await expectReject(call, reason.name, `${op} with an aborted signal`);
        if (error !== reason) throw new Error(`${op}: rejected with "${error.message}", not with the signal's reason`);
      }
    },
  },
  {
    id: 'lifecycle/progress-not-after-settle',
    run: async (ctx) => {
      // onProgress may be called or not, but never after the call settles, and `done` ≤ `total`.
      let settled = false;
      let late = 0;
      const onProgress = (p: { done: number; total: number }) => {
        if (settled) late++;
        if (!(p.done <= p.total)) throw new Error(`progress done ${p.done} > total ${p.total}`);
      };
      await ctx.engine.cooccurrence(corpus, { window: 2, onProgress });
      await ctx.engine.attention({ ...attentionBase, onProgress });
      settled = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (late > 0) throw new Error(`onProgress was called ${late} times after its call settled`);
    },
  },
  {
    id: 'lifecycle/backend-dispose',
    run: async (ctx) => {
      // A backend of its own: dispose() is idempotent, every later call rejects with DisposedError, and
      // nothing stays live.
      const backend = await ctx.factory.create();
      await backend.projection(projectionBase);
      await backend.dispose();
      await backend.dispose();
      const calls = mixedCalls(backend, ctx.seed);
      for (const [k, call] of [calls[0], calls[1], calls[3], calls[5]].entries()) {
        await expectReject(call, 'DisposedError', `backend.${OPS[k]} after dispose()`);
      }
      const stats = backend.stats();
      if (stats.liveBuffers !== 0) throw new Error(`after dispose(), the backend still holds ${stats.liveBuffers} buffers (${stats.liveBytes} bytes)`);
    },
  },
  {
    id: 'lifecycle/engine-dispose',
    run: async (ctx) => {
      // An engine of its own: dispose() twice is fine; later calls reject with DisposedError; the backend is released.
      const engine = await createEngine({ backends: [ctx.factory], prefer: [ctx.factory.name], fallback: 'none' });
      await engine.attention(attentionBase);
      await engine.dispose();
      await engine.dispose();
      const calls = mixedCalls(engine, ctx.seed);
      for (const [k, call] of [calls[0], calls[1], calls[3], calls[5]].entries()) {
        await expectReject(call, 'DisposedError', `engine.${OPS[k]} after dispose()`);
      }
      await expectReject(() => engine.backend.projection(projectionBase), 'DisposedError', 'the engine released its backend');
      if (engine.backend.stats().liveBuffers !== 0) throw new Error('the disposed engine left live buffers');
    },
  },
  {
    id: 'lifecycle/concurrent-engines',
    run: async (ctx) => {
      // Two engines over the same factory work side by side and do not disturb each other.
      const rng = new Rng(ctx.seed);
      const second = await createEngine({ backends: [ctx.factory], prefer: [ctx.factory.name], fallback: 'none' });
      try {
        const h: Matrix = randomMatrix(rng, 12, 8);
        const input = { h, wq: randomMatrix(rng, 8, 4), wk: randomMatrix(rng, 8, 4), wv: randomMatrix(rng, 8, 3) };
        const [a, b] = await Promise.all([ctx.engine.attention(input), second.attention(input)]);
        expectSameResult(b, a, ctx.tol, 'two engines, same input');
      } finally {
        await second.dispose();
      }
      if (second.backend.stats().liveBuffers !== 0) throw new Error('the second engine left live buffers');
    },
  },
];
