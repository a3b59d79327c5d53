import { availableParallelism, tmpdir } from 'node:os';
import type { Weighting } from '@dproj/core';
import { UsageError } from '../cli/cli-error.ts';
import { optionalString as text } from '../cli/option-values.ts';
import type { CommandContext } from '../commands/command.ts';
import { CORPUS_IDS, type CorpusId, isCorpusId } from '../corpora/corpora.ts';
import { COOC_FORMATS, type CoocFormat } from '../formats/cooc-output.ts';
import { parseMemorySize } from './memory-size.ts';
import type { PairSettings } from './settings.ts';

/** `dproj count`'s options, checked. */
export interface CountOptions {
  readonly files: readonly string[];
  readonly corpus?: CorpusId;
  readonly out: string;
  readonly format: CoocFormat;
  readonly vocabOut?: string;
  readonly settings: PairSettings;
  readonly zeroDiagonal: boolean;
  readonly minCount: number;
  readonly maxVocab?: number;
  readonly lowercase: boolean;
  readonly sentences: boolean;
  readonly memory: number;
  readonly threads: number;
  readonly tmpDir: string;
  readonly quiet: boolean;
}

type Values = CommandContext['values'];

function integer(values: Values, name: string, min: number, fallback?: number): number | undefined {
  const raw = text(values, name);
  if (raw === undefined) return fallback;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${raw}'`);
  return value;
}

function choice<T extends string>(values: Values, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(values, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${raw}'`);
  return raw as T;
}

const EXTENSIONS: Readonly<Record<CoocFormat, string>> = { dpco: 'dpco', mtx: 'mtx', 'glove-bin': 'bin', json: 'json' };

/** Reads and checks the options; a `UsageError` (one line) for anything malformed. */
export function readCountOptions(context: CommandContext): CountOptions {
  const { values, positionals } = context;
  const corpusName = text(values, 'corpus');
  if (corpusName !== undefined && !isCorpusId(corpusName)) {
    throw new UsageError(`--corpus must be one of ${CORPUS_IDS.join(', ')}, got '${corpusName}'`);
  }
  if (corpusName !== undefined && positionals.length > 0) throw new UsageError('give input files or --corpus, not both');
  const corpus = corpusName === undefined && positionals.length === 0 ? 'sotu' : corpusName;
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError("stdin ('-') can be read only once");
  const format = choice(values, 'format', COOC_FORMATS, 'dpco');
  const base = corpus ?? (positionals[0] === '-' ? 'stdin' : (positionals[0]!.split(/[\\/]/).pop() ?? 'input').replace(/\.[^.]*$/, ''));
  const out = text(values, 'out') ?? `${base}.${EXTENSIONS[format]}`;
  const window = integer(values, 'window', 1, 10)!;
  if (window > 10_000) throw new UsageError(`--window must be at most 10000, got ${window}`);
  const offsets = values.offsets === true;
  if (offsets && (format === 'mtx' || format === 'glove-bin')) {
    throw new UsageError(`--offsets is stored by --format dpco or json, not ${format}`);
  }
  const vocabOut = text(values, 'vocab-out');
  if (format === 'glove-bin' && out === '-' && vocabOut === undefined) {
    throw new UsageError('--format glove-bin to stdout needs --vocab-out <file> for the vocabulary GloVe reads');
  }
  if (out === '-' && context.json) throw new UsageError('--json prints the summary on stdout; it cannot be combined with --out -');
  const memoryText = text(values, 'memory') ?? '1GiB';
  let memory: number;
  try {
    memory = parseMemorySize(memoryText);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const settings: PairSettings = {
    window,
    weighting: choice<Weighting>(values, 'weighting', ['harmonic', 'uniform'], 'harmonic'),
    direction: choice(values, 'direction', ['symmetric', 'forward'], 'symmetric'),
    offsets,
  };
  return {
    files: positionals,
    ...(corpus === undefined ? {} : { corpus }),
    out,
    format,
    ...(vocabOut === undefined ? {} : { vocabOut }),
    settings,
    zeroDiagonal: values['zero-diagonal'] === true,
    minCount: integer(values, 'min-count', 1, 1)!,
    ...(text(values, 'max-vocab') === undefined ? {} : { maxVocab: integer(values, 'max-vocab', 1)! }),
    lowercase: values['keep-case'] !== true,
    sentences: choice(values, 'documents', ['line', 'sentence'], 'line') === 'sentence',
    memory,
    threads: integer(values, 'threads', 1, Math.min(2, availableParallelism()))!,
    tmpDir: text(values, 'tmp-dir') ?? tmpdir(),
    quiet: values.quiet === true,
  };
}
