import type { Engine } from '@dproj/core';
import { describe, expect, it } from 'vitest';
import { BACKENDS, adapterOf, lazyFactory, selectBackends } from '../src/cli/backend-registry.ts';
import { UsageError } from '../src/cli/cli-error.ts';
import { engineSession } from '../src/cli/engine-session.ts';
import { ranOn } from '../src/cli/ran-on.ts';
import { run } from './cli-fixture.ts';

describe('the backend registry', () => {
  it("knows each backend's name and priority as its factory declares them", async () => {
    expect(BACKENDS.map((b) => b.name)).toEqual(['webgpu', 'wasm', 'onnx', 'js']);
    for (const entry of BACKENDS) {
      const factory = await entry.load();
      expect({ name: factory.name, priority: factory.priority }).toEqual({ name: entry.name, priority: entry.priority });
    }
  });

  it('selects --backend names in the order given, and refuses unknown or repeated ones', () => {
    expect(selectBackends(undefined)).toBe(BACKENDS);
    expect(selectBackends('js, wasm').map((b) => b.name)).toEqual(['js', 'wasm']);
    expect(() => selectBackends('js,cuda')).toThrow(new UsageError("unknown backend 'cuda'; known backends: webgpu, wasm, onnx, js"));
    expect(() => selectBackends('js,js')).toThrow("--backend names 'js' twice");
    expect(() => selectBackends(',')).toThrow('--backend needs a name');
  });

  it('reports a backend whose package fails to load as unavailable, with the reason', async () => {
    const broken = lazyFactory({
      name: 'broken',
      priority: 1,
      description: 'cannot be imported',
      load: () => Promise.reject(new Error('Cannot find module x')),
    });
    expect(await broken.probe()).toEqual({ available: false, reason: 'cannot load the broken backend: Cannot find module x' });
  });

  it('passes over a software GPU adapter only when asked to, disposing it', async () => {
    let disposed = 0;
    const entry = {
      name: 'gpu',
      priority: 20,
      description: 'a GPU backend on a software adapter',
      load: async () => {
        const js = (await import('@dproj/backend-js')).jsBackend({ name: 'gpu' });
        return {
          ...js,
          create: async () => {
            const backend = await js.create();
            return Object.assign(Object.create(backend) as typeof backend, {
              adapter: { description: 'google / swiftshader', software: true },
              dispose: async () => {
                disposed += 1;
                await backend.dispose();
              },
            });
          },
        };
      },
    };
    await expect(lazyFactory(entry, { refuseSoftwareAdapter: true }).create()).rejects.toThrow(
      'software adapter (google / swiftshader) passed over; --backend gpu uses it',
    );
    expect(disposed).toBe(1);
    const kept = await lazyFactory(entry).create();
    expect(adapterOf(kept)).toEqual({ description: 'google / swiftshader', software: true });
    await kept.dispose();
    expect(adapterOf({})).toBeUndefined();
  });

  it('passes over a backend named in --backend that cannot load, and says so', async () => {
    const broken = { name: 'broken', priority: 30, description: 'fails', load: () => Promise.reject(new Error('no such module')) };
    const js = BACKENDS.find((b) => b.name === 'js')!;
    const warnings: string[] = [];
    const session = engineSession('broken,js', (w) => warnings.push(w.message), [broken, js]);
    const engine = await session.engine();
    expect(engine.resolution.chosen).toBe('js');
    expect(engine.resolution.attempts.map((a) => [a.backend, a.outcome])).toEqual([
      ['broken', 'unavailable'],
      ['js', 'chosen'],
    ]);
    expect(warnings).toEqual([expect.stringMatching(/using backend 'js' because broken \(cannot load the broken backend: no such module\)/)]);
    await session.dispose();
    expect(() => engineSession('gpu', () => undefined, [broken, js])).toThrow("unknown backend 'gpu'; known backends: broken, js");
  });

  it('makes the engine on first use only, honours the order of --backend, and disposes it', async () => {
    const session = engineSession('js,wasm', () => undefined);
    const engine = await session.engine();
    expect(await session.engine()).toBe(engine);
    expect(engine.resolution.chosen).toBe('js');
    await session.dispose();
    await expect(engine.projection({ tokens: [0], s: { rows: 1, cols: 1, data: new Float32Array([1]) } })).rejects.toThrow(/dispos/);
    await engineSession(undefined, () => undefined).dispose();
  });
});

describe('dproj backends', () => {
  it('prints every backend with its probe result, then the resolution', async () => {
    const r = await run(['backends', '--backend', 'wasm,js']);
    expect(r.code).toBe(0);
    for (const name of ['webgpu', 'wasm', 'onnx', 'js']) expect(r.stdout).toMatch(new RegExp(`^  ${name} +priority +\\d+  (available as|unavailable: )`, 'm'));
    expect(r.stdout).toMatch(/^ {2}js +priority {2}0 {2}available as js, float(32|64), \d+ threads? \(\d+ ms\)$/m);
    expect(r.stdout).toContain('Engine (--backend wasm,js): chose wasm');
    expect(r.stdout).toMatch(/^ {2}wasm: chosen \(\d+ ms\)$/m);
  });

  it('prints both as JSON with --json', async () => {
    const r = await run(['backends', '--json', '--backend', 'js']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      backends: { name: string; priority: number; available: boolean; precision?: string }[];
      resolution: { chosen: string; attempts: { backend: string; outcome: string }[] };
    };
    expect(report.backends.map((b) => b.name)).toEqual(['webgpu', 'wasm', 'onnx', 'js']);
    expect(report.backends.find((b) => b.name === 'js')).toMatchObject({ available: true, priority: 0 });
    // A GPU backend names the adapter it opened (on a machine without a GPU, SwiftShader, marked software).
    const webgpu = report.backends.find((b) => b.name === 'webgpu') as { available: boolean; adapter?: { description: string } };
    if (webgpu.available) expect(webgpu.adapter?.description).toMatch(/\S/);
    expect(report.resolution.chosen).toBe('js');
    expect(report.resolution.attempts).toEqual([expect.objectContaining({ backend: 'js', outcome: 'chosen' })]);
  });
});

describe('ranOn', () => {
  it('names the backend a routed call ran on, else the chosen one', () => {
    const engine = {
      backend: { name: 'wasm' },
      resolution: { chosen: 'wasm', attempts: [], routes: [{ op: 'attention', from: 'wasm', to: 'js', reason: 'declined' }] },
    } as unknown as Engine;
    expect(ranOn(engine, 'attention')).toBe('js');
    expect(ranOn(engine, 'projection')).toBe('wasm');
  });
});
