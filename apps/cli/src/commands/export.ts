import { UsageError } from '../cli/cli-error.ts';
import { noPositionals, optionalChoice, optionalInteger, requiredInteger, requiredString } from '../cli/option-values.ts';
import { writeJson } from '../cli/output.ts';
import { readCoocFile } from '../cooc-file.ts';
import { type Embeddings, embeddingsOf } from '../export/embeddings.ts';
import { npyBytes } from '../export/npy.ts';
import { safetensorsBytes } from '../export/safetensors.ts';
import { textVectors } from '../export/text-vectors.ts';
import { type Chunks, vocabPathFor, writeOutput } from '../export/write-output.ts';
import { float32Number } from '../project/float32-text.ts';
import { formatNumber } from '../project/format-table.ts';
import { transformOptions, transformSpec } from '../project/transform-option.ts';
import type { Command } from './command.ts';

const FORMATS = ['glove', 'word2vec', 'npy', 'safetensors'] as const;
type Format = (typeof FORMATS)[number];

/** The file's content in `format`. */
function encode(format: Format, e: Embeddings, metadata: Record<string, string>): Chunks {
  switch (format) {
    case 'glove':
      return textVectors(e.words, e.vectors, false);
    case 'word2vec':
      return textVectors(e.words, e.vectors, true);
    case 'npy':
      return [npyBytes(e.vectors)];
    case 'safetensors':
      return [safetensorsBytes(e.vectors, { ...metadata, vocab: JSON.stringify(e.words) })];
  }
}

/** `dproj export`: word vectors from the factorization of φ(S), in formats other tools read. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write word embeddings from the factorization of φ(S) as GloVe, word2vec, .npy or safetensors',
  usage: '--cooc <file> --dim <d> --format <format> --out <file|-> [options]',
  description: [
    'The vectors are the rows of W = U_d |Λ_d|^{1/2} from the signature factorization φ(S) ≈ W J Wᵀ',
    '(the d eigenvalues largest in |λ|, SPEC B.8), φ = PPMI by default. A forward file (or --transform',
    'cond, which is not symmetric) gives the rows of A = U_d Σ_d^{1/2} from φ(F) ≈ A Bᵀ (B.9).',
    '',
    'Formats:',
    '  glove        text, one line per word: word v1 … vd',
    '  word2vec     text, a first line "V d", then as glove',
    '  npy          NumPy .npy v1.0, little-endian float32 (<f4), C order, shape (V, d); the words go',
    '               one per line, in row order, to <out without .npy>.vocab.txt',
    "  safetensors  one F32 tensor 'embeddings' of shape [V, d]; the words, as a JSON array, in the",
    "               header's __metadata__.vocab (with factorization, transform, rank, signs)",
    'Text values are the shortest decimals that read back as the same float32. --out - writes a text',
    'format to stdout.',
    '',
    'Examples:',
    '  dproj export --cooc sotu.dpco --dim 50 --format glove --out sotu.50d.txt',
    '  dproj export --cooc sotu.dpco --dim 100 --format safetensors --out sotu.safetensors',
  ].join('\n'),
  options: {
    cooc: { type: 'string', value: '<file>', help: 'co-occurrence file (.dpco) from dproj count' },
    dim: { type: 'string', value: '<d>', help: 'dimension d of the vectors (rank of the factorization)' },
    format: { type: 'string', value: '<format>', help: `output format: ${FORMATS.join(', ')}` },
    out: { type: 'string', value: '<file|->', help: 'output file; - for stdout (text formats only)' },
    seed: { type: 'string', value: '<n>', default: '1', help: 'seed of the randomized factorization (default 1)' },
    ...transformOptions('ppmi'),
  },
  async run(context) {
    const { values, io } = context;
    noPositionals(context);
    const path = requiredString(values, 'cooc', '<file>');
    const dim = requiredInteger(values, 'dim', 1);
    const format = optionalChoice(values, 'format', FORMATS);
    if (format === undefined) throw new UsageError(`missing required option --format <${FORMATS.join('|')}>`);
    const out = requiredString(values, 'out', '<file|->');
    if (out === '-' && (format === 'npy' || format === 'safetensors')) {
      throw new UsageError(`--out - (stdout) is for the text formats; give a file name for ${format}`);
    }
    const seed = optionalInteger(values, 'seed', Number.MIN_SAFE_INTEGER) ?? 1;
    const spec = transformSpec(values);
    const file = await readCoocFile(path);
    const e = embeddingsOf(file, dim, spec, seed, context.signal);
    const rank = e.vectors.cols;
    if (rank < dim) io.stderr.write(`dproj: note: φ(S) has rank ${rank} < ${dim}, so the vectors have ${rank} dimensions\n`);
    const metadata: Record<string, string> = {
      format: 'dproj-embeddings',
      factorization: e.factorization,
      transform: spec.kind,
      rank: String(rank),
      ...(e.signs === undefined ? {} : { signs: JSON.stringify(Array.from(e.signs)) }),
    };
    await writeOutput(out, encode(format, e, metadata), io, context.signal);
    const written = [out];
    if (format === 'npy') {
      const vocabPath = vocabPathFor(out);
      await writeOutput(vocabPath, [e.words.map((w) => `${w}\n`).join('')], io, context.signal);
      written.push(vocabPath);
    }
    const summary = {
      words: e.vectors.rows,
      dim: rank,
      format,
      factorization: e.factorization,
      transform: spec.kind,
      relativeError: float32Number(e.relativeError),
      files: out === '-' ? [] : written,
    };
    if (context.json && out !== '-') {
      writeJson(io, summary);
    } else {
      // With --out - stdout holds the vectors, so the summary goes to stderr.
      const stream = out === '-' ? io.stderr : io.stdout;
      stream.write(
        `wrote ${summary.words} vectors of dimension ${rank} (${format}; ${e.factorization} factorization of ${spec.kind}(S), ` +
          `relative error ${formatNumber(e.relativeError)}) to ${out === '-' ? 'stdout' : written.join(' and ')}\n`,
      );
    }
    return 0;
  },
};
