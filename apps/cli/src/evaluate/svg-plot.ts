/** One named line of a line plot. */
export interface LineSeries {
  readonly name: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  /** Draw dashed (e.g. a reference or bound beside a measurement). */
  readonly dashed?: boolean;
  /** Index into the palette; default the series' position (so two series can share a colour). */
  readonly color?: number;
}

/** A line plot: several series over one x axis. */
export interface LinePlot {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** Logarithmic x axis (base 2 ticks), e.g. for the rank d = 8 … 512. */
  readonly logX?: boolean;
  /** Logarithmic y axis (decade ticks); non-positive values are left out. */
  readonly logY?: boolean;
}

/** A grouped bar plot: for each category one bar per series. */
export interface BarPlot {
  readonly title: string;
  readonly yLabel: string;
  readonly categories: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
  /** Fixed y range, e.g. [0, 1] for fractions; default from the data and 0. */
  readonly yRange?: readonly [number, number];
}

const WIDTH = 640;
const HEIGHT = 400;
const MARGIN = { left: 70, right: 170, top: 40, bottom: 60 } as const;
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf', '#7f7f7f'];

/** Escapes the five XML special characters, so any label is safe inside an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** A number written short for an axis tick: 3 significant digits, no trailing zeros. */
export function tickLabel(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e4 || abs < 1e-3) return value.toExponential(0).replace('e+', 'e');
  return String(Number(value.toPrecision(3)));
}

/** A bar's value label: two decimals below 10 (narrow bars leave no room for more), else as a tick. */
export function barLabel(value: number): string {
  return Math.abs(value) < 10 ? value.toFixed(2) : tickLabel(value);
}

/** About `count` evenly spaced "nice" ticks (steps of 1, 2 or 5 × 10^k) from at or below lo to at or above hi. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  // From the last step at or below lo to the first at or above hi, so the ticks cover the data.
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  return Array.from({ length: last - first + 1 }, (_, k) => Number(((first + k) * step).toPrecision(12)));
}

interface Axis {
  readonly toPixel: (value: number) => number;
  readonly ticks: readonly number[];
}

function linearAxis(lo: number, hi: number, from: number, to: number): Axis {
  const ticks = niceTicks(lo, hi);
  const min = Math.min(lo, ticks[0]!);
  const max = Math.max(hi, ticks[ticks.length - 1]!);
  const span = max - min || 1;
  return { toPixel: (v) => from + ((v - min) / span) * (to - from), ticks };
}

function logAxis(lo: number, hi: number, from: number, to: number, base: number): Axis {
  const a = Math.floor(Math.log(lo) / Math.log(base) + 1e-9);
  const b = Math.max(a + 1, Math.ceil(Math.log(hi) / Math.log(base) - 1e-9));
  const ticks = Array.from({ length: b - a + 1 }, (_, k) => base ** (a + k));
  return { toPixel: (v) => from + ((Math.log(v) / Math.log(base) - a) / (b - a)) * (to - from), ticks };
}

function frame(title: string, xLabel: string, yLabel: string, body: string[]): string {
  const plotMidX = (MARGIN.left + WIDTH - MARGIN.right) / 2;
  const plotMidY = (MARGIN.top + HEIGHT - MARGIN.bottom) / 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    // The title element is the plot's accessible name (screen readers, and the tooltip in browsers).
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${plotMidX}" y="${HEIGHT - 15}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text x="18" y="${plotMidY}" text-anchor="middle" transform="rotate(-90 18 ${plotMidY})">${escapeXml(yLabel)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function legend(names: readonly { readonly name: string; readonly dashed?: boolean; readonly color?: number }[]): string[] {
  const x = WIDTH - MARGIN.right + 12;
  return names.flatMap((s, k) => {
    const y = MARGIN.top + 10 + k * 20;
    const dash = s.dashed === true ? ' stroke-dasharray="5 3"' : '';
    return [
      `<line x1="${x}" y1="${y}" x2="${x + 24}" y2="${y}" stroke="${COLORS[(s.color ?? k) % COLORS.length]}" stroke-width="2"${dash}/>`,
      `<text x="${x + 30}" y="${y + 4}" font-size="11">${escapeXml(s.name)}</text>`,
    ];
  });
}

const px = (v: number): string => v.toFixed(1);

/**
 * The SVG text of a line plot: axes with ticks, one polyline with markers per series, a legend on the
 * right. Non-finite points (and non-positive ones on a log axis) are left out rather than drawn at 0.
 * Throws `RangeError` when no series has a drawable point.
 */
export function linePlotSvg(plot: LinePlot): string {
  const drawable = (p: { x: number; y: number }): boolean =>
    Number.isFinite(p.x) && Number.isFinite(p.y) && (plot.logX !== true || p.x > 0) && (plot.logY !== true || p.y > 0);
  const all = plot.series.flatMap((s) => s.points.filter(drawable));
  if (all.length === 0) throw new RangeError(`line plot '${plot.title}' has no drawable point`);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const left = MARGIN.left;
  const right = WIDTH - MARGIN.right;
  const top = MARGIN.top;
  const bottom = HEIGHT - MARGIN.bottom;
  const xAxis = plot.logX === true ? logAxis(x0, x1, left, right, 2) : linearAxis(x0, x1, left, right);
  const yAxis =
    plot.logY === true ? logAxis(y0, y1, bottom, top, 10) : linearAxis(Math.min(0, y0), y1 === y0 ? y0 + 1 : y1, bottom, top);
  const body: string[] = [];
  for (const t of yAxis.ticks) {
    const y = px(yAxis.toPixel(t));
    body.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#ddd"/>`);
    body.push(`<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${tickLabel(t)}</text>`);
  }
  for (const t of xAxis.ticks) {
    const x = px(xAxis.toPixel(t));
    body.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${bottom}" stroke="#eee"/>`);
    body.push(`<text x="${x}" y="${bottom + 16}" text-anchor="middle">${tickLabel(t)}</text>`);
  }
  body.push(`<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#333"/>`);
  plot.series.forEach((s, k) => {
    const color = COLORS[(s.color ?? k) % COLORS.length];
    const points = s.points.filter(drawable).map((p) => `${px(xAxis.toPixel(p.x))},${px(yAxis.toPixel(p.y))}`);
    if (points.length === 0) return;
    const dash = s.dashed === true ? ' stroke-dasharray="5 3"' : '';
    body.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    for (const p of points) {
      const [cx, cy] = p.split(',');
      body.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${color}"/>`);
    }
  });
  body.push(...legend(plot.series));
  return frame(plot.title, plot.xLabel, plot.yLabel, body);
}

/**
 * The SVG text of a grouped bar plot: one group per category, one bar per series, the value written
 * above each bar. Non-finite values are drawn as no bar and labelled "n/a". Throws `RangeError` when a
 * series has a different number of values than there are categories.
 */
export function barPlotSvg(plot: BarPlot): string {
  for (const s of plot.series) {
    if (s.values.length !== plot.categories.length) {
      throw new RangeError(`bar plot '${plot.title}': series '${s.name}' has ${s.values.length} values for ${plot.categories.length} categories`);
    }
  }
  const finite = plot.series.flatMap((s) => s.values.filter(Number.isFinite));
  const [lo, hi] = plot.yRange ?? [Math.min(0, ...finite), Math.max(0, ...finite) || 1];
  const left = MARGIN.left;
  const right = WIDTH - MARGIN.right;
  const top = MARGIN.top;
  const bottom = HEIGHT - MARGIN.bottom;
  const yAxis = linearAxis(lo, hi, bottom, top);
  const body: string[] = [];
  for (const t of yAxis.ticks) {
    const y = px(yAxis.toPixel(t));
    body.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#ddd"/>`);
    body.push(`<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${tickLabel(t)}</text>`);
  }
  const groupWidth = (right - left) / Math.max(1, plot.categories.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, plot.series.length);
  const zero = yAxis.toPixel(0);
  plot.categories.forEach((category, c) => {
    const gx = left + c * groupWidth;
    body.push(`<text x="${px(gx + groupWidth / 2)}" y="${bottom + 16}" text-anchor="middle">${escapeXml(category)}</text>`);
    plot.series.forEach((s, k) => {
      const value = s.values[c]!;
      const x = gx + groupWidth * 0.1 + k * barWidth;
      const mid = px(x + barWidth / 2);
      if (!Number.isFinite(value)) {
        body.push(`<text x="${mid}" y="${px(zero - 4)}" text-anchor="middle" font-size="10">n/a</text>`);
        return;
      }
      const y = yAxis.toPixel(value);
      const [y0, h] = [Math.min(y, zero), Math.abs(y - zero)];
      body.push(`<rect x="${px(x)}" y="${px(y0)}" width="${px(barWidth)}" height="${px(h)}" fill="${COLORS[k % COLORS.length]}"/>`);
      body.push(`<text x="${mid}" y="${px(y0 - 4)}" text-anchor="middle" font-size="10">${barLabel(value)}</text>`);
    });
  });
  body.push(`<line x1="${left}" y1="${px(zero)}" x2="${right}" y2="${px(zero)}" stroke="#333"/>`);
  body.push(`<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#333"/>`);
  body.push(...legend(plot.series));
  return frame(plot.title, '', plot.yLabel, body);
}
