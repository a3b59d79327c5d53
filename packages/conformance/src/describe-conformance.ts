import type { Availability, Backend, BackendFactory, Engine } from '@dproj/core';
import { createEngine } from '@dproj/core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { allCases } from './all-cases.ts';
import type { CaseContext } from './case.ts';
import { DEFAULT_CASE_TIMEOUT_MS } from './case.ts';
import { runCase } from './run-case.ts';
import { caseSeed, decideAvailability, planCases, resolveLevel } from './suite-plan.ts';
import type { Tolerance } from './tolerance.ts';
import { toleranceFor } from './tolerance.ts';

/** Options of `describeConformance`. */
export interface ConformanceOptions {
  /** Overrides of the tolerances derived from the backend's precision. */
  readonly tolerance?: Partial<Tolerance>;
  /** Cases to skip: case id → reason. An empty reason, or an id that matches no case, fails the suite. */
  readonly skip?: Readonly<Record<string, string>>;
  /** `modest` shrinks the large-size cases (software devices); default `CONFORMANCE_LEVEL`, else `full`. */
  readonly level?: 'full' | 'modest';
}

// Environment variables, where the host has them (Node); browsers run with none.
function environment(): Readonly<Record<string, string | undefined>> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

async function probe(factory: BackendFactory): Promise<Availability> {
  try {
    return await factory.probe();
  } catch (error) {
    // probe() must not throw; one that does is treated as a reason, so the suite still reports.
    return { available: false, reason: `probe() threw: ${error instanceof Error ? error.message : String(error)}` };
  }
}

interface Shared {
  readonly engine: Engine;
  readonly backend: Backend;
  readonly tol: Tolerance;
}

/**
 * Declares the conformance suite of one backend: one vitest `describe('conformance: <name>')` with one
 * test per case (golden values, random inputs against the float64 oracle, invariants, bad inputs, sizes,
 * lifecycle), each followed by a leak check. Call it at the top level of a test file:
 * `await describeConformance(jsBackend())`.
 *
 * The backend is probed while tests are collected: an unavailable one is skipped with its reason in
 * the title, unless `CONFORMANCE_REQUIRE` (comma-separated names, or `*`) names it, in which case the
 * suite fails with the reason. Cases share one engine (`createEngine({ backends: [factory],
 * prefer: [name], fallback: 'none' })`); lifecycle cases make their own.
 */
export async function describeConformance(factory: BackendFactory, options: ConformanceOptions = {}): Promise<void> {
  const env = environment();
  const level = resolveLevel(options.level, env.CONFORMANCE_LEVEL);
  const title = `conformance: ${factory.name}`;
  const decision = decideAvailability(factory.name, await probe(factory), env.CONFORMANCE_REQUIRE);

  if (decision.kind === 'skip') {
    describe.skip(`${title} — unavailable: ${decision.reason}`, () => {
      it('every case', () => undefined);
    });
    return;
  }
  if (decision.kind === 'fail') {
    describe(title, () => {
      it('backend is available (CONFORMANCE_REQUIRE)', () => {
        throw new Error(decision.reason);
      });
    });
    return;
  }

  const plan = planCases(allCases(), options.skip);
  describe(title, () => {
    let shared: Shared | undefined;
    beforeAll(async () => {
      // prefer: a negative-priority (opt-in) backend is a candidate only when named.
      const engine = await createEngine({ backends: [factory], prefer: [factory.name], fallback: 'none' });
      shared = { engine, backend: engine.backend, tol: toleranceFor(engine.backend.capabilities.precision, options.tolerance) };
    }, DEFAULT_CASE_TIMEOUT_MS);
    afterAll(async () => {
      await shared?.engine.dispose();
    });

    for (const problem of plan.problems) {
      it(problem.title, () => {
        throw new Error(problem.message);
      });
    }
    for (const entry of plan.entries) {
      const { id } = entry.case;
      if (entry.kind === 'skip') {
        it.skip(`${id} — skipped: ${entry.reason}`, () => undefined);
        continue;
      }
      it(
        id,
        async () => {
          if (shared === undefined) throw new Error(`no engine: creating backend '${factory.name}' failed (see beforeAll)`);
          const ctx: CaseContext = { ...shared, factory, seed: caseSeed(id), level };
          await runCase(entry.case, ctx);
        },
        entry.case.timeoutMs ?? DEFAULT_CASE_TIMEOUT_MS,
      );
    }
  });
}
