import { createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { splitSentences } from '@dproj/core';
import { type CorpusId, corpusDocuments } from '../corpora/corpora.ts';
import { type CoocWriter, fileWriter } from './text-writer.ts';

/** Where `dproj count` reads from: files, stdin (`-`), or a shipped corpus. */
export type InputSpec = { readonly kind: 'files'; readonly paths: readonly string[] } | { readonly kind: 'corpus'; readonly id: CorpusId };

/** Why an input cannot be read, as one line. */
export class InputError extends Error {}

/** Checks that every path (other than `-`) is a readable regular file; a clear message otherwise. */
export async function checkFiles(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    if (path === '-') continue;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new InputError(`cannot read ${path}: no such file`);
    }
    if (info.isDirectory()) throw new InputError(`cannot read ${path}: it is a directory; give the files in it`);
    if (!info.isFile()) throw new InputError(`cannot read ${path}: not a regular file`);
  }
}

/**
 * The files to count, one document per line: files are used as they are; stdin is spooled to a file
 * in `dir` first (the counter reads its input twice, and threads read byte ranges); a corpus is
 * written there one document per line. With `sentences`, every input is rewritten there as one
 * sentence per line (core's `splitSentences`, line breaks inside a sentence become spaces).
 */
export async function prepareInputs(
  spec: InputSpec,
  sentences: boolean,
  stdin: NodeJS.ReadableStream,
  dir: string,
  signal?: AbortSignal,
): Promise<string[]> {
  let files: string[];
  if (spec.kind === 'corpus') {
    const path = join(dir, `${spec.id}.txt`);
    const out = fileWriter(path);
    let batch: string[] = [];
    for await (const doc of corpusDocuments(spec.id)) {
      batch.push(doc);
      // Written in batches: one await per document would cost more than the writing.
      if (batch.length === 4096) {
        signal?.throwIfAborted();
        await out.write(`${batch.join('\n')}\n`);
        batch = [];
      }
    }
    if (batch.length > 0) await out.write(`${batch.join('\n')}\n`);
    await out.close();
    files = [path];
  } else {
    files = [];
    for (const [i, path] of spec.paths.entries()) {
      if (path !== '-') {
        files.push(path);
        continue;
      }
      const spool = join(dir, `stdin-${i}.txt`);
      await pipeline(stdin, createWriteStream(spool), signal === undefined ? {} : { signal });
      files.push(spool);
    }
  }
  if (!sentences) return files;
  const out = join(dir, 'sentences.txt');
  const writer = fileWriter(out);
  for (const file of files) {
    signal?.throwIfAborted();
    await writeSentences(file, writer);
  }
  await writer.close();
  return [out];
}

/**
 * Rewrites a file as one sentence per line, reading it in chunks: the last sentence of a chunk may
 * continue in the next, so it is carried over and split again with what follows.
 */
async function writeSentences(path: string, out: CoocWriter): Promise<void> {
  const file = await open(path, 'r');
  const decoder = new TextDecoder();
  const buffer = new Uint8Array(4 * 1024 * 1024);
  let carry = '';
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      const last = bytesRead === 0;
      const text = carry + (last ? decoder.decode() : decoder.decode(buffer.subarray(0, bytesRead), { stream: true }));
      const found = splitSentences(text);
      const keep = last || found.length === 0 ? 0 : 1;
      const done = found.slice(0, found.length - keep);
      // The carried sentence starts where its text last occurs: nothing but whitespace follows it.
      carry = keep === 1 ? text.slice(text.lastIndexOf(found[found.length - 1]!)) : last ? '' : text;
      if (found.length === 0 && !last && text.trim() === '') carry = '';
      if (done.length > 0) await out.write(`${done.map((s) => s.replace(/\s+/g, ' ')).join('\n')}\n`);
      if (last) break;
    }
  } finally {
    await file.close();
  }
}
