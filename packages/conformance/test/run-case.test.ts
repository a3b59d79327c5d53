import { describe, expect, it } from 'vitest';
import { referenceBackend } from '../src/reference-backend.ts';
import { runCase } from '../src/run-case.ts';
import { contextFor, wrapFactory } from './helpers.ts';

describe('the leak check after every case', () => {
  it('fails a passing case when the backend still holds buffers', async () => {
    let live = 0;
    const leaky = wrapFactory('leaky', referenceBackend(), (b) => ({
      specVersion: b.specVersion,
      name: 'leaky',
      capabilities: b.capabilities,
      cooccurrence: b.cooccurrence.bind(b),
      projection: async (input) => {
        live++;
        return b.projection(input);
      },
      attention: b.attention.bind(b),
      multiHead: b.multiHead.bind(b),
      stats: () => ({ liveBuffers: live, liveBytes: 64 * live }),
      dispose: b.dispose.bind(b),
    }));
    const ctx = await contextFor(leaky, 'leak/x');
    const leakingCase = { id: 'leak/x', run: async () => void (await ctx.engine.projection({ tokens: [0], s: { rows: 1, cols: 1, data: Float32Array.of(2) } })) };
    await expect(runCase(leakingCase, ctx)).rejects.toThrow(/leak: after leak\/x, backend 'leaky' holds 1 live buffers \(64 bytes\)/);
    // A later clean case is not blamed for the earlier leak.
    await expect(runCase({ id: 'leak/clean', run: async () => undefined }, ctx)).resolves.toBeUndefined();
    await ctx.engine.dispose();
  });

  it('passes a clean case and reports a failing case’s own error', async () => {
    const ctx = await contextFor(referenceBackend(), 'x/y');
    await expect(runCase({ id: 'x/ok', run: async () => undefined }, ctx)).resolves.toBeUndefined();
    await expect(runCase({ id: 'x/bad', run: async () => Promise.reject(new Error('wrong M')) }, ctx)).rejects.toThrow('wrong M');
    await ctx.engine.dispose();
  });
});
