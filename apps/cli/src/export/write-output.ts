import { once } from 'node:events';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../cli/cli-error.ts';
import type { Io } from '../commands/command.ts';

/** Pieces of an output file: text or bytes, produced one after another. */
export type Chunks = Iterable<string | Uint8Array>;

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOSPC') return 'no space left on the device';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes the chunks to stdout, waiting whenever the stream is full so memory stays bounded. Node
 * writes to a pipe synchronously on Linux, so `write` may never report a full stream; yielding to the
 * event loop after each chunk is what lets a Ctrl-C handler run and stop a long export.
 */
async function toStdout(chunks: Chunks, io: Io, signal: AbortSignal): Promise<void> {
  for (const chunk of chunks) {
    signal.throwIfAborted();
    if (!io.stdout.write(chunk)) await once(io.stdout, 'drain', { signal });
    await new Promise((resolve) => setImmediate(resolve));
  }
  signal.throwIfAborted();
}

/**
 * Writes the chunks to `path`, or to stdout for `-`. A file is written beside its destination under a
 * temporary name and renamed when complete, so an interrupted or failed export never leaves a
 * half-written file under the name asked for; the temporary file is removed on failure.
 */
export async function writeOutput(path: string, chunks: Chunks, io: Io, signal: AbortSignal): Promise<void> {
  if (path === '-') return toStdout(chunks, io, signal);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(temporary, 'w');
  } catch (error) {
    throw new CliError(`cannot write '${path}': ${reason(error)}`);
  }
  try {
    try {
      for (const chunk of chunks) {
        signal.throwIfAborted();
        if (typeof chunk === 'string') await handle.write(chunk);
        else await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    if (error instanceof CliError || signal.aborted) throw error;
    throw new CliError(`cannot write '${path}': ${reason(error)}`);
  }
}

/** Where the vocabulary of a `.npy` export goes: `x.npy` → `x.vocab.txt`, else the name + `.vocab.txt`. */
export function vocabPathFor(path: string): string {
  return path.endsWith('.npy') ? `${path.slice(0, -'.npy'.length)}.vocab.txt` : `${path}.vocab.txt`;
}
