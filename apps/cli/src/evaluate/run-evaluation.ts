import { type Engine, buildCorpus } from '@dproj/core';
import { CliError } from '../cli/cli-error.ts';
import { prepare } from './prepare.ts';
import type { VectorsLoader } from './pretrained-vectors.ts';
import { type RunFacts, reportMarkdown } from './report.ts';
import { embeddingsSection } from './section-embeddings.ts';
import { homographSection } from './section-homographs.ts';
import { orderSection } from './section-order.ts';
import { proposition1Section } from './section-proposition1.ts';
import { rankSection } from './section-rank.ts';
import { sampleSentences, usableSentences } from './sentences.ts';
import type { EvaluationData, EvaluationSettings, PlotFile, SectionOutput, SectionResult } from './types.ts';

/** What `runEvaluation` needs besides the settings. */
export interface EvaluationInputs {
  readonly settings: EvaluationSettings;
  /** The corpus documents, one per line (windows do not cross lines). */
  readonly lines: readonly string[];
  readonly engine: Engine;
  readonly loadVectors: VectorsLoader;
  readonly signal: AbortSignal;
  /** Progress lines ("counting the corpus…"), for stderr. */
  readonly progress: (line: string) => void;
  /** The run's date as the report states it. */
  readonly now: () => Date;
}

/** The finished report: Markdown, its plots, and headline numbers per section. */
export interface Evaluation {
  readonly markdown: string;
  readonly plots: readonly PlotFile[];
  readonly facts: RunFacts;
  readonly sections: readonly SectionResult[];
}

/** Sentences the Proposition 1 harness runs on (each costs V′² projections for the basis). */
const HARNESS_SENTENCES = 20;

async function timed(title: string, progress: (line: string) => void, body: () => Promise<SectionOutput>): Promise<SectionResult> {
  progress(`${title}…`);
  const started = performance.now();
  const output = await body();
  return { ...output, title, seconds: (performance.now() - started) / 1000 };
}

/**
 * Counts the corpus with the engine (S and F), samples sentences, runs the five sections of the
 * fidelity report and assembles its Markdown. Throws what the engine or the factorizations throw;
 * section 5 reports (does not throw) when the pretrained vectors are missing.
 */
export async function runEvaluation(inputs: EvaluationInputs): Promise<Evaluation> {
  const { settings, lines, engine, signal, progress } = inputs;
  const started = performance.now();
  progress(`counting ${settings.corpus}: ${lines.length} documents…`);
  // Each line is one document ('text': a chunk is a document), so windows never cross sentences.
  const corpus = await buildCorpus(lines, {
    documents: 'text',
    maxSize: settings.maxVocab,
    minCount: settings.minCount,
    unknown: 'drop',
  });
  const counted = { window: settings.window, weighting: 'harmonic', signal } as const;
  const symmetric = await engine.cooccurrence(corpus, { ...counted, direction: 'symmetric' });
  const forward = await engine.cooccurrence(corpus, { ...counted, direction: 'forward' });
  const pool = usableSentences(lines, corpus.vocab);
  if (pool.length < 2) {
    throw new CliError(`the corpus has ${pool.length} sentences with 5–40 known words; the report needs at least 2`);
  }
  const data: EvaluationData = {
    engine,
    settings,
    vocab: corpus.vocab,
    tokens: symmetric.tokens,
    documents: corpus.docs.length,
    symmetric: symmetric.matrix,
    forward: forward.matrix,
    sample: sampleSentences(pool, settings.sentences, settings.seed),
    pool,
    signal,
  };
  const countSeconds = (performance.now() - started) / 1000;
  const prepared = prepare(data, progress);
  const sections: SectionResult[] = [];
  const titles = [
    'Proposition 1 harness on the engine\'s projection',
    'Relative error against the factorization rank d',
    'Directional vs symmetric: causal attention on sentences and their reversals',
    'Context disambiguation of homographs',
    'Agreement with pretrained GloVe vectors',
  ] as const;
  sections.push(await timed(titles[0], progress, () => proposition1Section(data, prepared, HARNESS_SENTENCES)));
  sections.push(await timed(titles[1], progress, () => rankSection(data, prepared)));
  sections.push(await timed(titles[2], progress, () => orderSection(data, prepared)));
  sections.push(await timed(titles[3], progress, () => homographSection(data, prepared)));
  sections.push(await timed(titles[4], progress, () => embeddingsSection(data, prepared, inputs.loadVectors)));
  const facts: RunFacts = {
    settings,
    backend: engine.resolution.chosen,
    date: inputs.now(),
    vocabularySize: corpus.vocab.size,
    tokens: symmetric.tokens,
    documents: corpus.docs.length,
    usableSentences: pool.length,
    sampled: data.sample.length,
    countSeconds,
    prepareSeconds: prepared.seconds,
    totalSeconds: (performance.now() - started) / 1000,
  };
  return { markdown: reportMarkdown(facts, sections), plots: sections.flatMap((x) => x.plots), facts, sections };
}
