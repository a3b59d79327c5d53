import { createWriteStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { DprojError } from '@dproj/core';
import { CliError } from '../cli/cli-error.ts';
import { CORPUS_IDS, corpusDescription } from '../corpora/corpora.ts';
import { type CountOutcome, EmptyInputError, countCooccurrence } from '../counting/count-cooccurrence.ts';
import { type CountOptions, readCountOptions } from '../counting/count-options.ts';
import { InputError, checkFiles, prepareInputs } from '../counting/inputs.ts';
import { formatBytes } from '../counting/memory-size.ts';
import { ProgressReporter } from '../counting/progress.ts';
import { withWorkDir } from '../counting/work-dir.ts';
import { writeDpco } from '../formats/cooc-dpco.ts';
import { writeGloveBin } from '../formats/cooc-glove.ts';
import { writeJson } from '../formats/cooc-json.ts';
import { writeMtx } from '../formats/cooc-mtx.ts';
import { type CoocData, vocabFileText } from '../formats/cooc-output.ts';
import type { Command, CommandContext } from './command.ts';

/** What `dproj count` prints at the end (and, with --json, on stdout). */
export interface CountSummary {
  readonly out: string;
  readonly format: string;
  readonly tokensRead: number;
  readonly tokensCounted: number;
  readonly vocabularySize: number;
  readonly distinctWords: number;
  readonly nnz: number;
  readonly seconds: number;
  readonly tokensPerSecond: number;
  readonly phases: { readonly vocabulary: number; readonly pairs: number; readonly merge: number; readonly write: number };
  readonly peakRssBytes: number;
  /** CPU time of the process, all threads, user + system: on a shared machine it shows the work done. */
  readonly cpuSeconds: number;
  readonly memoryBudgetBytes: number;
  readonly spilledRuns: number;
  readonly threads: number;
}

async function writeOutput(options: CountOptions, context: CommandContext, data: CoocData): Promise<void> {
  const toStdout = options.out === '-';
  const stream = toStdout ? context.io.stdout : createWriteStream(options.out);
  const vocabPath = options.vocabOut ?? (toStdout ? undefined : `${options.out}.vocab`);
  if (options.format === 'dpco') await writeDpco(stream, data);
  else if (options.format === 'json') await writeJson(stream, data);
  else if (options.format === 'mtx') await writeMtx(stream, data, vocabPath === undefined);
  else await writeGloveBin(stream, data);
  if (!toStdout) {
    stream.end();
    await finished(stream);
  }
  if ((options.format === 'mtx' || options.format === 'glove-bin') && vocabPath !== undefined) {
    await writeFile(vocabPath, vocabFileText(data.vocab));
  }
}

function summaryLine(s: CountSummary): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  return (
    `count: ${n(s.tokensRead)} tokens, V = ${n(s.vocabularySize)} (of ${n(s.distinctWords)} words), nnz = ${n(s.nnz)}, ` +
    `${s.seconds.toFixed(2)} s, ${n(s.tokensPerSecond)} tokens/s, peak RSS ${formatBytes(s.peakRssBytes)}, ` +
    `${s.spilledRuns} runs spilled, ${s.threads} thread${s.threads === 1 ? '' : 's'} → ${s.out === '-' ? 'stdout' : s.out}`
  );
}

/** File-system error codes as words, for output and temporary files (inputs are checked first). */
const FS_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

/** Turns the counter's own failures into one-line CLI errors; anything else is passed on. */
function explain(error: unknown): unknown {
  if (error instanceof EmptyInputError || error instanceof InputError) return new CliError(error.message);
  if (error instanceof DprojError) return error;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && 'path' in error) {
    return new CliError(`${String(error.path)}: ${FS_ERRORS[error.code] ?? error.code}`);
  }
  return error;
}

/** `dproj count`: the co-occurrence operator of a corpus too large to hold, in bounded memory. */
export const countCommand: Command = {
  name: 'count',
  summary: 'count co-occurrences (S = F + Fᵀ, GloVe-style) of files, stdin or a shipped corpus, in bounded memory',
  usage: '[<files…|->] [--corpus sotu|brown] [options]',
  description: [
    'Reads the input twice (vocabulary, then pairs), one document per line (windows never cross a line),',
    'with the tokenizer and vocabulary rules of @dproj/core, and writes the co-occurrence operator of SPEC',
    'B.2. With no input it counts the State of the Union corpus. Stdin (-) is first spooled to a temporary',
    'file. Pair counts are held within --memory; beyond it sorted runs are spilled to a fresh directory',
    'under --tmp-dir and merged at the end; the directory is deleted on success, on error and on Ctrl-C.',
    'Corpora:',
    ...CORPUS_IDS.map((id) => `  ${id}: ${corpusDescription(id)}`),
    'Formats: dpco (dproj binary, default), mtx (Matrix Market, 1-based, vocabulary in <out>.vocab),',
    'glove-bin (GloVe cooccurrence.bin: int32, int32, float64, 1-based; vocabulary in <out>.vocab), json.',
    '',
    'Examples:',
    '  dproj count --corpus sotu -o sotu.dpco',
    '  dproj count --corpus brown --window 4 --min-count 5 --max-vocab 20000',
    '  dproj count big.txt --memory 512MiB --threads 2 --format glove-bin -o cooccurrence.bin',
    '  cat a.txt | dproj count - --format mtx -o a.mtx',
  ].join('\n'),
  options: {
    corpus: { type: 'string', value: '<sotu|brown>', help: 'count a shipped corpus (default sotu when no file is given)' },
    out: { type: 'string', short: 'o', value: '<file|->', help: 'output file, - for stdout (default <input>.<ext> here)' },
    format: { type: 'string', value: '<fmt>', help: 'dpco (default), mtx, glove-bin or json (small inputs)' },
    'vocab-out': { type: 'string', value: '<file>', help: 'vocabulary file for mtx and glove-bin (default <out>.vocab)' },
    window: { type: 'string', value: '<w>', help: 'window w: pairs at distance 1..w count (default 10)' },
    weighting: { type: 'string', value: '<f>', help: 'distance weight: harmonic (1/d, default) or uniform' },
    direction: { type: 'string', value: '<dir>', help: 'symmetric (S = F + Fᵀ, default) or forward (F)' },
    offsets: { type: 'boolean', help: 'also store the per-offset counts C(k), k = 1..w (dpco, json; held in memory)' },
    'zero-diagonal': { type: 'boolean', help: 'set S_aa = 0' },
    'min-count': { type: 'string', value: '<n>', help: 'keep words seen at least n times (default 1)' },
    'max-vocab': { type: 'string', value: '<n>', help: 'keep at most the n most frequent words' },
    'keep-case': { type: 'boolean', help: 'do not lower-case words' },
    documents: { type: 'string', value: '<line|sentence>', help: 'what a document is: a line (default) or a sentence' },
    memory: { type: 'string', value: '<size>', help: 'budget for pair counts, e.g. 1GiB (default), 256MiB' },
    threads: { type: 'string', value: '<n>', help: 'counting threads (default min(2, cores))' },
    'tmp-dir': { type: 'string', value: '<dir>', help: 'where spilled runs go (default the system temp dir)' },
    quiet: { type: 'boolean', short: 'q', help: 'no progress and no summary on stderr' },
  },
  async run(context) {
    const options = readCountOptions(context);
    const { io, signal } = context;
    const started = performance.now();
    if (!options.corpus) await checkFiles(options.files).catch((e: unknown) => Promise.reject(explain(e)));
    const tmp = await stat(options.tmpDir).catch(() => undefined);
    if (tmp === undefined || !tmp.isDirectory()) throw new CliError(`--tmp-dir ${options.tmpDir} is not a directory`);
    const progress = options.quiet ? undefined : new ProgressReporter(io.stderr, io.isTTY);
    let outcome: CountOutcome;
    try {
      outcome = await withWorkDir(options.tmpDir, async (dir) => {
        const spec = options.corpus ? ({ kind: 'corpus', id: options.corpus } as const) : ({ kind: 'files', paths: options.files } as const);
        const files = await prepareInputs(spec, options.sentences, io.stdin, dir, signal);
        signal.throwIfAborted();
        return countCooccurrence({
          files,
          lowercase: options.lowercase,
          minCount: options.minCount,
          ...(options.maxVocab === undefined ? {} : { maxVocab: options.maxVocab }),
          settings: options.settings,
          zeroDiagonal: options.zeroDiagonal,
          memory: options.memory,
          threads: options.threads,
          workDir: dir,
          signal,
          onProgress: (p) => progress?.update(p),
        });
      });
    } catch (error) {
      throw explain(error);
    } finally {
      progress?.done();
    }
    const writeStart = performance.now();
    await writeOutput(options, context, { vocab: outcome.vocab, result: outcome.result }).catch((e: unknown) => Promise.reject(explain(e)));
    const now = performance.now();
    const seconds = (now - started) / 1000;
    const { stats } = outcome;
    const usage = process.resourceUsage();
    const summary: CountSummary = {
      out: options.out,
      format: options.format,
      tokensRead: stats.tokensRead,
      tokensCounted: outcome.result.tokens,
      vocabularySize: outcome.vocab.size,
      distinctWords: stats.distinctWords,
      nnz: outcome.result.matrix.colIdx.length,
      seconds,
      tokensPerSecond: stats.tokensRead / seconds,
      phases: { ...stats.timings, write: now - writeStart },
      peakRssBytes: usage.maxRSS * 1024,
      cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      memoryBudgetBytes: options.memory,
      spilledRuns: stats.spills,
      threads: stats.threads,
    };
    if (context.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
    if (!options.quiet) io.stderr.write(`${summaryLine(summary)}\n`);
    return 0;
  },
};
