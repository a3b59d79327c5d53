import type { TopK, Vocabulary } from '@dproj/core';
import { formatValue } from './color-scale.ts';
import { truncateLabel } from './truncate.ts';

/**
 * E's top-k words for each position as horizontal bars, one row per position; each bar's length is
 * its score over the row's highest score. The ids, words and scores are in `data-topk` as JSON.
 */
export function renderTopK(doc: Document, topk: TopK, labels: readonly string[], vocab: Vocabulary): HTMLElement {
  const box = doc.createElement('div');
  box.className = 'topk';
  const rows: { position: string; words: string[]; scores: number[] }[] = [];
  labels.forEach((label, i) => {
    const ids = Array.from(topk.ids.subarray(i * topk.k, (i + 1) * topk.k));
    const scores = Array.from(topk.scores.subarray(i * topk.k, (i + 1) * topk.k));
    const words = ids.map((id) => vocab.words[id] ?? `#${id}`);
    rows.push({ position: label, words, scores });
    const row = doc.createElement('div');
    row.className = 'topk-row';
    const head = doc.createElement('span');
    head.className = 'topk-position';
    head.textContent = truncateLabel(label, 14);
    head.title = label;
    row.append(head);
    const top = Math.max(...scores.map(Math.abs), Number.MIN_VALUE);
    words.forEach((word, r) => {
      const bar = doc.createElement('span');
      bar.className = 'bar';
      const fill = doc.createElement('span');
      fill.className = 'fill';
      fill.style.width = `${Math.max(2, (100 * Math.abs(scores[r]!)) / top)}%`;
      const text = doc.createElement('span');
      text.className = 'word';
      text.textContent = truncateLabel(word, 14);
      bar.title = `${word}: ${formatValue(scores[r]!)}`;
      bar.append(fill, text);
      row.append(bar);
    });
    box.append(row);
  });
  box.dataset.topk = JSON.stringify(rows);
  return box;
}
