/** An RGB colour, each channel 0..255. */
export type Rgb = readonly [number, number, number];

/** The value range a heatmap maps to colours. */
export interface ColorDomain {
  readonly min: number;
  readonly max: number;
  /** True when the values have both signs: a diverging scale centred on 0. */
  readonly diverging: boolean;
}

const WHITE: Rgb = [255, 255, 255];
// Sequential ramp: white → light blue → deep blue → near-black navy, readable in print and for most
// colour-vision deficiencies (lightness decreases monotonically).
const SEQUENTIAL: readonly Rgb[] = [WHITE, [198, 219, 239], [66, 146, 198], [8, 69, 148], [8, 29, 88]];
// Diverging: red for negative, white at 0, blue for positive.
const NEGATIVE: readonly Rgb[] = [WHITE, [252, 187, 161], [239, 59, 44], [103, 0, 13]];
const POSITIVE: readonly Rgb[] = [WHITE, [158, 202, 225], [33, 113, 181], [8, 48, 107]];

/**
 * The range of the finite values in `values`: min, max, and whether the scale should diverge (some
 * values below 0 and some above). Non-finite values (−∞ of a masked cell, NaN) are ignored. With no
 * finite value the domain is [0, 1]; a one-signed domain always includes 0, so a constant positive
 * matrix is not painted as the darkest colour everywhere by accident of a zero-width range.
 */
export function colorDomain(values: ArrayLike<number>): ColorDomain {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: 0, max: 1, diverging: false };
  const diverging = min < 0 && max > 0;
  if (!diverging) {
    if (min >= 0) min = 0;
    if (max <= 0) max = 0;
  }
  if (min === max) max = min + 1;
  return { min, max, diverging };
}

function ramp(stops: readonly Rgb[], t: number): Rgb {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/**
 * The colour of `value` in `domain`. Sequential: t = (v − min)/(max − min) along a white-to-navy ramp.
 * Diverging: positive values t = v/max along white-to-blue, negative t = v/min along white-to-red, so
 * 0 is white and the colour's strength is proportional to |v| on each side. Values outside the domain
 * are clamped; a non-finite value (a masked cell) gets a light grey.
 */
export function colorFor(value: number, domain: ColorDomain): Rgb {
  if (!Number.isFinite(value)) return [230, 230, 230];
  if (domain.diverging) {
    return value >= 0 ? ramp(POSITIVE, value / domain.max) : ramp(NEGATIVE, value / domain.min);
  }
  return ramp(SEQUENTIAL, (value - domain.min) / (domain.max - domain.min));
}

/** `rgb(r, g, b)` for CSS and canvas. */
export function cssColor(rgb: Rgb): string {
  return `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
}

/**
 * Black or white, whichever reads better on `background` (by the WCAG relative luminance of the
 * sRGB colour, threshold 0.4), for numbers printed inside cells.
 */
export function textColorOn(background: Rgb): '#000' | '#fff' {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(background[0]) + 0.7152 * lin(background[1]) + 0.0722 * lin(background[2]);
  return l > 0.4 ? '#000' : '#fff';
}

/** A short, readable form of a cell value: 3 significant digits, exponent form beyond 1e±4. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : 'NaN';
  if (value === 0) return '0';
  const a = Math.abs(value);
  if (a >= 1e4 || a < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}
