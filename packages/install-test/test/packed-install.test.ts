import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The packages a user installs, as tarballs made by `pnpm pack` (workspace: ranges rewritten).
const PUBLISHED = ['core', 'conformance', 'backend-js', 'backend-onnx', 'backend-wasm', 'backend-webgpu'] as const;
const packagesDir = new URL('../..', import.meta.url).pathname;
const here = new URL('.', import.meta.url).pathname;
let project = '';

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'dproj-install-'));
  const tarballs: Record<string, string> = {};
  for (const name of PUBLISHED) {
    run('pnpm', ['pack', '--pack-destination', project], join(packagesDir, name));
    const file = readdirSync(project).find((f) => f.startsWith(`dproj-${name}-`) && f.endsWith('.tgz'));
    if (file === undefined) throw new Error(`pnpm pack made no tarball for ${name}`);
    tarballs[`@dproj/${name}`] = `file:./${file}`;
  }
  const vitestVersion = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).devDependencies.vitest;
  // onnxruntime-web is a peer dependency of the onnx backend: a user installs it beside it.
  const ortVersion = JSON.parse(readFileSync(join(packagesDir, 'backend-onnx', 'package.json'), 'utf8')).devDependencies['onnxruntime-web'];
  // The webgpu backend's Node runtime (Dawn) is an optional peer dependency: a user installs it alongside.
  const webgpuVersion = JSON.parse(readFileSync(join(packagesDir, 'backend-webgpu', 'package.json'), 'utf8')).devDependencies.webgpu;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'scratch',
      private: true,
      type: 'module',
      dependencies: { ...tarballs, vitest: vitestVersion, 'onnxruntime-web': ortVersion, webgpu: webgpuVersion },
      // The tarballs depend on each other by version range; point those ranges at the tarballs too.
      overrides: tarballs,
    }),
  );
  copyFileSync(join(here, 'fixture-script.mjs'), join(project, 'script.mjs'));
  copyFileSync(join(here, 'fixture-conformance.test.mjs'), join(project, 'conformance.test.mjs'));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], project);
});

afterAll(() => {
  if (project !== '') rmSync(project, { recursive: true, force: true });
});

describe('the packed packages, installed outside the workspace', () => {
  it('install only what a user needs: no workspace links, no sources', () => {
    for (const name of PUBLISHED) {
      const manifest = JSON.parse(readFileSync(join(project, 'node_modules', '@dproj', name, 'package.json'), 'utf8'));
      expect(JSON.stringify(manifest.dependencies ?? {})).not.toContain('workspace:');
      expect(readdirSync(join(project, 'node_modules', '@dproj', name)).sort()).not.toContain('src');
    }
  });

  it('run a first script: count, project, and a typed error', () => {
    const out = JSON.parse(run('node', ['script.mjs'], project));
    expect(out.backend).toBe('js');
    expect(out.m).toEqual([
      [0, 1, 1.5],
      [1, 0, 1],
      [1.5, 1, 0],
    ]);
    expect(out.error).toBe('ValueError');
  });

  it('pass the conformance suite there', () => {
    const out = run('npx', ['vitest', 'run', '--reporter=json'], project);
    const report = JSON.parse(out.slice(out.indexOf('{')));
    expect(report.numFailedTests).toBe(0);
    // Four suites of about 218 cases each: js, onnx, wasm and webgpu all ran, none was skipped.
    expect(report.numPassedTests).toBeGreaterThan(800);
  });
});
