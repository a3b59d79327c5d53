import { describe, expect, test } from 'vitest';
import { DisposedError, DprojError, SPEC_VERSION, fromRows, identity, toRows } from '@dproj/core';
import type { Backend, OpName } from '@dproj/core';
import { jsBackend } from '../src/index.ts';
import { S, TOY_CORPUS, createBackend, random, randomMatrix, toCsr } from './toy.ts';

/** One small valid call of each operator. */
const calls: Record<OpName, (b: Backend) => Promise<unknown>> = {
  cooccurrence: (b) => b.cooccurrence(TOY_CORPUS, { window: 2 }),
  projection: (b) => b.projection({ s: S, tokens: [0, 1] }),
  attention: (b) => b.attention({ h: identity(2), wq: identity(2), wk: identity(2), wv: identity(2) }),
  multiHead: (b) =>
    b.multiHead({ h: identity(2), heads: [{ wq: identity(2), wk: identity(2), wv: identity(2) }], wo: identity(2) }),
};

describe('factory and backend', () => {
  test('the factory: name js, priority 0, always available', async () => {
    const factory = jsBackend();
    expect(factory.name).toBe('js');
    expect(factory.priority).toBe(0);
    await expect(factory.probe()).resolves.toEqual({ available: true });
    expect(jsBackend({ name: 'js-fallback' }).name).toBe('js-fallback');
    expect((await jsBackend({ name: 'js-fallback' }).create()).name).toBe('js-fallback');
  });

  test('capabilities: float32, one thread, every call supported', async () => {
    const backend = await createBackend();
    expect(backend.specVersion).toBe(SPEC_VERSION);
    expect(backend.name).toBe('js');
    expect(backend.capabilities.precision).toBe('float32');
    expect(backend.capabilities.threads).toBe(1);
    expect(backend.capabilities.supports('cooccurrence', { corpus: TOY_CORPUS, options: { window: 2 } })).toEqual({ ok: true });
    expect(backend.capabilities.supports('projection', { s: S, tokens: [0] })).toEqual({ ok: true });
  });

  test('holds nothing between calls', async () => {
    const backend = await createBackend();
    expect(backend.stats()).toEqual({ liveBuffers: 0, liveBytes: 0 });
    for (const call of Object.values(calls)) await call(backend);
    expect(backend.stats()).toEqual({ liveBuffers: 0, liveBytes: 0 });
  });

  test('dispose is idempotent and every later call rejects with DisposedError naming the op', async () => {
    const backend = await createBackend();
    await backend.dispose();
    await backend.dispose();
    for (const [op, call] of Object.entries(calls)) {
      const error: unknown = await call(backend).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DisposedError);
      expect(DprojError.isInstance(error)).toBe(true);
      expect((error as DisposedError).op).toBe(op);
      expect((error as DisposedError).message).toContain(op);
    }
  });

  test('inputs are never mutated', async () => {
    const backend = await createBackend();
    const next = random(1);
    const s = toCsr(S);
    const snapshot = (v: unknown): string => JSON.stringify(v, (_, x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as Float32Array) : x));
    const h = randomMatrix(4, 3, next);
    const attentionInput = {
      h,
      wq: randomMatrix(3, 2, next),
      wk: randomMatrix(3, 2, next),
      wv: randomMatrix(3, 2, next),
      mask: { kind: 'bias', bias: Float32Array.from({ length: 16 }, next) } as const,
    };
    const projectionInput = {
      s,
      tokens: [1, 0, 1],
      direction: 'symmetric',
      positional: { kind: 'kernel', kappa: [1, 0.5] },
      predict: { kind: 'topk', k: 2 },
    } as const;
    const before = [snapshot(TOY_CORPUS.docs), snapshot(projectionInput), snapshot(attentionInput)];
    await backend.cooccurrence(TOY_CORPUS, { window: 2, offsets: true });
    await backend.projection(projectionInput);
    await backend.projection({ s: S, q: fromRows([[1, 0, 0, 0, 0]]), direction: 'backward', predict: { kind: 'dense' } });
    await backend.attention({ ...attentionInput, returnWeights: true });
    await backend.multiHead({ h, heads: [attentionInput], wo: randomMatrix(2, 2, next), mask: attentionInput.mask });
    expect([snapshot(TOY_CORPUS.docs), snapshot(projectionInput), snapshot(attentionInput)]).toEqual(before);
    expect(toRows(S)[1]).toEqual([1, 0, 1, 1, 0.5]);
  });

  test('concurrent calls give the results of sequential ones', async () => {
    const backend = await createBackend();
    const sequential = [];
    for (const call of Object.values(calls)) sequential.push(await call(backend));
    const concurrent = await Promise.all(Object.values(calls).map((call) => call(backend)));
    expect(concurrent).toEqual(sequential);
  });

  test('attention and projection honour an aborted signal and report progress', async () => {
    const backend = await createBackend();
    const controller = new AbortController();
    controller.abort();
    await expect(
      backend.attention({ h: identity(2), wq: identity(2), wk: identity(2), wv: identity(2), signal: controller.signal }),
    ).rejects.toBe(controller.signal.reason);
    await expect(backend.projection({ s: S, tokens: [0], signal: controller.signal })).rejects.toBe(controller.signal.reason);

    const next = random(9);
    const h = randomMatrix(200, 4, next);
    const done: number[] = [];
    await backend.multiHead({
      h,
      heads: [
        { wq: randomMatrix(4, 2, next), wk: randomMatrix(4, 2, next), wv: randomMatrix(4, 2, next) },
        { wq: randomMatrix(4, 2, next), wk: randomMatrix(4, 2, next), wv: randomMatrix(4, 2, next) },
      ],
      wo: randomMatrix(4, 3, next),
      onProgress: (p) => {
        expect(p).toMatchObject({ op: 'multiHead', total: 400 });
        done.push(p.done);
      },
    });
    expect(done[done.length - 1]).toBe(400);
    expect(done.every((d, i) => i === 0 || d >= done[i - 1])).toBe(true);

    // A timer fires while a long call runs: the call yields and stops.
    const later = new AbortController();
    const big = randomMatrix(3000, 64, next);
    const w = randomMatrix(64, 64, next);
    const pending = backend.attention({ h: big, wq: w, wk: w, wv: w, signal: later.signal });
    setTimeout(() => later.abort(new Error('too slow')), 20);
    await expect(pending).rejects.toThrow('too slow');
  });
});
