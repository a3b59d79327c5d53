import { describe, expect, it } from 'vitest';
import { colorDomain, colorFor, cssColor, formatValue, textColorOn } from '../../src/render/color-scale.ts';

describe('colorDomain', () => {
  it('spans 0..max for non-negative values', () => {
    expect(colorDomain([0.5, 2, 1])).toEqual({ min: 0, max: 2, diverging: false });
  });
  it('diverges when values have both signs', () => {
    expect(colorDomain([-1, 3])).toEqual({ min: -1, max: 3, diverging: true });
  });
  it('includes 0 for all-negative values and ignores non-finite ones', () => {
    expect(colorDomain([-4, Number.NEGATIVE_INFINITY, -2, Number.NaN])).toEqual({ min: -4, max: 0, diverging: false });
  });
  it('gives a unit range for empty or all-zero input', () => {
    expect(colorDomain([])).toEqual({ min: 0, max: 1, diverging: false });
    expect(colorDomain([0, 0])).toEqual({ min: 0, max: 1, diverging: false });
  });
});

describe('colorFor', () => {
  const seq = colorDomain([0, 10]);
  it('is white at the minimum and darkest at the maximum', () => {
    expect(colorFor(0, seq)).toEqual([255, 255, 255]);
    expect(colorFor(10, seq)).toEqual([8, 29, 88]);
  });
  it('gets darker as the value grows (lightness is monotone)', () => {
    const lightness = (v: number): number => colorFor(v, seq).reduce((a, b) => a + b, 0);
    for (let v = 0; v < 10; v += 0.5) expect(lightness(v + 0.5)).toBeLessThanOrEqual(lightness(v));
  });
  it('clamps values outside the domain', () => {
    expect(colorFor(-5, seq)).toEqual(colorFor(0, seq));
    expect(colorFor(50, seq)).toEqual(colorFor(10, seq));
  });
  it('diverging: white at 0, blue above, red below', () => {
    const div = colorDomain([-2, 2]);
    expect(colorFor(0, div)).toEqual([255, 255, 255]);
    const [r, , b] = colorFor(2, div);
    expect(b).toBeGreaterThan(r);
    const [r2, , b2] = colorFor(-2, div);
    expect(r2).toBeGreaterThan(b2);
  });
  it('paints masked (non-finite) cells grey', () => {
    expect(colorFor(Number.NEGATIVE_INFINITY, seq)).toEqual([230, 230, 230]);
  });
});

describe('helpers', () => {
  it('cssColor writes rgb()', () => {
    expect(cssColor([1, 2, 3])).toBe('rgb(1, 2, 3)');
  });
  it('textColorOn picks black on light and white on dark', () => {
    expect(textColorOn([255, 255, 255])).toBe('#000');
    expect(textColorOn([8, 29, 88])).toBe('#fff');
  });
  it('formatValue keeps 3 significant digits and uses exponents for extremes', () => {
    expect(formatValue(0)).toBe('0');
    expect(formatValue(1.23456)).toBe('1.23');
    expect(formatValue(123456)).toBe('1.23e+5');
    expect(formatValue(0.0001234)).toBe('1.23e-4');
    expect(formatValue(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });
});
