import type { Attempt, Resolution } from '@dproj/core';
import { BACKENDS, type BackendEntry, adapterOf } from '../cli/backend-registry.ts';
import { noPositionals } from '../cli/option-values.ts';
import { writeJson, writeText } from '../cli/output.ts';
import type { Command } from './command.ts';

/** What probing one backend found. */
interface ProbeReport {
  readonly name: string;
  readonly priority: number;
  readonly available: boolean;
  readonly reason?: string;
  /** The created backend's name (e.g. onnx-wasm) and capabilities, when it could be made. */
  readonly backend?: string;
  readonly precision?: string;
  readonly threads?: number;
  /** The GPU adapter a GPU backend opened, e.g. "google / swiftshader / …", and whether it is software. */
  readonly adapter?: { readonly description: string; readonly software: boolean };
  /** Time to import, probe and create, in milliseconds. */
  readonly ms: number;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Imports, probes and (when available) creates one backend to read its capabilities; never throws. */
async function probe(entry: BackendEntry): Promise<ProbeReport> {
  const start = performance.now();
  const ms = (): number => Math.round(performance.now() - start);
  const base = { name: entry.name, priority: entry.priority };
  try {
    const factory = await entry.load();
    const availability = await factory.probe();
    if (!availability.available) return { ...base, available: false, reason: availability.reason, ms: ms() };
    const backend = await factory.create();
    try {
      const { precision, threads } = backend.capabilities;
      const adapter = adapterOf(backend);
      return { ...base, available: true, backend: backend.name, precision, threads, ...(adapter ? { adapter } : {}), ms: ms() };
    } finally {
      await backend.dispose();
    }
  } catch (error) {
    return { ...base, available: false, reason: message(error), ms: ms() };
  }
}

function probeTable(reports: readonly ProbeReport[]): string[] {
  const width = Math.max(...reports.map((r) => r.name.length));
  return reports.map((r) => {
    const head = `  ${r.name.padEnd(width)}  priority ${String(r.priority).padStart(2)}  `;
    if (!r.available) return `${head}unavailable: ${r.reason ?? 'no reason given'}`;
    const adapter = r.adapter === undefined ? '' : `, adapter ${r.adapter.description}${r.adapter.software ? ' (software)' : ''}`;
    return `${head}available as ${r.backend}, ${r.precision}, ${r.threads} thread${r.threads === 1 ? '' : 's'}${adapter} (${r.ms} ms)`;
  });
}

function attemptLine(a: Attempt): string {
  const reason = a.reason === undefined ? '' : `: ${a.reason}`;
  return `  ${a.backend}: ${a.outcome}${reason} (${Math.round(a.ms)} ms)`;
}

function resolutionLines(resolution: Resolution, spec: string | undefined): string[] {
  return [
    `Engine (${spec === undefined ? 'all backends, best first' : `--backend ${spec}`}): chose ${resolution.chosen}`,
    ...resolution.attempts.map(attemptLine),
  ];
}

/** `dproj backends`: every backend's probe, then how the engine resolves `--backend`. */
export const backendsCommand: Command = {
  name: 'backends',
  summary: "probe every backend and show which one the engine chooses for --backend",
  usage: '[--backend <name[,name]>] [--json]',
  description: [
    'Each backend is imported, probed and, when available, created once to read its capabilities',
    '(storage precision, threads). Then the engine is created as every other command creates it, and',
    'its resolution is printed: the backend it chose and every attempt on the way, with the reason',
    'for each backend passed over.',
    '',
    'Examples:',
    '  dproj backends',
    '  dproj backends --backend onnx,js --json',
  ].join('\n'),
  options: {},
  async run(context) {
    noPositionals(context);
    const reports: ProbeReport[] = [];
    // One at a time: probes of GPU and wasm runtimes compete for the same cores and would skew the times.
    for (const entry of BACKENDS) reports.push(await probe(entry));
    const engine = await context.engine();
    const resolution = engine.resolution;
    const spec = typeof context.values.backend === 'string' ? context.values.backend : undefined;
    if (context.json) {
      writeJson(context.io, { backends: reports, resolution });
      return 0;
    }
    writeText(context.io, ['Backends:', ...probeTable(reports), '', ...resolutionLines(resolution, spec)].join('\n'));
    return 0;
  },
};
