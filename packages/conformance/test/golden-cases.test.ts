import { describe, expect, it } from 'vitest';
import { goldenCases } from '../src/cases/golden/index.ts';

// Structure only: the cases themselves run against backends in describeConformance.
const ID = /^(cooccurrence|projection|attention|multiHead)\/P([1-9][0-9]?)-[a-z0-9]+(-[a-z0-9]+)*$/;

describe('golden cases', () => {
  it('have well-formed ids: family/P<n>-<slug>', () => {
    const bad = goldenCases.map((c) => c.id).filter((id) => !ID.test(id));
    expect(bad).toEqual([]);
  });

  it('have unique ids', () => {
    const ids = goldenCases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('cover every property P1–P42 of SPEC part C, and no other', () => {
    const numbers = new Set(goldenCases.map((c) => Number(ID.exec(c.id)?.[2])));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
  });

  it('come in SPEC order', () => {
    const numbers = goldenCases.map((c) => Number(ID.exec(c.id)?.[2]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('are runnable cases', () => {
    for (const c of goldenCases) {
      expect(typeof c.run).toBe('function');
      if (c.timeoutMs !== undefined) expect(c.timeoutMs).toBeGreaterThan(0);
    }
  });
});
