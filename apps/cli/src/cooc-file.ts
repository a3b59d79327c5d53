import { readFile, stat } from 'node:fs/promises';
import { type CooccurrenceResult, DprojError, type Vocabulary, decodeCooccurrence } from '@dproj/core';
import { CliError } from './cli/cli-error.ts';

/** A co-occurrence file as read from disk: its vocabulary and result, and where it came from. */
export interface CoocFile {
  readonly path: string;
  readonly vocab: Vocabulary;
  readonly result: CooccurrenceResult;
}

/** Words for the system errors a user meets when naming a file. */
function systemReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return error.message;
  }
}

/**
 * Reads a dproj co-occurrence file (`.dpco`, written by `dproj count` or core's `encodeCooccurrence`).
 * Every problem is a one-line `CliError` naming the path: a missing file, a directory, a damaged or
 * foreign file (core's `FormatError` message), and a file with an empty vocabulary or no co-occurrence
 * at all, which no command can use.
 */
export async function readCoocFile(path: string): Promise<CoocFile> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`cannot read co-occurrence file '${path}': it is a directory`);
    if (!info.isFile()) throw new CliError(`cannot read co-occurrence file '${path}': not a regular file`);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read co-occurrence file '${path}': ${systemReason(error as NodeJS.ErrnoException)}`);
  }
  let decoded: ReturnType<typeof decodeCooccurrence>;
  try {
    decoded = decodeCooccurrence(bytes);
  } catch (error) {
    if (!DprojError.isInstance(error)) throw error;
    const reason = error.message.replace(/^decodeCooccurrence: /, '');
    throw new CliError(`'${path}' is not a usable co-occurrence file: ${reason}`);
  }
  const { vocab, result } = decoded;
  if (vocab.size === 0 || result.matrix.colIdx.length === 0) {
    throw new CliError(
      `co-occurrence file '${path}' is empty (${vocab.size} words, no co-occurring pairs); count a corpus with some text`,
    );
  }
  return { path, vocab, result };
}
