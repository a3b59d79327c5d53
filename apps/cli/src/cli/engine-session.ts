import { type Engine, type EngineWarning, createEngine } from '@dproj/core';
import { BACKENDS, type BackendEntry, lazyFactory, selectBackends } from './backend-registry.ts';

/** The engine of one command run: made on first use, disposed once at the end. */
export interface EngineSession {
  /** The engine, created on the first call (later calls share it). */
  engine(): Promise<Engine>;
  /** Disposes the engine if it was made; never throws. */
  dispose(): Promise<void>;
}

/**
 * An engine over the backends `--backend <name[,name]>` names (in that order of preference), or over
 * all four by priority when `spec` is undefined, then passing over a software GPU adapter. Fallback is `op`: an unavailable backend is passed
 * over and a call the chosen backend declines runs on the next capable one; both are recorded in the
 * engine's resolution, and `onWarning` hears of them.
 */
export function engineSession(
  spec: string | undefined,
  onWarning: (warning: EngineWarning) => void,
  registry: readonly BackendEntry[] = BACKENDS,
): EngineSession {
  // Resolve the names now, so an unknown backend is a usage error before any work starts.
  const entries = selectBackends(spec, registry);
  let made: Promise<Engine> | undefined;
  return {
    engine() {
      made ??= createEngine({
        // Only the default order passes over a software GPU; a backend named in --backend is used as it is.
        backends: entries.map((entry) => lazyFactory(entry, { refuseSoftwareAdapter: spec === undefined })),
        ...(spec === undefined ? {} : { prefer: entries.map((e) => e.name) }),
        fallback: 'op',
        onWarning,
      });
      return made;
    },
    async dispose() {
      if (made === undefined) return;
      try {
        await (await made).dispose();
      } catch {
        // The engine was never made (its error is the command's) or is already gone: nothing to release.
      }
    },
  };
}
