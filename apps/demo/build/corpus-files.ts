import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { COOCCURRENCE_FORMAT_VERSION } from '@dproj/core';
import type { CorpusManifest, CorpusManifestEntry } from '../src/corpus-manifest.ts';
import type { CorpusRecipe } from './corpora.ts';
import { countCorpus } from './count-corpus.ts';

/** A file to ship beside the page. */
export interface ShippedFile {
  /** Path relative to the page, e.g. `corpora/sotu.dpco`. */
  readonly fileName: string;
  readonly source: Uint8Array | string;
}

// Raise when counting changes in a way the cache key cannot see (e.g. a new tokenizer rule).
const RECIPE_VERSION = 1;
const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
}

/**
 * The cache key of a recipe's output: its parameters, the data package's version, core's version
 * and the file format's version. Any change makes a new key, so a stale file is never reused.
 */
export function cacheKey(recipe: CorpusRecipe): string {
  const facts = {
    recipe: RECIPE_VERSION,
    id: recipe.id,
    maxSize: recipe.maxSize,
    minCount: recipe.minCount,
    window: recipe.window,
    data: `${recipe.packageName}@${versionOf(recipe.packageName)}`,
    core: versionOf('@dproj/core'),
    format: COOCCURRENCE_FORMAT_VERSION,
  };
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 16);
}

function writeAtomically(path: string, data: Uint8Array | string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

/**
 * The corpus files of every recipe and `corpora/index.json`: read from `cacheDir` when a file with
 * the recipe's cache key is there, otherwise counted (a few seconds each) and written there first.
 * `log` hears one line per corpus.
 */
export async function corpusFiles(recipes: readonly CorpusRecipe[], cacheDir: string, log: (line: string) => void): Promise<ShippedFile[]> {
  mkdirSync(cacheDir, { recursive: true });
  const files: ShippedFile[] = [];
  const entries: CorpusManifestEntry[] = [];
  for (const recipe of recipes) {
    const key = cacheKey(recipe);
    const base = join(cacheDir, `${recipe.id}-${key}`);
    const started = Date.now();
    let cached = true;
    if (!existsSync(`${base}.json`)) {
      cached = false;
      const text = recipe.lines();
      const counted = await countCorpus(text, recipe);
      writeAtomically(`${base}.dpco`, counted.bytes);
      writeAtomically(`${base}.txt`, text);
      const { bytes: _bytes, ...stats } = counted;
      writeAtomically(`${base}.json`, JSON.stringify(stats));
    }
    const bytes = new Uint8Array(readFileSync(`${base}.dpco`));
    const text = readFileSync(`${base}.txt`, 'utf8');
    const stats = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { vocabSize: number; tokens: number; documents: number; nnz: number };
    const file = `corpora/${recipe.id}.dpco`;
    const textFile = `corpora/${recipe.id}.txt`;
    files.push({ fileName: file, source: bytes }, { fileName: textFile, source: text });
    entries.push({
      id: recipe.id,
      label: recipe.label,
      source: recipe.source,
      file,
      textFile,
      bytes: bytes.length,
      textBytes: Buffer.byteLength(text),
      ...stats,
      window: recipe.window,
      minCount: recipe.minCount,
      maxSize: recipe.maxSize,
    });
    log(
      `${recipe.id}: V = ${stats.vocabSize}, ${stats.tokens} tokens, nnz(F) = ${stats.nnz}, ${(bytes.length / 1e6).toFixed(1)} MB ` +
        `(${cached ? 'cached' : `counted in ${((Date.now() - started) / 1000).toFixed(1)} s`})`,
    );
  }
  const manifest: CorpusManifest = { corpora: entries };
  files.push({ fileName: 'corpora/index.json', source: JSON.stringify(manifest, null, 2) });
  return files;
}
