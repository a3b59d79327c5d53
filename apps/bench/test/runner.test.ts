import { describe, expect, it } from 'vitest';
import { plainJsAdapter } from '../src/peers/plain-js.mjs';
import type { Adapter } from '../src/runner.mjs';
import { runCase } from '../src/runner.mjs';
import type { CaseInput, CaseOutput, Workload } from '../src/workloads/case.mjs';
import { matmulCase } from '../src/workloads/matmul.mjs';

/** Wraps an adapter so that every run is counted. */
function counting(inner: Adapter, change?: (output: CaseOutput) => CaseOutput): { adapter: Adapter; runs: () => number } {
  let runs = 0;
  const adapter: Adapter = {
    ...inner,
    impl: 'dproj-under-test',
    prepare: async (workload: Workload, input: CaseInput) => {
      const prepared = await inner.prepare(workload, input);
      return {
        run: async () => {
          runs++;
          const output = await prepared.run();
          return change === undefined ? output : change(output);
        },
      };
    },
  };
  return { adapter, runs: () => runs };
}

const timing = { warmup: 2, runs: 3 };

describe('the correctness gate', () => {
  it('marks a wrong implementation wrong and never times it', async () => {
    // One wrong entry in a checked row (row 0 is always sampled).
    const { adapter, runs } = counting(plainJsAdapter(), (output) => {
      if (!('c' in output)) throw new Error('expected a matmul output');
      const c = output.c.slice();
      c[3] += 0.5;
      return { c };
    });
    const result = await runCase(adapter, matmulCase(24), timing);
    expect(result).toEqual({
      row: expect.objectContaining({ impl: 'dproj-under-test', medianMs: null, gflops: null, wrong: true }),
    });
    if (!('row' in result)) throw new Error('expected a row');
    expect(result.row.maxAbsErr).toBeCloseTo(0.5, 5);
    expect(runs()).toBe(1);
  });

  it('times a right implementation after its checked run and the warm-up', async () => {
    const { adapter, runs } = counting(plainJsAdapter());
    const result = await runCase(adapter, matmulCase(24), timing);
    if (!('row' in result)) throw new Error('expected a row');
    expect(result.row.wrong).toBeUndefined();
    expect(result.row.medianMs).toBeTypeOf('number');
    expect(result.row.gflops).toBeTypeOf('number');
    expect(result.row.maxAbsErr).toBeLessThan(1e-5);
    expect(runs()).toBe(1 + timing.warmup + timing.runs);
  });

  it('reports a non-finite answer as wrong', async () => {
    const { adapter } = counting(plainJsAdapter(), () => ({ c: new Float32Array(24 * 24).fill(Number.NaN) }));
    const result = await runCase(adapter, matmulCase(24), timing);
    expect(result).toEqual({ row: expect.objectContaining({ wrong: true, maxAbsErr: Number.POSITIVE_INFINITY }) });
  });

  it('turns an unsupported workload or a failure into a note, not a row', async () => {
    const plain = plainJsAdapter();
    const unsupported: Adapter = { ...plain, unsupported: () => 'no such operator' };
    expect(await runCase(unsupported, matmulCase(8), timing)).toEqual({
      note: { workload: 'matmul', size: 'n=8', impl: 'plain-js', threads: 1, reason: 'no such operator' },
    });
    const failing: Adapter = {
      ...plain,
      prepare: async () => ({
        run: async () => {
          throw new Error('out of memory');
        },
      }),
    };
    expect(await runCase(failing, matmulCase(8), timing)).toEqual({
      note: expect.objectContaining({ reason: 'failed: out of memory' }),
    });
  });
});
