import type { BackendFactory } from '@dproj/core';
import { JsBackend } from './backend.ts';

/** The pure-TypeScript backend: always available; lowest priority of the real backends. */
export function jsBackend(options: { name?: string } = {}): BackendFactory {
  const name = options.name ?? 'js';
  return {
    name,
    priority: 0,
    probe: async () => ({ available: true }),
    create: async () => new JsBackend(name),
  };
}
