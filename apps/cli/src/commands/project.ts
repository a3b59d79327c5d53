import { type TopK, toRows } from '@dproj/core';
import { UsageError } from '../cli/cli-error.ts';
import { noPositionals, optionalInteger, requiredString } from '../cli/option-values.ts';
import { writeJson, writeText } from '../cli/output.ts';
import { ranOn } from '../cli/ran-on.ts';
import { readCoocFile } from '../cooc-file.ts';
import { droppedNotice, encodeText } from '../project/encode-text.ts';
import { float32Number } from '../project/float32-text.ts';
import { formatNumber, squareMatrixTable } from '../project/format-table.ts';
import { DIRECTION_OPTION, POSITIONAL_OPTIONS, chooseDirection, positionalFor } from '../project/projection-options.ts';
import { applyTransform, transformOptions, transformSpec } from '../project/transform-option.ts';
import type { Command } from './command.ts';

/** One predicted word and its score in E. */
interface Prediction {
  readonly word: string;
  readonly score: number;
}

/** Row i of the top-k as words and scores, best first. */
function predictions(topk: TopK, words: readonly string[], n: number): Prediction[][] {
  const { k, ids, scores } = topk;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: k }, (_, r) => ({ word: words[ids[i * k + r]!]!, score: float32Number(scores[i * k + r]!) })),
  );
}

/** `dproj project`: M = Q S Qᵀ of a sentence, and with --predict the top-k words of E = M (Q S). */
export const projectCommand: Command = {
  name: 'project',
  summary: 'project a sentence: M = Q S Qᵀ from a co-occurrence file, and the top-k words of E = M (Q S)',
  usage: '--cooc <file> --text "<sentence>" [options]',
  description: [
    'Each word of --text is looked up in the file\'s vocabulary (tokenized and lower-cased as the corpus',
    'was); unknown words are left out with a note on stderr. M_ij is the association of the i-th and j-th',
    'word under S (or φ(S) with --transform). With --predict k each position also lists the k words b',
    'with the largest E_ib = Σ_j M_ij S_{x_j b}.',
    '',
    'Examples:',
    '  dproj project --cooc sotu.dpco --text "the people of the united states"',
    '  dproj project --cooc sotu.dpco --text "our nation" --predict 5 --transform ppmi --json',
  ].join('\n'),
  options: {
    cooc: { type: 'string', value: '<file>', help: 'co-occurrence file (.dpco) from dproj count' },
    text: { type: 'string', value: '"<text>"', help: 'the sentence to project' },
    predict: { type: 'string', value: '<k>', help: 'also print the top-k words of E = M (Q S) for each position' },
    direction: DIRECTION_OPTION,
    ...POSITIONAL_OPTIONS,
    ...transformOptions('raw'),
  },
  async run(context) {
    const { values, io } = context;
    noPositionals(context);
    const path = requiredString(values, 'cooc', '<file>');
    const text = requiredString(values, 'text', '"<text>"');
    const k = optionalInteger(values, 'predict', 1);
    const file = await readCoocFile(path);
    const V = file.vocab.size;
    if (k !== undefined && k > V) throw new UsageError(`--predict must be at most the vocabulary size ${V}, got ${k}`);
    const direction = chooseDirection(values, file.result, path);
    const encoded = encodeText(file.vocab, text, path);
    const positional = positionalFor(values, file.result, path, encoded.ids.length);
    const s = applyTransform(file.result.matrix, transformSpec(values));
    io.stderr.write(droppedNotice(encoded.dropped));

    const engine = await context.engine();
    const result = await engine.projection({
      tokens: encoded.ids,
      s,
      ...(direction === undefined ? {} : { direction }),
      ...(positional === undefined ? {} : { positional }),
      ...(k === undefined ? {} : { predict: { kind: 'topk', k } }),
      signal: context.signal,
    });
    const topk = result.topk === undefined ? null : predictions(result.topk, file.vocab.words, encoded.ids.length);
    const backend = ranOn(engine, 'projection');
    if (context.json) {
      const M = toRows(result.m).map((row) => row.map(float32Number));
      writeJson(io, { backend, tokens: encoded.words, M, topk });
      return 0;
    }
    const settings = [
      `transform ${String(values.transform)}`,
      ...(direction === undefined ? [] : [`direction ${direction}`]),
      ...(positional === undefined ? [] : [`positional ${positional.kind}`]),
    ].join(', ');
    const lines = [
      `backend: ${backend}    tokens: ${encoded.words.length}`,
      '',
      `M = Q S Qᵀ (${settings})`,
      squareMatrixTable(result.m, encoded.words),
    ];
    if (topk !== null) {
      lines.push('', `top ${k} of E = M (Q S) per position`);
      const width = Math.max(...encoded.words.map((w) => w.length));
      encoded.words.forEach((word, i) => {
        const list = topk[i]!.map((p) => `${p.word} ${formatNumber(p.score)}`).join(', ');
        lines.push(`${word.padEnd(width)}  ${list}`);
      });
    }
    writeText(io, lines.join('\n'));
    return 0;
  },
};
