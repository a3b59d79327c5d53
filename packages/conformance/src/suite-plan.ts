import type { Availability } from '@dproj/core';
import type { ConformanceCase } from './case.ts';
import { hashString } from './cases/support/rng.ts';

/** What the suite does with a backend, given its probe and `CONFORMANCE_REQUIRE`. */
export type AvailabilityDecision =
  | { readonly kind: 'run' }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'fail'; readonly reason: string };

/**
 * Whether `CONFORMANCE_REQUIRE` (comma-separated backend names, or `*` for all) names a backend.
 * Blank entries are ignored, so `"js, wasm,"` names js and wasm.
 */
export function isRequired(name: string, requireEnv: string | undefined): boolean {
  const names = (requireEnv ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return names.includes('*') || names.includes(name);
}

/**
 * An available backend runs; an unavailable one is skipped with its reason, unless required, in which
 * case the suite fails with the reason (CI requires every backend its machine can run).
 */
export function decideAvailability(name: string, availability: Availability, requireEnv: string | undefined): AvailabilityDecision {
  if (availability.available) return { kind: 'run' };
  if (isRequired(name, requireEnv)) {
    return {
      kind: 'fail',
      reason: `backend '${name}' is required by CONFORMANCE_REQUIRE=${requireEnv ?? ''} but unavailable: ${availability.reason}`,
    };
  }
  return { kind: 'skip', reason: availability.reason };
}

/** One planned test: a case to run, or one skipped with its reason. */
export type PlannedCase =
  | { readonly kind: 'run'; readonly case: ConformanceCase }
  | { readonly kind: 'skip'; readonly case: ConformanceCase; readonly reason: string };

/** A problem with the suite's configuration, reported as a failing test of this title. */
export interface PlanProblem {
  readonly title: string;
  readonly message: string;
}

/** The tests of one suite. */
export interface CasePlan {
  readonly entries: readonly PlannedCase[];
  readonly problems: readonly PlanProblem[];
}

/**
 * Matches the skip list against the cases. A skip needs a non-empty reason; a skip naming no case is
 * stale and fails (`stale skip: <id>`), so skip lists shrink as backends improve; duplicate case ids fail.
 */
export function planCases(cases: readonly ConformanceCase[], skip: Readonly<Record<string, string>> = {}): CasePlan {
  const problems: PlanProblem[] = [];
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) problems.push({ title: `duplicate case id: ${c.id}`, message: `two cases share the id '${c.id}'` });
    ids.add(c.id);
  }
  for (const [id, reason] of Object.entries(skip)) {
    if (!ids.has(id)) {
      problems.push({ title: `stale skip: ${id}`, message: `the skip list names '${id}', which is no case: remove it` });
    } else if (typeof reason !== 'string' || reason.trim() === '') {
      problems.push({ title: `skip without a reason: ${id}`, message: `the skip of '${id}' needs a reason` });
    }
  }
  const entries = cases.map((c): PlannedCase => {
    const reason = Object.hasOwn(skip, c.id) ? skip[c.id]?.trim() : undefined;
    return reason ? { kind: 'skip', case: c, reason } : { kind: 'run', case: c };
  });
  return { entries, problems };
}

/** The suite level: the option, else `CONFORMANCE_LEVEL`, else `full`; anything else is an error. */
export function resolveLevel(option: 'full' | 'modest' | undefined, env: string | undefined): 'full' | 'modest' {
  const level = option ?? (env === undefined || env.trim() === '' ? 'full' : env.trim());
  if (level !== 'full' && level !== 'modest') {
    throw new Error(`conformance level must be 'full' or 'modest', got '${level}' (option level or CONFORMANCE_LEVEL)`);
  }
  return level;
}

/** The seed of a case: a stable hash of its id, so inputs do not shift when cases are added. */
export function caseSeed(id: string): number {
  return hashString(id);
}
