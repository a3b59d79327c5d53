import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { jsBackend } from '@dproj/backend-js';
import { buildCorpus, createEngine, decodeCooccurrence } from '@dproj/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../src/commands/command.ts';
import { countCommand } from '../src/commands/count.ts';

const TEXT = 'The union is strong.\nThe state of the union is strong\n\nour union, our state\n';

let dir: string;
let spill: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dproj-count-cmd-'));
  spill = join(dir, 'spill');
  await mkdir(spill);
  await writeFile(join(dir, 'small.txt'), TEXT);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Ran {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

function collector(): { stream: Writable; data: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, data: () => Buffer.concat(chunks) };
}

/** Runs `dproj count` in-process with the given positionals and option values. */
async function count(
  positionals: string[],
  values: Record<string, string | boolean>,
  options: { stdin?: string; json?: boolean; signal?: AbortSignal; isTTY?: boolean } = {},
): Promise<Ran> {
  const stdout = collector();
  const stderr = collector();
  const context: CommandContext = {
    positionals,
    values: { 'tmp-dir': spill, ...values },
    io: { stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from([options.stdin ?? '']), isTTY: options.isTTY ?? false },
    json: options.json ?? false,
    engine: () => Promise.reject(new Error('count needs no engine')),
    signal: options.signal ?? new AbortController().signal,
  };
  const code = await countCommand.run(context);
  return { code, stdout: stdout.data(), stderr: stderr.data().toString('utf8') };
}

describe('dproj count', () => {
  it('counts SOTU with no input at all and writes a dpco file', async () => {
    const out = join(dir, 'sotu.dpco');
    const ran = await count([], { out, quiet: true });
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe('');
    const { vocab, result } = decodeCooccurrence(new Uint8Array(await readFile(out)));
    expect(vocab.size).toBeGreaterThan(20_000);
    expect(vocab.words.slice(0, 3)).toEqual(['the', 'of', 'to']);
    expect(result.tokens).toBeGreaterThan(1_700_000);
    expect(result.settings).toMatchObject({ window: 10, weighting: 'harmonic', direction: 'symmetric' });
    expect(await readdir(spill)).toEqual([]);
  });

  it('gives the same file from a path and from stdin (-), with a summary on stderr', async () => {
    const file = join(dir, 'small.txt');
    const a = await count([file], { out: join(dir, 'a.dpco'), window: '3' });
    const b = await count(['-'], { out: join(dir, 'b.dpco'), window: '3' }, { stdin: TEXT });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(await readFile(join(dir, 'a.dpco'))).toEqual(await readFile(join(dir, 'b.dpco')));
    expect(a.stderr).toMatch(/count: 15 tokens, V = 7 \(of 7 words\), nnz = \d+, .* tokens\/s, peak RSS .*, 0 runs spilled, 1 thread → /);
  });

  it('writes mtx with a .vocab file beside it, and glove-bin with its vocabulary', async () => {
    const file = join(dir, 'small.txt');
    const out = join(dir, 'small.mtx');
    expect((await count([file], { out, format: 'mtx', quiet: true })).code).toBe(0);
    const mtx = (await readFile(out, 'utf8')).split('\n');
    expect(mtx[0]).toBe('%%MatrixMarket matrix coordinate real general');
    expect(await readFile(`${out}.vocab`, 'utf8')).toMatch(/^the 3\nunion 3\n/);
    const bin = join(dir, 'cooccurrence.bin');
    expect((await count([file], { out: bin, format: 'glove-bin', 'vocab-out': join(dir, 'vocab.txt'), quiet: true })).code).toBe(0);
    const records = await readFile(bin);
    expect(records.length % 16).toBe(0);
    expect(records.readInt32LE(0)).toBe(1);
    expect(await readFile(join(dir, 'vocab.txt'), 'utf8')).toMatch(/^the 3\n/);
  });

  it('with --out - writes only the file on stdout, and --json only the summary', async () => {
    const file = join(dir, 'small.txt');
    const ran = await count([file], { out: '-', format: 'json' });
    const doc = JSON.parse(ran.stdout.toString('utf8'));
    expect(doc.vocab[0]).toBe('the');
    expect(ran.stderr).toMatch(/→ stdout/);
    const summary = await count([file], { out: join(dir, 'j.dpco') }, { json: true });
    const s = JSON.parse(summary.stdout.toString('utf8'));
    expect(s).toMatchObject({ tokensRead: 15, vocabularySize: 7, spilledRuns: 0, threads: 1, format: 'dpco' });
    expect(s.peakRssBytes).toBeGreaterThan(0);
  });

  it('prints a redrawn bar on a terminal and plain lines elsewhere; --quiet prints nothing', async () => {
    const file = join(dir, 'small.txt');
    const tty = await count([file], { out: join(dir, 't.dpco') }, { isTTY: true });
    expect(tty.stderr).toContain('\r\u001b[2Kcount vocabulary');
    const plain = await count([file], { out: join(dir, 'p.dpco') });
    expect(plain.stderr).toMatch(/^count: vocabulary +\d+%/m);
    expect(plain.stderr).not.toMatch(/\r/);
    expect((await count([file], { out: join(dir, 'q.dpco'), quiet: true })).stderr).toBe('');
  });

  it('--documents sentence counts sentences as core does (documents: sentence)', async () => {
    const text = 'Mr. Smith went\nto Washington. He said: "no!" Then\n\nhe left?  The end\nof it.\n';
    const ran = await count(['-'], { out: '-', format: 'json', documents: 'sentence', window: '3', quiet: true }, { stdin: text });
    const doc = JSON.parse(ran.stdout.toString('utf8'));
    const corpus = await buildCorpus(text, { documents: 'sentence' });
    const engine = await createEngine({ backends: [jsBackend()] });
    try {
      const ref = await engine.cooccurrence(corpus, { window: 3 });
      expect(doc.vocab).toEqual(corpus.vocab.words);
      expect(doc.matrix.colIdx).toEqual(Array.from(ref.matrix.colIdx));
      expect(doc.matrix.values).toEqual(Array.from(ref.matrix.values));
    } finally {
      await engine.dispose();
    }
  });

  it('refuses bad input with one-line messages', async () => {
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '  ...  \n\n');
    const cases: [string[], Record<string, string | boolean>, RegExp][] = [
      [[join(dir, 'missing.txt')], {}, /cannot read .*missing\.txt: no such file/],
      [[dir], {}, /is a directory/],
      [[empty], {}, /no words to count/],
      [[join(dir, 'small.txt')], { 'min-count': '100' }, /no word occurs at least 100 times/],
      [[join(dir, 'small.txt')], { window: '0' }, /--window must be an integer ≥ 1, got '0'/],
      [[join(dir, 'small.txt')], { window: 'ten' }, /--window must be an integer/],
      [[join(dir, 'small.txt')], { memory: '1 parsec' }, /--memory must be a size such as 1GiB/],
      [[join(dir, 'small.txt')], { memory: '10KiB' }, /--memory must be at least 1MiB/],
      [[join(dir, 'small.txt')], { corpus: 'wiki' }, /--corpus must be one of sotu, brown/],
      [[join(dir, 'small.txt')], { format: 'csv' }, /--format must be one of dpco, mtx, glove-bin, json/],
      [[join(dir, 'small.txt')], { format: 'mtx', offsets: true }, /--offsets is stored by --format dpco or json/],
      [[join(dir, 'small.txt')], { out: join(dir, 'no-such-dir', 'x.dpco') }, /no-such-dir.x\.dpco: no such file or directory/],
    ];
    for (const [positionals, values, message] of cases) {
      const error = await count(positionals, { out: join(dir, 'x.dpco'), quiet: true, ...values }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error, String(message)).toBeInstanceOf(Error);
      expect(error!.message).toMatch(message);
      expect(error!.message).not.toContain('\n');
    }
    expect(await readdir(spill)).toEqual([]);
  });

  it('stops on abort and leaves no temporary files', async () => {
    const big = join(dir, 'big.txt');
    await writeFile(big, TEXT.repeat(600_000));
    const controller = new AbortController();
    const running = count([big], { out: join(dir, 'abort.dpco'), memory: '1MiB' }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('interrupted')), 200);
    await expect(running).rejects.toThrow(/interrupted/);
    expect(await readdir(spill)).toEqual([]);
  });

  it('the built CLI exits non-zero with one line and no stack trace for a missing file', async () => {
    const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const run = promisify(execFile);
    const failed = await run(process.execPath, [main, 'count', join(dir, 'nope.txt')]).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim().split('\n')[0]).toMatch(/^dproj: cannot read .*nope\.txt: no such file$/);
    expect(failed?.stderr).not.toMatch(/\n\s+at /);
  });
});
