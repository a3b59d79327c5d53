import type { Engine, OpName } from '@dproj/core';

/**
 * The backend that ran the last call of `op`: the chosen one, or the one the engine routed the call to
 * when the chosen backend declined its options (fallback `op`, recorded in `resolution.routes`).
 */
export function ranOn(engine: Engine, op: OpName): string {
  const routes = engine.resolution.routes.filter((r) => r.op === op);
  return routes.length === 0 ? engine.backend.name : routes[routes.length - 1]!.to;
}
