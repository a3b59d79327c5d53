import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageReport } from './browser/page.ts';

// Debian's Chromium; with --enable-unsafe-webgpu it offers a WebGPU adapter (SwiftShader) without a GPU.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
// Without Chromium the test is skipped on a workstation, but fails in CI, where it must run.
const hasChromium = existsSync(CHROMIUM);
const ortDist = new URL('../node_modules/onnxruntime-web/dist/', import.meta.url).pathname;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

let server: Server | undefined;
let origin = '';
let bundle = '';
const userData = mkdtempSync(join(tmpdir(), 'dproj-chromium-'));

beforeAll(async () => {
  if (!hasChromium) return;
  const result = await build({
    entryPoints: [new URL('./browser/page.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    alias: { vitest: new URL('./browser/vitest-stub.ts', import.meta.url).pathname },
  });
  bundle = result.outputFiles[0].text;
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = (type: string, body: string | Buffer): void => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (path === '/') return send(TYPES['.html'], '<!doctype html><title>dproj onnx</title><script type="module" src="/page.js"></script>');
    if (path === '/page.js') return send(TYPES['.js'], bundle);
    const file = path.startsWith('/ort/') ? join(ortDist, path.slice('/ort/'.length)) : '';
    if (file !== '' && !file.includes('..') && existsSync(file)) return send(TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
  rmSync(userData, { recursive: true, force: true });
});

describe.skipIf(!hasChromium && process.env.CI === undefined)('in Chromium, on the webgpu execution provider', () => {
  it('passes the conformance cases (level modest), and webgpu is the provider that ran', async () => {
    expect(hasChromium, `${CHROMIUM} is missing (apt-get install chromium)`).toBe(true);
    const context = await chromium.launchPersistentContext(userData, { executablePath: CHROMIUM, headless: true, args: ARGS });
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => window.dprojReport !== undefined || window.dprojError !== undefined, undefined, { timeout: 280_000, polling: 500 });
      const error = await page.evaluate(() => window.dprojError);
      expect(error).toBeUndefined();
      const report = (await page.evaluate(() => window.dprojReport)) as PageReport;
      console.log(`browser: ${report.backend} on adapter ${report.adapter}: ${report.passed.length} passed, ${report.failed.length} failed in ${report.ms} ms`);
      expect(report.backend).toBe('onnx-webgpu');
      expect(report.skippedProviders).toEqual([]);
      expect(report.failed).toEqual([]);
      expect(report.passed.length).toBeGreaterThan(200);
    } finally {
      await context.close();
    }
  }, 300_000);
});
