import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { referenceBackend } from '@dproj/conformance';
import type { Engine } from '@dproj/core';
import { createEngine } from '@dproj/core';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusData } from '../../src/compute/corpus-data.ts';
import { corpusDataFromFile } from '../../src/compute/corpus-data.ts';
import type { SentenceResult } from '../../src/compute/run-sentence.ts';
import { OperatorCache, runSentence } from '../../src/compute/run-sentence.ts';
import { encodeSentence } from '../../src/compute/sentence.ts';
import type { HeatmapData } from '../../src/render/heatmap.ts';
import { DEFAULT_STATE } from '../../src/state/url-state.ts';
import { startServer } from '../../scripts/serve.mjs';

// Debian's Chromium, never a downloaded one; --enable-unsafe-webgpu offers SwiftShader's adapter
// where there is no GPU. CHROMIUM_PATH points at another Chromium when needed.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const hasChromium = existsSync(CHROMIUM);
const root = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../../test-output/demo.png', import.meta.url));
const SENTENCE = 'the bank raised the interest rate on the loan';

let browser: Browser | undefined;
let server: { url: string; close: () => Promise<void> } | undefined;
let reference: { engine: Engine; data: CorpusData; cache: OperatorCache } | undefined;

/** The float64 reference backend over the very file the page loads, with the page's own settings. */
async function expected(text: string, data: CorpusData = reference!.data): Promise<SentenceResult> {
  const r = reference!;
  const s = DEFAULT_STATE;
  const { tokens } = encodeSentence(data.vocab, text, data.id);
  return runSentence(
    r.engine,
    data,
    r.cache,
    tokens,
    { transform: s.transform, direction: s.direction, positional: s.positional, causal: s.causal, rank: s.rank, heads: s.heads, k: 5, repeats: 0 },
    () => true,
  );
}

/** Waits until the page finished a run after `before` (its `data-run` counter moved on). */
async function settled(page: Page, before: number): Promise<'ready' | 'error'> {
  await page.waitForFunction((n) => Number(document.body.dataset.run ?? 0) > n && document.body.dataset.status !== 'busy', before, { timeout: 90_000, polling: 100 });
  return (await page.evaluate(() => document.body.dataset.status)) as 'ready' | 'error';
}

async function runCount(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.body.dataset.run ?? 0));
}

async function open(query: string): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 1400 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server!.url}${query}`);
  await settled(page, 0);
  await page.waitForFunction(() => document.body.dataset.probed === 'true', undefined, { timeout: 60_000 });
  expect(errors).toEqual([]);
  return page;
}

async function heatmap(page: Page, name: string): Promise<HeatmapData> {
  const json = await page.getAttribute(`[data-heatmap="${name}"]`, 'data-matrix');
  expect(json, `heatmap ${name} is on the page`).not.toBeNull();
  return JSON.parse(json!) as HeatmapData;
}

function expectClose(actual: readonly number[], wanted: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(wanted.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const excess = Math.abs(actual[i]! - wanted[i]!) - (2e-4 + 2e-4 * Math.abs(wanted[i]!));
    worst = Math.max(worst, excess);
  }
  expect(worst, `${what}: largest error beyond the float32 tolerance`).toBeLessThanOrEqual(0);
}

async function probeStates(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-probe]')].map((e) => [e.dataset.backend!, e.dataset.probe!])));
}

async function chosen(page: Page): Promise<string | null> {
  return page.getAttribute('.resolution', 'data-chosen');
}

describe.skipIf(!hasChromium && process.env.CI === undefined)('the demo page in Chromium', () => {
  beforeAll(async () => {
    expect(hasChromium, `${CHROMIUM} is missing (apt-get install chromium)`).toBe(true);
    await build({ root, logLevel: 'warn' });
    server = await startServer({ root: `${root}dist`, port: 0 });
    const data = corpusDataFromFile('sotu', new Uint8Array(readFileSync(`${root}dist/corpora/sotu.dpco`)));
    const factory = referenceBackend();
    reference = { engine: await createEngine({ backends: [factory], prefer: [factory.name], fallback: 'none' }), data, cache: new OperatorCache() };
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await reference?.engine.dispose();
  });

  it('serves the page cross-origin isolated, probes every backend and runs on auto', async () => {
    const response = await fetch(server!.url);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const page = await open('');
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    const probes = await probeStates(page);
    expect(probes).toMatchObject({ js: 'available', reference: 'available' });
    // CI has SwiftShader behind --enable-unsafe-webgpu and Chromium has SIMD128: webgpu, wasm and onnx must run there.
    if (process.env.CI !== undefined) expect(probes).toMatchObject({ webgpu: 'available', wasm: 'available', onnx: 'available' });
    expect(await page.evaluate(() => document.body.dataset.status)).toBe('ready');
    expect(await chosen(page)).toEqual(probes.webgpu === 'available' ? 'webgpu' : probes.wasm === 'available' ? 'wasm' : probes.onnx === 'available' ? expect.stringMatching(/^onnx-/) : 'js');
    await page.close();
  });

  it('switches backends without reloading and every one gives the reference M, E and attention', async () => {
    const page = await open(`?text=${encodeURIComponent(SENTENCE)}`);
    const want = await expected(SENTENCE);
    const probes = await probeStates(page);
    const names = Object.keys(probes).filter((n) => probes[n] === 'available');
    expect(names.length).toBeGreaterThanOrEqual(2);
    const url = page.url();
    for (const name of names) {
      const before = await runCount(page);
      await page.selectOption('#backend', name);
      expect(await settled(page, before), `${name} finished`).toBe('ready');
      expect(page.url(), 'no reload, the URL records the choice').toContain(`backend=${name}`);
      expect(await chosen(page)).toMatch(new RegExp(`^${name}`));
      const m = await heatmap(page, 'm');
      expect(m.rowLabels).toEqual(['the', 'bank', 'raised', 'the#2', 'interest', 'rate', 'on', 'the#3', 'loan']);
      expectClose(m.data, want.m.data, `M on ${name}`);
      for (let l = 0; l < want.weights.length; l++) expectClose((await heatmap(page, `head-${l + 1}`)).data, want.weights[l]!.data, `head ${l + 1} on ${name}`);
      const topk = JSON.parse((await page.getAttribute('.topk', 'data-topk'))!) as { words: string[] }[];
      expect(topk[1]!.words[0], `the top word of E at "bank" on ${name}`).toBe(reference!.data.vocab.words[want.topk.ids[5]!]);
      const timings = JSON.parse((await page.getAttribute('[data-timings]', 'data-timings'))!) as { op: string; backend: string }[];
      expect(timings.some((t) => t.op.startsWith('projection') && t.backend.startsWith(name))).toBe(true);
    }
    expect(page.url().split('?')[0]).toBe(url.split('?')[0]);
    await page.close();
  });

  it('shows the fallback when the chosen backend is unavailable', async () => {
    const page = await open('?backend=webgpu&disable=webgpu');
    const report = JSON.parse((await page.getAttribute('.resolution', 'data-resolution'))!) as {
      chosen: string;
      attempts: { backend: string; outcome: string; reason?: string }[];
      warnings: { code: string }[];
    };
    expect(report.attempts[0]).toMatchObject({ backend: 'webgpu', outcome: 'unavailable' });
    expect(report.attempts[0]!.reason).toContain('disable');
    expect(report.chosen).not.toBe('webgpu');
    expect(report.warnings.map((w) => w.code)).toContain('fallback-backend');
    expect(await page.locator('[data-warning="fallback-backend"]').isVisible()).toBe(true);
    expect(await probeStates(page)).toMatchObject({ webgpu: 'unavailable' });
    await page.close();
  });

  it('says clearly what is wrong with bad input or a failing backend, and leaves nothing half-drawn', async () => {
    const page = await open('?backend=js');
    const attempt = async (text: string): Promise<string> => {
      const before = await runCount(page);
      await page.fill('#text', text);
      await page.click('#run');
      expect(await settled(page, before)).toBe('error');
      expect(await page.locator('#results').isHidden()).toBe(true);
      expect(await page.locator('[data-heatmap]').count()).toBe(0);
      return (await page.textContent('#message')) ?? '';
    };
    expect(await attempt('   ')).toContain('Type a sentence');
    expect(await attempt('zzyzx qwfpgj')).toContain('None of the words');
    const before = await runCount(page);
    await page.fill('#text', SENTENCE);
    await page.click('#run');
    expect(await settled(page, before)).toBe('ready');
    await page.close();

    const failing = await open('?backend=js&fail=js');
    expect(await failing.evaluate(() => document.body.dataset.status)).toBe('error');
    expect(await failing.textContent('#message')).toMatch(/js backend failed during this run: .*failed on purpose/);
    expect(await failing.locator('[data-heatmap]').count()).toBe(0);
    await failing.close();
  });

  it('counts a corpus in the browser with progress, giving the same M as the shipped file', async () => {
    const page = await open(`?backend=js&corpus=brown&source=browser&text=${encodeURIComponent(SENTENCE)}`);
    expect(await page.evaluate(() => document.body.dataset.status)).toBe('ready');
    expect(await page.textContent('#count-text')).toMatch(/^counted [\d,]+ tokens on js/);
    const brown = corpusDataFromFile('brown', new Uint8Array(readFileSync(`${root}dist/corpora/brown.dpco`)));
    expectClose((await heatmap(page, 'm')).data, (await expected(SENTENCE, brown)).m.data, 'M from the in-browser count');
    // The in-browser count keeps C⁽ᵏ⁾, so the offset refinement is available now.
    const before = await runCount(page);
    await page.selectOption('#positional', 'offset');
    expect(await settled(page, before)).toBe('ready');
    await page.close();
  });

  it('truncates long sentences with a notice, compares all backends, and takes a screenshot', async () => {
    const long = Array.from({ length: 10 }, () => 'the state of the union is strong and the people are free').join(' ');
    const page = await open(`?backend=js&text=${encodeURIComponent(long)}`);
    expect(await page.textContent('#notices')).toContain('Showing the first 64 of 120 words');
    expect((await heatmap(page, 'm')).rows).toBe(64);
    const before = await runCount(page);
    await page.fill('#text', SENTENCE);
    await page.click('#run');
    expect(await settled(page, before)).toBe('ready');

    await page.click('#compare');
    await page.waitForSelector('[data-compare]', { timeout: 90_000 });
    const rows = JSON.parse((await page.getAttribute('[data-compare]', 'data-compare'))!) as {
      factory: string;
      maxDiffM?: number;
      maxDiffWeights?: number;
      problem?: string;
    }[];
    const probes = await probeStates(page);
    for (const row of rows) {
      if (probes[row.factory] !== 'available') continue;
      expect(row.problem, row.factory).toBeUndefined();
      expect(row.maxDiffM!, `${row.factory}: max |ΔM|`).toBeLessThan(1e-3);
      expect(row.maxDiffWeights!, `${row.factory}: max |ΔA|`).toBeLessThan(1e-4);
    }
    expect(rows.find((r) => r.factory === 'reference')?.maxDiffM).toBe(0);

    mkdirSync(fileURLToPath(new URL('.', `file://${SCREENSHOT}`)), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`screenshot: ${SCREENSHOT}`);
    expect(existsSync(SCREENSHOT)).toBe(true);
    await page.close();
  });
});
