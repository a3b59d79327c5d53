import { attentionCase } from './attention.mjs';
import { cooccurrenceCase } from './cooccurrence.mjs';
import { matmulCase } from './matmul.mjs';
import { mhaCase } from './mha.mjs';
import { PRESETS } from './presets.mjs';
import { denseProjectionCase, sotuProjectionCase } from './projection.mjs';

/**
 * Every case of a preset, in table order. Building the list is cheap: inputs are made on first load.
 * @param {keyof typeof PRESETS} presetName
 * @param {readonly string[]} [workloads] only these workloads (all when undefined)
 * @returns {import('./case.mjs').BenchCase[]}
 */
export function benchCases(presetName, workloads) {
  const p = PRESETS[presetName];
  const all = [
    ...p.matmul.map((n) => matmulCase(n)),
    ...p.attention.map((n) => attentionCase(n, p.d, false)),
    ...p.attention.map((n) => attentionCase(n, p.d, true)),
    mhaCase(p.mha),
    sotuProjectionCase(p.sotu, p.window),
    denseProjectionCase(p.dense),
    cooccurrenceCase(p.sotu, p.window),
  ];
  return workloads === undefined ? all : all.filter((c) => workloads.includes(c.workload));
}
