import { GraphBuilder } from '../graphs/graph-builder.ts';
import type { OrtModule } from './ort-module.ts';

/** An execution provider that was asked for but could not run here, and why. */
export interface SkippedProvider {
  readonly provider: string;
  readonly reason: string;
}

/** The execution provider that runs every session, and the ones before it that failed. */
export interface ProviderResolution {
  readonly provider: string;
  readonly skipped: readonly SkippedProvider[];
}

function probeModel(): Uint8Array {
  const g = new GraphBuilder('probe');
  g.output('y', g.op('Add', [g.input('x', 'float', ['n']), g.float(1)]), 'float', ['n']);
  return g.build();
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The first of `providers` that can create a session, tried one at a time. onnxruntime given a list
 * (`['webgpu', 'wasm']`) falls back silently and does not say which provider it chose; a session
 * created with a single provider either runs on it or fails, so trying them in turn tells which one
 * runs. Every later session is created with that provider alone. Throws when none works.
 */
export async function resolveProvider(ort: OrtModule, providers: readonly string[]): Promise<ProviderResolution> {
  const skipped: SkippedProvider[] = [];
  const model = probeModel();
  for (const provider of providers) {
    try {
      const session = await ort.InferenceSession.create(model, { executionProviders: [provider] });
      const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1), [1]) });
      const y = (out.y.data as Float32Array)[0];
      await session.release();
      if (y !== 2) throw new Error(`a probe graph gave ${y} instead of 2`);
      return { provider, skipped };
    } catch (error) {
      skipped.push({ provider, reason: message(error) });
    }
  }
  throw new Error(`no execution provider works here (${skipped.map((s) => `${s.provider}: ${s.reason}`).join('; ')})`);
}

/**
 * The providers tried when none are given: `cpu` for onnxruntime-node (its native runtime has no wasm
 * provider), else webgpu first where the page has WebGPU, then wasm.
 */
export function defaultProviders(ort: OrtModule): string[] {
  if (ort.env?.versions?.node !== undefined) return ['cpu'];
  const gpu = (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu;
  return gpu === undefined ? ['wasm'] : ['webgpu', 'wasm'];
}
