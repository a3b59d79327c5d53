import { UsageError } from '../cli/cli-error.ts';
import { optionalString as text } from '../cli/option-values.ts';
import type { CommandContext } from '../commands/command.ts';

/** Upper bound on a rank d: factorizations beyond this would take hours on a CPU. */
export const MAX_DIM = 2048;

/** The evaluation parameters a full run and a `--quick` run use unless told otherwise. */
export const DEFAULTS = {
  full: { maxVocab: 10_000, minCount: 5, window: 5, dims: [8, 16, 32, 64, 128, 256, 512], sentences: 200, maxDocuments: undefined, homographs: 6, sharedWords: 400 },
  quick: { maxVocab: 2_000, minCount: 2, window: 5, dims: [8, 16, 32, 64], sentences: 40, maxDocuments: 6_000, homographs: 3, sharedWords: 150 },
} as const;

/** The parsed options of `dproj evaluate`. */
export interface EvaluateOptions {
  readonly corpus: string | undefined;
  readonly file: string | undefined;
  readonly out: string;
  readonly quick: boolean;
  readonly maxVocab: number;
  readonly minCount: number;
  readonly window: number;
  readonly dims: readonly number[];
  readonly sentences: number;
  readonly maxDocuments: number | undefined;
  readonly seed: number;
  readonly homographs: number;
  readonly sharedWords: number;
}

type Values = CommandContext['values'];

/** A decimal integer in [min, max]; "3.5", "1e3", "" and "12abc" are refused. */
export function parseInteger(name: string, raw: string, min: number, max: number): number {
  if (!/^\s*\d+\s*$/.test(raw)) throw new UsageError(`--${name} must be an integer, got '${raw}'`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer in ${min}..${max}, got ${raw.trim()}`);
  }
  return value;
}

/** `--dims 8,16,…`: distinct integers in 1..MAX_DIM, returned ascending. */
export function parseDims(raw: string): number[] {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) throw new UsageError(`--dims must be comma-separated integers such as 8,16,32, got '${raw}'`);
  const dims = parts.map((p) => parseInteger('dims', p, 1, MAX_DIM));
  return [...new Set(dims)].sort((a, b) => a - b);
}

/** Reads and checks every option of `dproj evaluate`; usage errors name the option and the bad value. */
export function parseEvaluateOptions(values: Values): EvaluateOptions {
  const quick = values.quick === true;
  const base = quick ? DEFAULTS.quick : DEFAULTS.full;
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(values, name);
    return raw === undefined ? fallback : parseInteger(name, raw, min, max);
  };
  const corpus = text(values, 'corpus');
  const file = text(values, 'file');
  if (corpus !== undefined && file !== undefined) throw new UsageError('give --corpus or --file, not both');
  if (file === '') throw new UsageError('--file needs a path');
  const maxVocab = integer('max-vocab', base.maxVocab, 10, 1_000_000);
  const rawDims = text(values, 'dims');
  const dims = rawDims === undefined ? [...base.dims] : parseDims(rawDims);
  const tooBig = dims.filter((d) => d > maxVocab);
  if (tooBig.length > 0) throw new UsageError(`--dims: d = ${tooBig.join(', ')} exceeds the vocabulary size --max-vocab ${maxVocab}`);
  const rawDocuments = text(values, 'max-documents');
  return {
    corpus: file === undefined ? (corpus ?? 'sotu') : undefined,
    file,
    out: text(values, 'out') ?? '.',
    quick,
    maxVocab,
    minCount: integer('min-count', base.minCount, 1, 1_000_000),
    window: integer('window', base.window, 1, 100),
    dims,
    sentences: integer('sentences', base.sentences, 2, 100_000),
    maxDocuments: rawDocuments === undefined ? base.maxDocuments : parseInteger('max-documents', rawDocuments, 1, Number.MAX_SAFE_INTEGER),
    seed: integer('seed', 1, 0, 2 ** 31 - 1),
    homographs: base.homographs,
    sharedWords: base.sharedWords,
  };
}

/** The command line that reproduces a run with these options (every parameter spelled out). */
export function commandLine(options: EvaluateOptions, backend: string | undefined): string {
  const source = options.file === undefined ? `--corpus ${options.corpus}` : `--file ${options.file}`;
  return [
    'dproj evaluate',
    source,
    options.quick ? '--quick' : '',
    `--max-vocab ${options.maxVocab}`,
    `--min-count ${options.minCount}`,
    `--window ${options.window}`,
    `--dims ${options.dims.join(',')}`,
    `--sentences ${options.sentences}`,
    options.maxDocuments === undefined ? '' : `--max-documents ${options.maxDocuments}`,
    `--seed ${options.seed}`,
    backend === undefined ? '' : `--backend ${backend}`,
    `--out ${options.out}`,
  ]
    .filter((part) => part !== '')
    .join(' ');
}
