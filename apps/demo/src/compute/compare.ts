import type { BackendFactory } from '@dproj/core';
import { createEngine } from '@dproj/core';
import { maxAbsDiff } from './attention.ts';
import type { CorpusData } from './corpus-data.ts';
import type { OperatorCache, SentenceResult, SentenceSettings } from './run-sentence.ts';
import { runSentence } from './run-sentence.ts';

/** One backend's row of the comparison. */
export interface ComparisonRow {
  /** The factory asked for. */
  readonly factory: string;
  /** The backend that ran (e.g. `onnx-wasm`), or the factory's name when it failed. */
  readonly backend: string;
  readonly result?: SentenceResult;
  /** max |M − M_ref| over all entries. */
  readonly maxDiffM?: number;
  /** max |A − A_ref| over every head's weights. */
  readonly maxDiffWeights?: number;
  /** Why it did not run (unavailable, or the error it failed with). */
  readonly problem?: string;
}

/**
 * Runs the same sentence on every factory, one at a time, each in its own strict engine (fallback
 * `none`, so a row is that backend or an error), then compares M and the attention weights with the
 * row of `referenceName`. Unavailable backends get a row saying why. Every engine is disposed.
 */
export async function compareBackends(
  factories: readonly BackendFactory[],
  referenceName: string,
  data: CorpusData,
  cache: OperatorCache,
  tokens: Uint32Array,
  settings: SentenceSettings,
  onRow?: (done: number, total: number) => void,
): Promise<ComparisonRow[]> {
  const rows: ComparisonRow[] = [];
  let done = 0;
  for (const factory of factories) {
    const availability = await factory.probe();
    if (!availability.available) {
      rows.push({ factory: factory.name, backend: factory.name, problem: `unavailable: ${availability.reason}` });
    } else {
      let engine: Awaited<ReturnType<typeof createEngine>> | undefined;
      try {
        engine = await createEngine({ backends: [factory], prefer: [factory.name], fallback: 'none' });
        const result = await runSentence(engine, data, cache, tokens, settings, () => true);
        rows.push({ factory: factory.name, backend: result.backend, result });
      } catch (error) {
        rows.push({ factory: factory.name, backend: engine?.resolution.chosen ?? factory.name, problem: error instanceof Error ? error.message : String(error) });
      } finally {
        await engine?.dispose();
      }
    }
    onRow?.(++done, factories.length);
  }
  const reference = rows.find((r) => r.factory === referenceName)?.result;
  return rows.map((row) => {
    if (row.result === undefined || reference === undefined) return row;
    const weights = row.result.weights.map((w, l) => maxAbsDiff(w.data, reference.weights[l]?.data ?? []));
    return { ...row, maxDiffM: maxAbsDiff(row.result.m.data, reference.m.data), maxDiffWeights: Math.max(0, ...weights) };
  });
}
