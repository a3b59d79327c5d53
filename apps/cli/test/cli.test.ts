import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ValueError } from '@dproj/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, UsageError } from '../src/cli/cli-error.ts';
import { optionalChoice, optionalInteger, optionalNumber, requiredString } from '../src/cli/option-values.ts';
import type { Command, Io } from '../src/commands/command.ts';
import { COMMANDS, runCli } from '../src/index.ts';
import { coocBytes, run, tempDir, writeFixture } from './cli-fixture.ts';

const MAIN = join(import.meta.dirname, '..', 'dist', 'main.js');

/** Runs with custom commands, to reach the error paths no real command takes on purpose. */
async function runWith(commands: readonly Command[], argv: readonly string[], env: Record<string, string> = {}, signal?: AbortSignal) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const io: Io = { stdout, stderr, stdin: new PassThrough(), isTTY: false };
  const code = await runCli(argv, io, { commands, env, ...(signal ? { signal } : {}) });
  return { code, stdout: out, stderr: err };
}

const throwing = (error: unknown): Command => ({
  name: 'boom',
  summary: 'throws',
  usage: '',
  options: { level: { type: 'string', default: '3', help: 'a level' } },
  run: async () => {
    throw error;
  },
});

describe('dproj help and version', () => {
  it('lists every command with its summary', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name}  `.replace(/ {2}$/, ''));
    for (const c of COMMANDS) expect(r.stdout).toContain(c.summary);
    expect(r.stdout).toContain('--backend <name[,name]>');
  });

  it('prints help on stderr with exit 2 when no command is given', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: dproj <command>');
  });

  it("prints a command's usage, options with defaults, and description", async () => {
    for (const c of COMMANDS) {
      const r = await run([c.name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: dproj ${c.name}`);
      for (const name of Object.keys(c.options)) expect(r.stdout).toContain(`--${name}`);
      if (c.description !== undefined) expect(r.stdout).toContain(c.description.split('\n')[0]!);
    }
    const r = await run(['export', '-h']);
    expect(r.stdout).toMatch(/--transform <kind>.*default ppmi/);
  });

  it("takes 'dproj help <command>' for the command's help", async () => {
    const r = await run(['help', 'attend']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await run(['attend', '--help'])).stdout);
    expect((await run(['help', 'atend'])).stderr).toContain("Did you mean 'dproj attend'?");
  });

  it('prints the version of package.json', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('dproj usage errors (exit 2)', () => {
  it('names an unknown command and suggests a near one', async () => {
    const r = await run(['projct']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("dproj: unknown command 'projct'");
    expect(r.stderr).toContain("Did you mean 'dproj project'?");
  });

  it('names an unknown option and points to the command help', async () => {
    const r = await run(['project', '--cooc', 'x.dpco', '--txet', 'a']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("dproj: project: unknown option '--txet'");
    expect(r.stderr).toContain("Run 'dproj project --help' for usage.");
  });

  it('reports an option given without its value', async () => {
    const r = await run(['project', '--text', 'a', '--cooc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--cooc' needs a value");
  });

  it('refuses a stray argument, such as an unquoted --text', async () => {
    const r = await run(['project', '--cooc', 'x.dpco', '--text', 'we', 'the', 'people']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("dproj: unexpected argument 'the' (this command takes options only; quote a --text with spaces)");
  });

  it('reports a missing required option', async () => {
    const r = await run(['project', '--text', 'the cat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing required option --cooc <file>');
  });

  it('refuses an unknown backend, listing the known ones, before reading any file', async () => {
    const r = await run(['project', '--cooc', 'missing.dpco', '--text', 'a', '--backend', 'cuda']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown backend 'cuda'; known backends: webgpu, wasm, onnx, js");
  });

  it('takes global options before the command name', async () => {
    const r = await run(['--json', '--backend', 'js', 'backends']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).resolution.chosen).toBe('js');
  });
});

describe('error rendering', () => {
  it('prints a DprojError as one line with exit 1, and the stack only with DPROJ_DEBUG=1', async () => {
    const error = new ValueError('window must be ≥ 1');
    const quiet = await runWith([throwing(error)], ['boom']);
    expect(quiet).toMatchObject({ code: 1, stderr: 'dproj: window must be ≥ 1\n' });
    const loud = await runWith([throwing(error)], ['boom'], { DPROJ_DEBUG: '1' });
    expect(loud.code).toBe(1);
    expect(loud.stderr).toMatch(/^dproj: window must be ≥ 1\nValueError: window must be ≥ 1\n\s+at /);
  });

  it("uses a CliError's exit code and hint, and keeps a multi-line message on one line", async () => {
    const r = await runWith([throwing(new CliError('bad\n  thing', 3, 'try this'))], ['boom']);
    expect(r).toMatchObject({ code: 3, stderr: 'dproj: bad thing\ntry this\n' });
  });

  it('reports an unexpected error in one line without a stack trace', async () => {
    const r = await runWith([throwing(new TypeError('x is undefined'))], ['boom']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('dproj: unexpected error: x is undefined (set DPROJ_DEBUG=1 to see the stack trace)\n');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('ends with 130 when the signal aborts the command', async () => {
    const controller = new AbortController();
    const waiting: Command = {
      name: 'wait',
      summary: 'waits for the signal',
      usage: '',
      options: {},
      run: (context) =>
        new Promise((_, reject) => {
          context.signal.addEventListener('abort', () => reject(context.signal.reason));
          setTimeout(() => controller.abort(new Error('stop')), 10);
        }),
    };
    const r = await runWith([waiting], ['wait'], {}, controller.signal);
    expect(r).toMatchObject({ code: 130, stderr: 'dproj: interrupted\n' });
  });

  it("fills in an option's default", async () => {
    let seen: unknown;
    const probe: Command = {
      ...throwing(undefined),
      run: async (c) => {
        seen = c.values.level;
        return 0;
      },
    };
    const r = await runWith([probe], ['boom']);
    expect(r.code).toBe(0);
    expect(seen).toBe('3');
  });
});

describe('option values', () => {
  const values = { n: '12', bad: '1.5', word: 'x', f: '0.25', empty: '' };
  it('parses integers strictly, with their range', () => {
    expect(optionalInteger(values, 'n', 1)).toBe(12);
    expect(optionalInteger(values, 'missing', 1)).toBeUndefined();
    expect(() => optionalInteger(values, 'bad', 1)).toThrow(UsageError);
    expect(() => optionalInteger(values, 'word', 1)).toThrow("--word must be an integer, got 'x'");
    expect(() => optionalInteger(values, 'n', 1, 10)).toThrow('--n must be an integer in 1..10, got 12');
  });
  it('parses numbers, choices and required strings', () => {
    expect(optionalNumber(values, 'f')).toBe(0.25);
    expect(() => optionalNumber(values, 'f', { test: (v) => v > 1, expected: '> 1' })).toThrow('--f must be > 1, got 0.25');
    expect(() => optionalNumber(values, 'empty')).toThrow(UsageError);
    expect(optionalChoice(values, 'word', ['x', 'y'])).toBe('x');
    expect(() => optionalChoice(values, 'word', ['a', 'b'])).toThrow("--word must be one of a, b, got 'x'");
    expect(() => requiredString(values, 'empty')).toThrow('missing required option --empty');
  });
});

describe('dproj as a process (dist/main.js)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(() => cleanup());
  const spawn = (args: readonly string[]) => spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 60_000 });

  it('is built with its shebang', () => {
    expect(existsSync(MAIN)).toBe(true);
  });

  it('exits 1 with one line and no stack trace for a missing or damaged file', async () => {
    const missing = spawn(['project', '--cooc', join(dir, 'nope.dpco'), '--text', 'the cat']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^dproj: cannot read co-occurrence file '.*nope\.dpco': no such file\n$/);
    const bytes = await coocBytes();
    bytes[bytes.length - 10] ^= 0xff;
    const damaged = await writeFixture(dir, 'damaged.dpco', bytes);
    const r = spawn(['attend', '--cooc', damaged, '--text', 'the cat', '--dim', '2']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('checksum mismatch');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a usage error and 0 on success', async () => {
    expect(spawn(['export', '--bogus']).status).toBe(2);
    const path = await writeFixture(dir, 'ok.dpco', await coocBytes());
    const ok = spawn(['project', '--cooc', path, '--text', 'the cat sat', '--backend', 'js', '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).tokens).toEqual(['the', 'cat', 'sat']);
  });

  it('exits 130 on Ctrl-C (SIGINT) during a command', async () => {
    // 600 words × 150 dimensions of text is far more than a pipe holds, so while this test does not
    // read stdout the export is parked in the middle of writing: a deterministic moment to interrupt.
    const words = Array.from({ length: 600 }, (_, i) => `w${i}`);
    const lines = Array.from({ length: 400 }, (_, l) => Array.from({ length: 10 }, (_, i) => words[(l * 7 + i * i * 13) % 600]).join(' '));
    const path = await writeFixture(dir, 'wide.dpco', await coocBytes({}, lines.join('\n')));
    const { spawn: spawnAsync } = await import('node:child_process');
    const args = [MAIN, 'export', '--cooc', path, '--dim', '150', '--format', 'glove', '--out', '-', '--backend', 'js'];
    const child = spawnAsync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stdout.once('data', () => {
        child.stdout.pause();
        resolve();
      }),
    );
    child.kill('SIGINT');
    // Let it see the signal, then drain the pipe so its last write can finish and it can exit.
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.stdout.resume();
    expect(await exited).toBe(130);
    expect(err).toBe('dproj: interrupted\n');
  });
});
