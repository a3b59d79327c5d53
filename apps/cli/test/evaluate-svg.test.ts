import { describe, expect, it } from 'vitest';
import { barPlotSvg, escapeXml, linePlotSvg, niceTicks, tickLabel } from '../src/evaluate/svg-plot.ts';
import { wellFormedXmlRoot } from './evaluate-helpers.ts';

describe('linePlotSvg', () => {
  const plot = {
    title: 'error <vs> rank & "d"',
    xLabel: 'rank d',
    yLabel: 'relative error',
    logX: true,
    series: [
      { name: 'symmetric', points: [8, 16, 32].map((x) => ({ x, y: 1 / x })) },
      { name: "directional's", points: [{ x: 8, y: 0.5 }, { x: 16, y: Number.NaN }, { x: 32, y: 0.2 }], dashed: true },
    ],
  };

  it('writes well-formed SVG with escaped labels, one polyline per series and a marker per finite point', () => {
    const svg = linePlotSvg(plot);
    expect(wellFormedXmlRoot(svg)).toBe('svg');
    expect(svg).toContain('error &lt;vs&gt; rank &amp; &quot;d&quot;');
    expect(svg).toContain('directional&apos;s');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(5); // the NaN point is left out
    expect(svg).toContain('stroke-dasharray');
    for (const tick of ['8', '16', '32']) expect(svg).toContain(`>${tick}</text>`);
  });

  it('places larger values higher on the y axis', () => {
    const svg = linePlotSvg({ ...plot, logX: false, series: [{ name: 'up', points: [{ x: 0, y: 0 }, { x: 1, y: 10 }] }] });
    const [first, second] = /points="([^"]+)"/.exec(svg)![1]!.split(' ').map((p) => Number(p.split(',')[1]));
    expect(second!).toBeLessThan(first!);
  });

  it('refuses a plot without a drawable point', () => {
    expect(() => linePlotSvg({ ...plot, series: [{ name: 'none', points: [{ x: 1, y: Number.NaN }] }] })).toThrow(/no drawable point/);
  });
});

describe('barPlotSvg', () => {
  it('draws one bar per finite value with its label and marks missing ones n/a', () => {
    const svg = barPlotSvg({
      title: 'bars',
      yLabel: 'fraction',
      categories: ['a', 'b'],
      series: [
        { name: 's1', values: [0.25, 1] },
        { name: 's2', values: [Number.NaN, 0.5] },
      ],
      yRange: [0, 1],
    });
    expect(wellFormedXmlRoot(svg)).toBe('svg');
    expect(svg.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#/g)).toHaveLength(3);
    expect(svg).toContain('>n/a</text>');
    expect(svg).toContain('>0.25</text>');
  });

  it('refuses a series whose length differs from the categories', () => {
    expect(() => barPlotSvg({ title: 't', yLabel: 'y', categories: ['a'], series: [{ name: 's', values: [1, 2] }] })).toThrow(RangeError);
  });
});

describe('axis helpers', () => {
  it('chooses 1-2-5 steps covering the range and short labels', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 7)).toEqual([0, 2, 4, 6, 8]);
    expect(tickLabel(0.123456)).toBe('0.123');
    expect(tickLabel(20000)).toBe('2e4');
    expect(escapeXml(`<a href='x'>&</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;');
  });
});
