import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { jsBackend } from '@dproj/backend-js';
import { type CooccurrenceOptions, buildCorpus, createEngine, encodeCooccurrence } from '@dproj/core';
import type { Io } from '../src/commands/command.ts';
import { runCli } from '../src/index.ts';

/** A few sentences with repeated words, so S has structure and every test word is known. */
export const SENTENCES = [
  'the cat sat on the mat',
  'the dog sat on the log',
  'the cat chased the dog',
  'a dog and a cat sat together on the mat',
  'the people of the nation sat on the hill',
  'the nation of the people',
].join('\n');

/** A `.dpco` file's bytes, counted with core from `text` (one document per line). */
export async function coocBytes(options: Partial<CooccurrenceOptions> = {}, text = SENTENCES): Promise<Uint8Array> {
  const corpus = await buildCorpus(text);
  const engine = await createEngine({ backends: [jsBackend()] });
  try {
    const result = await engine.cooccurrence(corpus, { window: 2, ...options });
    return encodeCooccurrence(result, corpus.vocab);
  } finally {
    await engine.dispose();
  }
}

/** A temporary directory, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'dproj-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes a fixture file into `dir` and returns its path. */
export async function writeFixture(dir: string, name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** What one in-process run printed and returned. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function collect(stream: PassThrough): () => string {
  const parts: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => parts.push(chunk));
  return () => Buffer.concat(parts).toString('utf8');
}

/** Runs `dproj …argv` in-process with in-memory streams. */
export async function run(argv: readonly string[], signal?: AbortSignal): Promise<RunResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const io: Io = { stdout, stderr, stdin: new PassThrough(), isTTY: false };
  const code = await runCli(argv, io, { env: {}, ...(signal === undefined ? {} : { signal }) });
  return { code, stdout: out(), stderr: err() };
}
