import { describe, expect, it } from 'vitest';
import type { Row } from '../src/runner.mjs';
import { jsonRows, markdownTable, notesList, speedRatio } from '../src/table.mjs';

const row = (impl: string, medianMs: number | null, extra: Partial<Row> = {}): Row => ({
  workload: 'matmul',
  size: 'n=512',
  impl,
  threads: 1,
  medianMs,
  gflops: medianMs === null ? null : 268.4 / medianMs,
  maxAbsErr: 1e-5,
  ...extra,
});

describe('speedRatio', () => {
  it('is the reference time over the row time, and undefined when either was not timed', () => {
    expect(speedRatio({ medianMs: 10 }, { medianMs: 40 })).toBe(4);
    expect(speedRatio({ medianMs: null }, { medianMs: 40 })).toBeUndefined();
    expect(speedRatio({ medianMs: 10 }, { medianMs: null })).toBeUndefined();
    expect(speedRatio({ medianMs: 10 }, undefined)).toBeUndefined();
  });
});

describe('markdownTable', () => {
  const rows: Row[] = [
    row('dproj-wasm', 10),
    row('@tensorflow/tfjs-backend-wasm', 15),
    row('onnxruntime-web', 20),
    row('onnxruntime-web', 12, { threads: 2 }),
    row('plain-js', 250),
    row('dproj-broken', null, { maxAbsErr: 3, wrong: true }),
  ];
  const lines = markdownTable(rows).split('\n');

  it('has a header with the reference columns', () => {
    expect(lines[0]).toBe(
      '| workload | size | impl | threads | median ms | GFLOP/s | × fastest | × plain-js | × tfjs-wasm | × ort-wasm 1t | max abs err |',
    );
  });

  it('gives each row its speed relative to the fastest and to each reference peer', () => {
    expect(lines[2]).toBe('| matmul | n=512 | dproj-wasm | 1 | 10.00 | 26.84 | 1.00 | 25.00 | 1.50 | 2.00 | 1.0e-5 |');
    expect(lines[3]).toContain('| @tensorflow/tfjs-backend-wasm | 1 | 15.00 | 17.89 | 0.67 | 16.67 | 1.00 | 1.33 |');
  });

  it('compares with onnxruntime-web at 1 thread only, whatever its other rows', () => {
    expect(lines[5]).toContain('| onnxruntime-web | 2 | 12.00 | 22.37 | 0.83 | 20.83 | 1.25 | 1.67 |');
  });

  it('never shows a time or a ratio for a wrong row', () => {
    expect(lines[7]).toBe('| matmul | n=512 | dproj-broken | 1 | WRONG — not timed | — | — | — | — | — | 3.0e+0 |');
  });

  it('shows co-occurrence as tokens per second', () => {
    const [, , line] = markdownTable([
      row('dproj-js', 1000, { workload: 'cooccurrence', gflops: null, tokensPerSec: 1.8e6 }),
    ]).split('\n');
    expect(line).toContain('| 1000.00 | 1.80 Mtok/s | 1.00 | — | — | — |');
  });
});

describe('notesList', () => {
  it('puts one implementation and reason on one line with the workloads it skipped', () => {
    const text = notesList([
      { workload: 'projection-sotu', size: 'a', impl: 'onnxruntime-web', threads: 2, reason: 'no sparse' },
      { workload: 'cooccurrence', size: 'b', impl: 'onnxruntime-web', threads: 2, reason: 'no sparse' },
    ]);
    expect(text).toBe('- onnxruntime-web (2 threads): no sparse — projection-sotu, cooccurrence');
  });
});

describe('jsonRows', () => {
  it('has exactly the issue-4 fields, plus tokensPerSec and wrong where they apply', () => {
    const [timed, wrong, counted] = jsonRows([
      row('dproj-js', 20),
      row('dproj-broken', null, { maxAbsErr: Number.POSITIVE_INFINITY, wrong: true }),
      row('dproj-js', 1000, { workload: 'cooccurrence', gflops: null, tokensPerSec: 1.8e6 }),
    ]);
    expect(Object.keys(timed ?? {}).sort()).toEqual(
      ['gflops', 'impl', 'maxAbsErr', 'medianMs', 'size', 'threads', 'workload'].sort(),
    );
    expect(timed).toMatchObject({ workload: 'matmul', size: 'n=512', impl: 'dproj-js', threads: 1, medianMs: 20 });
    // JSON has no Infinity: a non-finite error is written as null, and the row says it was wrong.
    expect(wrong).toMatchObject({ medianMs: null, gflops: null, maxAbsErr: null, wrong: true });
    expect(counted).toMatchObject({ workload: 'cooccurrence', gflops: null, tokensPerSec: 1.8e6 });
    expect(JSON.parse(JSON.stringify(timed))).toEqual(timed);
  });
});
