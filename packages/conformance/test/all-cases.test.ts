import { describe, expect, it } from 'vitest';
import { allCases } from '../src/index.ts';

describe('allCases', () => {
  const cases = allCases();

  it('has unique ids of the form family/slug', () => {
    const ids = cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9-]+\/[A-Za-z0-9-]+$/);
  });

  it('covers every family', () => {
    const families = new Set(cases.map((c) => c.id.split('/')[0]));
    for (const family of ['random', 'invariants', 'bad-inputs', 'sizes', 'lifecycle']) expect(families).toContain(family);
  });
});
