import { describe, expect, it } from 'vitest';
import type { ConformanceCase } from '../src/case.ts';
import { caseSeed, decideAvailability, isRequired, planCases, resolveLevel } from '../src/suite-plan.ts';

const noop = async (): Promise<void> => undefined;
const cases: ConformanceCase[] = [
  { id: 'random/a', run: noop },
  { id: 'random/b', run: noop },
];

describe('CONFORMANCE_REQUIRE and availability', () => {
  const unavailable = { available: false as const, reason: 'no wasm simd' };

  it('runs an available backend whatever the environment', () => {
    expect(decideAvailability('wasm', { available: true }, undefined)).toEqual({ kind: 'run' });
    expect(decideAvailability('wasm', { available: true }, '*')).toEqual({ kind: 'run' });
  });

  it('skips an unavailable backend with its reason when not required', () => {
    expect(decideAvailability('wasm', unavailable, undefined)).toEqual({ kind: 'skip', reason: 'no wasm simd' });
    expect(decideAvailability('wasm', unavailable, 'js,webgpu')).toEqual({ kind: 'skip', reason: 'no wasm simd' });
    expect(decideAvailability('wasm', unavailable, '')).toEqual({ kind: 'skip', reason: 'no wasm simd' });
  });

  it('fails an unavailable backend that is named or covered by *', () => {
    for (const env of ['wasm', 'js, wasm', ' wasm ,', '*']) {
      const decision = decideAvailability('wasm', unavailable, env);
      expect(decision.kind).toBe('fail');
      expect(decision.kind === 'fail' && decision.reason).toContain('no wasm simd');
    }
  });

  it('matches names exactly, not as substrings', () => {
    expect(isRequired('wasm', 'wasm-threads')).toBe(false);
    expect(isRequired('onnx', 'onnx')).toBe(true);
  });
});

describe('skip lists', () => {
  it('plans a skipped case with its reason and runs the others', () => {
    const plan = planCases(cases, { 'random/b': 'driver bug #12' });
    expect(plan.problems).toEqual([]);
    expect(plan.entries.map((e) => e.kind)).toEqual(['run', 'skip']);
    expect(plan.entries[1]).toMatchObject({ kind: 'skip', reason: 'driver bug #12' });
  });

  it('reports a stale skip as a failing entry', () => {
    const plan = planCases(cases, { 'random/gone': 'was flaky' });
    expect(plan.problems.map((p) => p.title)).toEqual(['stale skip: random/gone']);
  });

  it('reports a skip without a reason and runs that case', () => {
    const plan = planCases(cases, { 'random/a': '  ' });
    expect(plan.problems.map((p) => p.title)).toEqual(['skip without a reason: random/a']);
    expect(plan.entries[0].kind).toBe('run');
  });

  it('reports duplicate case ids', () => {
    const plan = planCases([...cases, { id: 'random/a', run: noop }]);
    expect(plan.problems.map((p) => p.title)).toEqual(['duplicate case id: random/a']);
  });
});

describe('level and seeds', () => {
  it('takes the option, else the environment, else full', () => {
    expect(resolveLevel('modest', 'full')).toBe('modest');
    expect(resolveLevel(undefined, 'modest')).toBe('modest');
    expect(resolveLevel(undefined, undefined)).toBe('full');
    expect(resolveLevel(undefined, '')).toBe('full');
    expect(() => resolveLevel(undefined, 'huge')).toThrow(/full' or 'modest/);
  });

  it('derives a stable seed from the case id', () => {
    expect(caseSeed('random/a')).toBe(caseSeed('random/a'));
    expect(caseSeed('random/a')).not.toBe(caseSeed('random/b'));
    expect(Number.isInteger(caseSeed('x'))).toBe(true);
  });
});
