import type { Engine } from '@dproj/core';
import type { ComparisonRow } from '../compute/compare.ts';
import type { OpTiming } from '../compute/timing.ts';
import { formatValue } from '../render/color-scale.ts';
import { el, formatMs, table } from './dom.ts';

/**
 * The engine's resolution report: which backend runs, every candidate tried (outcome, reason, time),
 * calls routed elsewhere, and warnings (a fallback is always one). The report is also in
 * `data-resolution` as JSON.
 */
export function renderResolution(doc: Document, engine: Engine): HTMLElement {
  const { resolution, warnings } = engine;
  const box = el(doc, 'div', { class: 'resolution', 'data-chosen': resolution.chosen });
  box.dataset.resolution = JSON.stringify({ chosen: resolution.chosen, attempts: resolution.attempts, routes: resolution.routes, warnings });
  box.append(el(doc, 'p', {}, 'Running on ', el(doc, 'strong', {}, resolution.chosen), '.'));
  box.append(
    table(
      doc,
      ['tried', 'outcome', 'reason', 'time'],
      resolution.attempts.map((a) => [a.backend, a.outcome, a.reason ?? '', formatMs(a.ms)]),
    ),
  );
  for (const route of resolution.routes) {
    box.append(el(doc, 'p', { class: 'notice' }, `${route.op} went from ${route.from} to ${route.to}: ${route.reason}`));
  }
  for (const warning of warnings) box.append(el(doc, 'p', { class: 'warning', 'data-warning': warning.code }, `Fallback: ${warning.message}`));
  return box;
}

/** Per-operator timings: the first call on a backend apart from the steady-state median. */
export function renderTimings(doc: Document, timings: readonly OpTiming[]): HTMLElement {
  const t = table(
    doc,
    ['operator', 'ran on', 'first call', 'steady state (median)'],
    timings.map((x) => [x.op, x.backend, x.firstMs === undefined ? 'warm already' : formatMs(x.firstMs), x.backend === 'host' ? '—' : `${formatMs(x.steadyMs)} (${x.runs} runs)`]),
  );
  t.dataset.timings = JSON.stringify(timings);
  return t;
}

/** The comparison table: times per backend and the largest difference to the reference. */
export function renderComparison(doc: Document, rows: readonly ComparisonRow[]): HTMLElement {
  const cells = rows.map((row) => {
    if (row.result === undefined) return [row.factory, row.backend, row.problem ?? '', '', '', '', ''];
    const [projection, attention] = row.result.timings.filter((t) => t.backend !== 'host');
    return [
      row.factory,
      row.backend,
      `${formatMs(projection?.firstMs)} / ${formatMs(projection?.steadyMs)}`,
      `${formatMs(attention?.firstMs)} / ${formatMs(attention?.steadyMs)}`,
      row.maxDiffM === undefined ? '—' : formatValue(row.maxDiffM),
      row.maxDiffWeights === undefined ? '—' : formatValue(row.maxDiffWeights),
      'ok',
    ];
  });
  const t = table(doc, ['backend', 'ran as', 'projection first / steady', 'multiHead first / steady', 'max |ΔM| vs reference', 'max |ΔA| vs reference', 'status'], cells);
  const box = el(doc, 'div', {}, t);
  box.dataset.compare = JSON.stringify(
    rows.map((r) => ({ factory: r.factory, backend: r.backend, maxDiffM: r.maxDiffM, maxDiffWeights: r.maxDiffWeights, problem: r.problem })),
  );
  return box;
}
