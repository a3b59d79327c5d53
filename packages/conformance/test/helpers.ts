import type { Backend, BackendFactory, Engine } from '@dproj/core';
import { createEngine } from '@dproj/core';
import type { CaseContext, ConformanceCase } from '../src/case.ts';
import { allCases } from '../src/all-cases.ts';
import { caseSeed } from '../src/suite-plan.ts';
import { toleranceFor } from '../src/tolerance.ts';

/** A factory of backends made by wrapping another factory's backends. */
export function wrapFactory(name: string, inner: BackendFactory, wrap: (backend: Backend) => Backend): BackendFactory {
  return { name, priority: -1, probe: () => inner.probe(), create: async () => wrap(await inner.create()) };
}

/** The context a suite would give a case, over a fresh engine of the factory. */
export async function contextFor(factory: BackendFactory, id: string): Promise<CaseContext & { engine: Engine }> {
  const engine = await createEngine({ backends: [factory], prefer: [factory.name], fallback: 'none' });
  return {
    engine,
    backend: engine.backend,
    factory,
    tol: toleranceFor(engine.backend.capabilities.precision),
    seed: caseSeed(id),
    level: 'modest',
  };
}

/** The case of that id. */
export function caseById(id: string): ConformanceCase {
  const c = allCases().find((k) => k.id === id);
  if (c === undefined) throw new Error(`no case ${id}`);
  return c;
}

/** Runs one case against a factory; resolves to the error it threw, or undefined. */
export async function runAgainst(factory: BackendFactory, id: string): Promise<Error | undefined> {
  const ctx = await contextFor(factory, id);
  try {
    await caseById(id).run(ctx);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    await ctx.engine.dispose();
  }
}
