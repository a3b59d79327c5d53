/** One shipped corpus as `corpora/index.json` lists it (written at build time). */
export interface CorpusManifestEntry {
  readonly id: string;
  readonly label: string;
  readonly source: string;
  /** The co-occurrence file (core's format, F with its vocabulary), relative to the page. */
  readonly file: string;
  /** The same text, one document per line, for counting in the browser. */
  readonly textFile: string;
  readonly bytes: number;
  readonly textBytes: number;
  readonly vocabSize: number;
  readonly tokens: number;
  readonly documents: number;
  readonly nnz: number;
  readonly window: number;
  readonly minCount: number;
  readonly maxSize: number;
}

/** `corpora/index.json`. */
export interface CorpusManifest {
  readonly corpora: readonly CorpusManifestEntry[];
}
