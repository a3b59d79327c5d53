import { describe, expect, it } from 'vitest';
import {
  BackendUnavailableError,
  createEngine,
  DisposedError,
  DprojError,
  type EngineWarning,
  fromRows,
  orderCandidates,
  UnsupportedError,
  ValueError,
} from '../src/index.ts';
import { fakeBackend } from '../src/testing.ts';

const identity2 = fromRows([
  [1, 0],
  [0, 1],
]);
const attentionInput = { h: identity2, wq: identity2, wk: identity2, wv: identity2 };

describe('orderCandidates', () => {
  const a = fakeBackend({ name: 'a', priority: 1 });
  const b = fakeBackend({ name: 'b', priority: 5 });
  const c = fakeBackend({ name: 'c', priority: -1 });
  const d = fakeBackend({ name: 'd', priority: 5 });

  it('orders by priority, highest first, ties in the given order, and leaves out opt-in backends', () => {
    expect(orderCandidates([a, b, c, d], undefined, 'backend').map((f) => f.name)).toEqual(['b', 'd', 'a']);
  });

  it('puts preferred names first, opt-in ones included', () => {
    expect(orderCandidates([a, b, c, d], ['c', 'a'], 'backend').map((f) => f.name)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('keeps only the first candidate when strict', () => {
    expect(orderCandidates([a, b, c], ['a'], 'none').map((f) => f.name)).toEqual(['a']);
  });

  it('rejects an unknown preferred name, listing the known ones', () => {
    expect(() => orderCandidates([a, b], ['webgpu'], 'backend')).toThrow(/prefer\[0\].*'a', 'b'.*'webgpu'/);
  });

  it('rejects two factories with one name', () => {
    expect(() => orderCandidates([a, fakeBackend({ name: 'a' })], undefined, 'backend')).toThrow(ValueError);
  });
});

describe('createEngine', () => {
  it('chooses the highest-priority available backend without warnings', async () => {
    const engine = await createEngine({ backends: [fakeBackend({ name: 'low', priority: 0 }), fakeBackend({ name: 'high', priority: 9 })] });
    expect(engine.backend.name).toBe('high');
    expect(engine.resolution.chosen).toBe('high');
    expect(engine.resolution.attempts.map((a) => [a.backend, a.outcome])).toEqual([['high', 'chosen']]);
    expect(engine.warnings).toEqual([]);
    await engine.dispose();
  });

  it('falls back past an unavailable and a failing backend, and says so in a warning', async () => {
    const seen: EngineWarning[] = [];
    const engine = await createEngine({
      backends: [
        fakeBackend({ name: 'gpu', priority: 9, unavailable: 'no adapter' }),
        fakeBackend({ name: 'simd', priority: 5, createFails: 'instantiate failed' }),
        fakeBackend({ name: 'js', priority: 0 }),
      ],
      onWarning: (w) => seen.push(w),
    });
    expect(engine.backend.name).toBe('js');
    const attempts = engine.resolution.attempts;
    expect(attempts.map((a) => [a.backend, a.outcome, a.reason])).toEqual([
      ['gpu', 'unavailable', 'no adapter'],
      ['simd', 'failed', 'instantiate failed'],
      ['js', 'chosen', undefined],
    ]);
    expect(attempts.every((a) => a.ms >= 0)).toBe(true);
    expect(engine.warnings).toHaveLength(1);
    expect(engine.warnings[0]!.code).toBe('fallback-backend');
    expect(engine.warnings[0]!.message).toMatch(/gpu \(no adapter\).*simd \(instantiate failed\)/);
    expect(seen).toEqual(engine.warnings);
    await engine.dispose();
  });

  it('is strict under fallback none: an unavailable first choice rejects with every attempt', async () => {
    const gpu = fakeBackend({ name: 'gpu', priority: 9, unavailable: 'no adapter' });
    const js = fakeBackend({ name: 'js' });
    const error = await createEngine({ backends: [gpu, js], fallback: 'none' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).attempts.map((a) => a.backend)).toEqual(['gpu']);
    expect((error as Error).message).toMatch(/gpu: no adapter/);
    expect(js.log.probes).toBe(0);
  });

  it('refuses a backend built for another contract version', async () => {
    const error = await createEngine({ backends: [fakeBackend({ name: 'old', specVersion: 0 })] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toMatch(/contract version 0/);
  });

  it('uses an opt-in backend only when preferred', async () => {
    const optIn = fakeBackend({ name: 'reference', priority: -1 });
    await expect(createEngine({ backends: [optIn] })).rejects.toThrow(BackendUnavailableError);
    const engine = await createEngine({ backends: [optIn], prefer: ['reference'] });
    expect(engine.backend.name).toBe('reference');
    await engine.dispose();
  });

  it('rejects bad options with ValueError', async () => {
    await expect(createEngine({ backends: [] })).rejects.toThrow(ValueError);
    await expect(createEngine({ backends: [fakeBackend({ name: 'a' })], fallback: 'sometimes' as never })).rejects.toThrow(
      /fallback/,
    );
    await expect(createEngine({ backends: [fakeBackend({ name: 'a' })], prefer: ['b'] })).rejects.toThrow(/known backend \('a'\)/);
  });
});

describe('engine calls', () => {
  it('validates before dispatch: an invalid call never reaches the backend', async () => {
    const js = fakeBackend({ name: 'js' });
    const engine = await createEngine({ backends: [js] });
    const bad = { ...attentionInput, wq: fromRows([[1, 0]]) };
    await expect(engine.attention(bad)).rejects.toThrow(/attention: wq must be 2×d_k/);
    expect(js.log.calls).toEqual([]);
    await engine.attention(attentionInput);
    expect(js.log.calls).toEqual(['attention']);
    await engine.dispose();
  });

  it('routes a declined call to the next capable backend under fallback op, and records it', async () => {
    const fast = fakeBackend({
      name: 'fast',
      priority: 9,
      declines: (op, input) => (op === 'attention' && 'mask' in input && input.mask !== undefined ? 'masks not supported' : undefined),
    });
    const js = fakeBackend({ name: 'js', priority: 0 });
    const engine = await createEngine({ backends: [fast, js], fallback: 'op' });
    await engine.attention(attentionInput);
    expect(fast.log.calls).toEqual(['attention']);
    await engine.attention({ ...attentionInput, mask: { kind: 'causal' } });
    await engine.attention({ ...attentionInput, mask: { kind: 'causal' } });
    expect(js.log.calls).toEqual(['attention', 'attention']);
    expect(js.log.creates).toBe(1);
    expect(engine.resolution.routes).toEqual([
      { op: 'attention', from: 'fast', to: 'js', reason: 'masks not supported' },
      { op: 'attention', from: 'fast', to: 'js', reason: 'masks not supported' },
    ]);
    expect(engine.resolution.attempts.map((a) => [a.backend, a.outcome])).toEqual([
      ['fast', 'chosen'],
      ['js', 'routing'],
    ]);
    expect(engine.warnings.map((w) => w.code)).toEqual(['fallback-op', 'fallback-op']);
    await engine.dispose();
    expect(fast.log.disposals).toBe(1);
    expect(js.log.disposals).toBe(1);
  });

  it('throws UnsupportedError for a declined call when op routing is off, or when nobody can', async () => {
    const declineAll = () => 'never';
    const strict = await createEngine({ backends: [fakeBackend({ name: 'a', declines: declineAll })], fallback: 'backend' });
    await expect(strict.attention(attentionInput)).rejects.toThrow(UnsupportedError);
    await expect(strict.attention(attentionInput)).rejects.toThrow(/backend 'a' does not support this call: never/);
    const routed = await createEngine({
      backends: [fakeBackend({ name: 'a', priority: 1, declines: declineAll }), fakeBackend({ name: 'b', declines: declineAll })],
      fallback: 'op',
    });
    await expect(routed.attention(attentionInput)).rejects.toThrow(/no backend supports this call \(a: never; b: never\)/);
    await strict.dispose();
    await routed.dispose();
  });

  it('honours an aborted signal before dispatch', async () => {
    const js = fakeBackend({ name: 'js' });
    const engine = await createEngine({ backends: [js] });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(engine.attention({ ...attentionInput, signal: controller.signal })).rejects.toThrow('stop');
    expect(js.log.calls).toEqual([]);
    await engine.dispose();
  });

  it('disposes idempotently; later calls reject with DisposedError naming the operator', async () => {
    const js = fakeBackend({ name: 'js' });
    const engine = await createEngine({ backends: [js] });
    await engine.dispose();
    await engine.dispose();
    expect(js.log.disposals).toBe(1);
    const error = await engine.attention(attentionInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DisposedError);
    expect(DprojError.isInstance(error)).toBe(true);
    expect((error as DisposedError).op).toBe('attention');
  });

  it('supports await using through Symbol.asyncDispose', async () => {
    const js = fakeBackend({ name: 'js' });
    {
      const engine = await createEngine({ backends: [js] });
      await engine[Symbol.asyncDispose]();
    }
    expect(js.log.disposals).toBe(1);
  });
});
