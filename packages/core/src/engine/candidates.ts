import { ValueError } from '../errors/errors.ts';
import type { BackendFactory } from '../types/backend.ts';
import type { FallbackPolicy } from '../types/engine.ts';

/**
 * The order in which the engine tries factories: the `prefer` names first, in their order; then,
 * unless the policy is strict, the remaining factories of non-negative priority, highest first (ties
 * keep the given order). A negative priority is opt-in: such a backend is tried only when preferred.
 * Under `none` only the first candidate is kept. An unknown preferred name is a ValueError that lists
 * the known ones.
 */
export function orderCandidates(
  factories: readonly BackendFactory[],
  prefer: readonly string[] | undefined,
  fallback: FallbackPolicy,
): BackendFactory[] {
  const byName = new Map<string, BackendFactory>();
  for (const f of factories) {
    if (byName.has(f.name)) {
      throw new ValueError(`engine: backends has two factories named '${f.name}'; names must be unique`, {
        op: 'engine',
        argument: 'backends',
      });
    }
    byName.set(f.name, f);
  }
  const preferred = (prefer ?? []).map((name, i) => {
    const f = byName.get(name);
    if (f === undefined) {
      const known = [...byName.keys()].map((k) => `'${k}'`).join(', ') || 'none';
      throw new ValueError(`engine: prefer[${i}] must name a known backend (${known}), got '${name}'`, {
        op: 'engine',
        argument: `prefer[${i}]`,
      });
    }
    return f;
  });
  const rest = factories
    .filter((f) => f.priority >= 0 && !preferred.includes(f))
    .map((f, index) => ({ f, index }))
    .sort((a, b) => b.f.priority - a.f.priority || a.index - b.index)
    .map(({ f }) => f);
  const all = [...new Set([...preferred, ...rest])];
  return fallback === 'none' ? all.slice(0, 1) : all;
}
