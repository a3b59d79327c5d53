import type { CsrMatrix, Engine, Vocabulary } from '@dproj/core';

/** A real sentence of the corpus: its text and the ids of its in-vocabulary words, in order. */
export interface Sentence {
  readonly text: string;
  readonly tokens: Uint32Array;
}

/** The parameters of one evaluation run, as the report states them. */
export interface EvaluationSettings {
  /** What was counted, e.g. "sotu" or a file name. */
  readonly corpus: string;
  readonly corpusDescription: string;
  readonly maxVocab: number;
  readonly minCount: number;
  readonly window: number;
  /** The factorization ranks d, ascending. */
  readonly dims: readonly number[];
  /** How many sampled sentences sections 1–3 use. */
  readonly sentences: number;
  /** Documents read at most (quick runs read a prefix of the corpus); undefined: all. */
  readonly maxDocuments: number | undefined;
  /** Seed of every sample and random operator. */
  readonly seed: number;
  /** Homographs shown in section 4 and words compared in section 5. */
  readonly homographs: number;
  readonly sharedWords: number;
  /** The command line that makes this report, as the Markdown prints it. */
  readonly command: string;
}

/** The counted corpus and everything the sections share. */
export interface EvaluationData {
  readonly engine: Engine;
  readonly settings: EvaluationSettings;
  readonly vocab: Vocabulary;
  /** Tokens counted. */
  readonly tokens: number;
  readonly documents: number;
  /** S = F + Fᵀ and F, raw weighted counts (window w, f(d) = 1/d), from the engine. */
  readonly symmetric: CsrMatrix;
  readonly forward: CsrMatrix;
  /** The sampled sentences of sections 1–3 (≥ 5 known words each). */
  readonly sample: readonly Sentence[];
  /** Every usable sentence (≥ 5 known words, ≤ 40 tokens), for section 4's search for homographs. */
  readonly pool: readonly Sentence[];
  readonly signal: AbortSignal;
}

/** A plot file of the report: its name under `fidelity/` and its SVG text. */
export interface PlotFile {
  readonly name: string;
  readonly svg: string;
}

/** What a section of the report contributes. */
export interface SectionOutput {
  /** Markdown body without its heading. */
  readonly body: string;
  readonly plots: readonly PlotFile[];
  /** Headline numbers for `--json`, all computed by the run. */
  readonly summary: Readonly<Record<string, number | string | boolean | null>>;
}

/** A finished section: heading, body, plots and how long it took. */
export interface SectionResult extends SectionOutput {
  readonly title: string;
  readonly seconds: number;
}
