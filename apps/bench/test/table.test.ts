import { describe, expect, it } from 'vitest';
import { markdownTable } from '../src/table.mjs';

describe('markdownTable', () => {
  it('gives each row its speed relative to the fastest of its workload, and never times a wrong row', () => {
    const table = markdownTable([
      { workload: 'matmul', size: 'n=512', impl: 'dproj-js', threads: 1, medianMs: 200, gflops: 1.3, maxAbsErr: 1e-5 },
      { workload: 'matmul', size: 'n=512', impl: 'dproj-wasm', threads: 1, medianMs: 10, gflops: 27, maxAbsErr: 2e-5 },
      { workload: 'attention', size: 'n=512', impl: 'dproj-x', threads: 1, medianMs: null, gflops: null, maxAbsErr: 3, wrong: true },
    ]);
    const lines = table.split('\n');
    expect(lines[2]).toContain('| dproj-js | 1 | 200.00 | 1.30 | 0.05 |');
    expect(lines[3]).toContain('| dproj-wasm | 1 | 10.00 | 27.00 | 1.00 |');
    expect(lines[4]).toContain('WRONG — not timed');
  });
});
