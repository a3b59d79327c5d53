import type { Matrix } from '@dproj/core';
import { colorDomain, colorFor, cssColor, formatValue, textColorOn } from './color-scale.ts';
import { truncateLabel } from './truncate.ts';

/** What to draw: a matrix with labelled rows and columns. */
export interface HeatmapSpec {
  /** Identifies the heatmap in the DOM (`data-heatmap`) and names its PNG. */
  readonly name: string;
  readonly title: string;
  readonly matrix: Matrix;
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  /** A line under the title (what the cells are). */
  readonly caption?: string;
}

/** The JSON a heatmap carries in its `data-matrix` attribute, for tests and for copying. */
export interface HeatmapData {
  readonly rows: number;
  readonly cols: number;
  /** Row-major values as drawn. */
  readonly data: number[];
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
}

const LABEL_CHARS = 12;
const FONT = '12px system-ui, sans-serif';

/** Cell size in CSS pixels for an n-wide matrix: large for short sentences, at least 14 for long ones. */
export function cellSize(n: number): number {
  return Math.max(14, Math.min(40, Math.floor(560 / Math.max(1, n))));
}

/**
 * A `<figure>` with the heatmap drawn on a canvas (row labels left, column labels on top, rotated),
 * inside a scrolling box so long sentences stay readable; a colour legend; the value under the
 * pointer in the canvas's tooltip; an "Export PNG" button; and the numbers in `data-matrix`.
 */
export function renderHeatmap(doc: Document, spec: HeatmapSpec): HTMLElement {
  const { matrix: m } = spec;
  const figure = doc.createElement('figure');
  figure.className = 'heatmap';
  figure.dataset.heatmap = spec.name;
  const data: HeatmapData = { rows: m.rows, cols: m.cols, data: Array.from(m.data), rowLabels: spec.rowLabels, colLabels: spec.colLabels };
  figure.dataset.matrix = JSON.stringify(data);

  const caption = doc.createElement('figcaption');
  const title = doc.createElement('strong');
  title.textContent = spec.title;
  caption.append(title);
  if (spec.caption !== undefined) {
    const note = doc.createElement('span');
    note.className = 'caption';
    note.textContent = ` ${spec.caption}`;
    caption.append(note);
  }

  const domain = colorDomain(m.data);
  const canvas = drawCanvas(doc, spec, domain);
  const scroll = doc.createElement('div');
  scroll.className = 'scroll';
  scroll.append(canvas);

  const tools = doc.createElement('div');
  tools.className = 'tools';
  tools.append(legend(doc, domain));
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = 'Export PNG';
  button.dataset.export = spec.name;
  button.addEventListener('click', () => exportPng(doc, canvas, spec.name));
  tools.append(button);

  figure.append(caption, scroll, tools);
  return figure;
}

function drawCanvas(doc: Document, spec: HeatmapSpec, domain: ReturnType<typeof colorDomain>): HTMLCanvasElement {
  const { matrix: m } = spec;
  const cell = cellSize(Math.max(m.rows, m.cols));
  const canvas = doc.createElement('canvas');
  const measure = canvas.getContext('2d');
  if (measure === null) throw new Error('this browser gives no 2D canvas context');
  measure.font = FONT;
  const rowText = spec.rowLabels.map((l) => truncateLabel(l, LABEL_CHARS));
  const colText = spec.colLabels.map((l) => truncateLabel(l, LABEL_CHARS));
  const widest = (labels: string[]): number => Math.ceil(Math.max(20, ...labels.map((l) => measure.measureText(l).width))) + 8;
  const left = widest(rowText);
  const top = widest(colText);
  const width = left + m.cols * cell + 2;
  const height = top + m.rows * cell + 2;
  const ratio = Math.min(2, globalThis.devicePixelRatio || 1);
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${spec.title}: ${m.rows} by ${m.cols} heatmap`);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.font = FONT;
  ctx.fillStyle = '#222';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  rowText.forEach((label, i) => {
    ctx.fillText(label, left - 4, top + (i + 0.5) * cell);
  });
  ctx.save();
  ctx.textAlign = 'left';
  colText.forEach((label, j) => {
    ctx.save();
    ctx.translate(left + (j + 0.5) * cell, top - 4);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(label, 0, 0);
    ctx.restore();
  });
  ctx.restore();
  const showNumbers = cell >= 34;
  ctx.textAlign = 'center';
  ctx.font = '10px system-ui, sans-serif';
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j]!;
      const rgb = colorFor(v, domain);
      ctx.fillStyle = cssColor(rgb);
      ctx.fillRect(left + j * cell, top + i * cell, cell, cell);
      if (showNumbers) {
        ctx.fillStyle = textColorOn(rgb);
        ctx.fillText(formatValue(v), left + (j + 0.5) * cell, top + (i + 0.5) * cell);
      }
    }
  }
  ctx.strokeStyle = '#999';
  ctx.strokeRect(left - 0.5, top - 0.5, m.cols * cell + 1, m.rows * cell + 1);
  canvas.addEventListener('mousemove', (event) => {
    const j = Math.floor((event.offsetX - left) / cell);
    const i = Math.floor((event.offsetY - top) / cell);
    canvas.title =
      i >= 0 && i < m.rows && j >= 0 && j < m.cols
        ? `${spec.rowLabels[i]} → ${spec.colLabels[j]}: ${formatValue(m.data[i * m.cols + j]!)}`
        : '';
  });
  return canvas;
}

function legend(doc: Document, domain: ReturnType<typeof colorDomain>): HTMLElement {
  const box = doc.createElement('span');
  box.className = 'legend';
  const bar = doc.createElement('canvas');
  bar.width = 160;
  bar.height = 12;
  const ctx = bar.getContext('2d');
  if (ctx !== null) {
    for (let x = 0; x < bar.width; x++) {
      const v = domain.min + ((domain.max - domain.min) * x) / (bar.width - 1);
      ctx.fillStyle = cssColor(colorFor(v, domain));
      ctx.fillRect(x, 0, 1, bar.height);
    }
  }
  const lo = doc.createElement('span');
  lo.textContent = formatValue(domain.min);
  const hi = doc.createElement('span');
  hi.textContent = formatValue(domain.max);
  box.append(lo, bar, hi);
  return box;
}

function exportPng(doc: Document, canvas: HTMLCanvasElement, name: string): void {
  canvas.toBlob((blob) => {
    if (blob === null) return;
    const url = URL.createObjectURL(blob);
    const a = doc.createElement('a');
    a.href = url;
    a.download = `dproj-${name}.png`;
    doc.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }, 'image/png');
}
