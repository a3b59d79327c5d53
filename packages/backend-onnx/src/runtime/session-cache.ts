import type { OrtModule, OrtSession } from './ort-module.ts';

/**
 * Sessions by static key (operator + the attributes that shape its graph, never a size): a graph has
 * symbolic dimensions, so one session serves every size. Creation is cached as a promise, so concurrent
 * first calls share one session. Cached sessions are the backend's working set, not leaks: `stats()`
 * reports them apart from live tensors, and `releaseAll()` frees them.
 */
export class SessionCache {
  private readonly sessions = new Map<string, Promise<OrtSession>>();

  constructor(
    private readonly ort: OrtModule,
    /** The one execution provider every session is created with, so none can fall back silently. */
    private readonly executionProvider: string,
  ) {}

  /** The session of `key`, building its model with `build` the first time. */
  get(key: string, build: () => Uint8Array): Promise<OrtSession> {
    let session = this.sessions.get(key);
    if (session === undefined) {
      session = this.ort.InferenceSession.create(build(), { executionProviders: [this.executionProvider] });
      this.sessions.set(key, session);
      // A failed creation is not cached: the next call tries again and reports its own error.
      session.catch(() => this.sessions.delete(key));
    }
    return session;
  }

  /** Number of sessions held. */
  get size(): number {
    return this.sessions.size;
  }

  /** Releases every session; the cache is empty afterwards. */
  async releaseAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    const settled = await Promise.allSettled(all);
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.release() : undefined)));
  }
}
