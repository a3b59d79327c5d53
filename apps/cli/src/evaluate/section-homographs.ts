import type { CsrMatrix, Vocabulary } from '@dproj/core';
import { code, num, table } from './markdown.ts';
import { type Prepared, ppmiSymmetric } from './prepare.ts';
import { sampleIndices, seededUniform } from './random.ts';
import { mean } from './statistics.ts';
import { barPlotSvg } from './svg-plot.ts';
import type { EvaluationData, SectionOutput, Sentence } from './types.ts';

/**
 * English words with two or more unrelated senses (homographs) that political prose may use in either;
 * the section keeps those the corpus actually has, most frequent first.
 */
export const HOMOGRAPH_CANDIDATES: readonly string[] = [
  'bank', 'interest', 'state', 'power', 'bill', 'party', 'order', 'present', 'right', 'court', 'fine', 'lead',
  'charge', 'account', 'capital', 'measure', 'issue', 'force', 'body', 'object', 'means', 'spring', 'minute',
  'sound', 'well', 'policy', 'check', 'claim', 'table', 'bar', 'seal', 'fair', 'mine', 'close', 'rest',
];

/** Predicted words shown per sentence. */
const TOP = 8;
/** Sentences sampled per homograph. */
const PER_WORD = 10;

/** |A ∩ B| / |A ∪ B| of two id lists (1 for two empty lists). */
export function jaccard(a: readonly number[], b: readonly number[]): number {
  const setA = new Set(a);
  const union = new Set([...a, ...b]);
  let shared = 0;
  for (const x of new Set(b)) if (setA.has(x)) shared++;
  return union.size === 0 ? 1 : shared / union.size;
}

/** The k largest entries of row `a` of a CSR matrix, ids only, excluding `skip`. */
function rowTop(s: CsrMatrix, a: number, k: number, skip: ReadonlySet<number>): number[] {
  const entries: [number, number][] = [];
  for (let p = s.rowPtr[a]!; p < s.rowPtr[a + 1]!; p++) if (!skip.has(s.colIdx[p]!)) entries.push([s.colIdx[p]!, s.values[p]!]);
  return entries
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, k)
    .map(([id]) => id);
}

interface WordResult {
  readonly word: string;
  readonly count: number;
  readonly sentences: readonly { readonly sentence: Sentence; readonly top: readonly number[] }[];
  readonly contextFree: readonly number[];
  readonly pairwise: number;
  readonly againstContextFree: number;
  /** Mean overlap of the word's top-k with the top-k of the other words of the same sentence. */
  readonly withinSentence: number;
  readonly mostDifferent: readonly [number, number];
}

function words(vocab: Vocabulary, ids: readonly number[]): string {
  return ids.map((id) => vocab.words[id]).join(', ');
}

/**
 * Section 4: for real homographs chosen from the corpus, how row i of E = M (Q S) for the same word
 * changes with its sentence (S = PPMI of the symmetric counts): top-k predictions beyond the sentence's
 * own words, their overlap across sentences and with the word's context-free neighbours (its PPMI row).
 */
export async function homographSection(data: EvaluationData, prepared: Prepared): Promise<SectionOutput> {
  const { engine, vocab, settings } = data;
  const uniform = seededUniform(settings.seed + 4);
  const s = ppmiSymmetric(prepared).operator;
  const candidates = HOMOGRAPH_CANDIDATES.map((word) => ({ word, id: vocab.idOf(word) }))
    .filter((c): c is { word: string; id: number } => c.id !== undefined)
    .map((c) => ({ ...c, holders: data.pool.filter((x) => x.tokens.includes(c.id)) }))
    .filter((c) => c.holders.length >= 2)
    .sort((a, b) => (vocab.counts?.[b.id] ?? 0) - (vocab.counts?.[a.id] ?? 0) || a.id - b.id)
    .slice(0, settings.homographs);

  const results: WordResult[] = [];
  for (const { word, id, holders } of candidates) {
    data.signal.throwIfAborted();
    const chosen = sampleIndices(holders.length, PER_WORD, uniform).map((k) => holders[k]!);
    const sentences: { sentence: Sentence; top: number[] }[] = [];
    const within: number[] = [];
    for (const sentence of chosen) {
      const own = new Set(sentence.tokens);
      const k = Math.min(vocab.size, TOP + own.size);
      const result = await engine.projection({ s, tokens: sentence.tokens, predict: { kind: 'topk', k } });
      const topOf = (row: number): number[] => {
        const ids = Array.from(result.topk!.ids.subarray(row * k, (row + 1) * k));
        const scores = result.topk!.scores.subarray(row * k, (row + 1) * k);
        return ids.filter((x, p) => !own.has(x) && scores[p]! > 0).slice(0, TOP);
      };
      const top = topOf(sentence.tokens.indexOf(id));
      sentences.push({ sentence, top });
      // The rows of the sentence's other words: if they predict what the homograph's row predicts,
      // E follows the sentence rather than the word.
      for (let row = 0; row < sentence.tokens.length; row++) {
        if (sentence.tokens[row] !== id) within.push(jaccard(top, topOf(row)));
      }
    }
    const contextFree = rowTop(s, id, TOP, new Set([id]));
    const pairs: { j: number; a: number; b: number }[] = [];
    for (let a = 0; a < sentences.length; a++) {
      for (let b = a + 1; b < sentences.length; b++) pairs.push({ j: jaccard(sentences[a]!.top, sentences[b]!.top), a, b });
    }
    const least = pairs.reduce((m, p) => (p.j < m.j ? p : m), pairs[0]!);
    results.push({
      word,
      count: vocab.counts?.[id] ?? 0,
      sentences,
      contextFree,
      pairwise: mean(pairs.map((p) => p.j)),
      againstContextFree: mean(sentences.map((x) => jaccard(x.top, contextFree))),
      withinSentence: mean(within),
      mostDifferent: [least.a, least.b],
    });
  }
  if (results.length === 0) {
    return {
      body: `Skipped: none of the candidate homographs (${HOMOGRAPH_CANDIDATES.join(', ')}) occurs in two usable sentences of this corpus.`,
      plots: [],
      summary: { homographs: 0 },
    };
  }
  const svg = barPlotSvg({
    title: `Top-${TOP} of E for the same word across sentences`,
    yLabel: 'mean Jaccard overlap',
    categories: results.map((r) => r.word),
    series: [
      { name: 'between sentences', values: results.map((r) => r.pairwise) },
      { name: 'with context-free', values: results.map((r) => r.againstContextFree) },
      { name: 'other words, same sentence', values: results.map((r) => r.withinSentence) },
    ],
    yRange: [0, 1],
  });
  const overall = mean(results.map((r) => r.pairwise));
  const sameSentence = mean(results.map((r) => r.withinSentence));
  const details = results.flatMap((r) => {
    const [a, b] = r.mostDifferent.map((k) => r.sentences[k]!);
    return [
      `**${r.word}** (${r.count} times; context-free PPMI neighbours: ${r.contextFree.length === 0 ? 'none' : words(vocab, r.contextFree)})`,
      '',
      table(
        ['sentence', `top-${TOP} of E for "${r.word}" beyond the sentence's words`],
        [a!, b!].map((x) => [code(x.sentence.text), x.top.length === 0 ? '(no positive score)' : words(vocab, x.top)]),
      ),
      '',
    ];
  });
  const body = [
    `Homographs are taken from a fixed list of English words with unrelated senses, keeping the ${results.length} most`,
    `frequent that the corpus has; for each, up to ${PER_WORD} sampled sentences holding it. The engine computes`,
    `E = M (Q S) with S = PPMI(S) and its top-k per row; the word's row is shown without the sentence's own words`,
    `(which E ranks high by construction), ${TOP} words. Overlap is the Jaccard index of two top-${TOP} sets.`,
    '',
    '![top-k overlap per homograph](fidelity/homographs.svg)',
    '',
    table(
      ['word', 'count', 'sentences', 'overlap between its sentences', 'overlap with its context-free neighbours', 'overlap with other words in the same sentence'],
      results.map((r) => [r.word, String(r.count), String(r.sentences.length), num(r.pairwise), num(r.againstContextFree), num(r.withinSentence)]),
    ),
    '',
    'For each word, the two sampled sentences whose predictions differ most:',
    '',
    ...details,
    overall < 0.5
      ? `E's prediction for the same word changes with its sentence: mean overlap between its sentences is ${num(overall)}.`
      : `What does not hold: E's prediction for the same word changes little with its sentence (mean overlap ${num(overall)}).`,
    sameSentence > overall
      ? `What does not hold as a sense test: the word's row shares more of its top-${TOP} with the rows of the other words of its own sentence (${num(sameSentence)}) than with its own rows in other sentences (${num(overall)}). E_{i,:} = Σ_j M_ij S_{x_j,:} mixes the profile of every context word, so a new sentence changes the row whatever the sense; both overlaps are small.`
      : `The word's row shares less with the other words of its sentence (${num(sameSentence)}) than with its own rows in other sentences (${num(overall)}): E keeps something of the word across contexts.`,
    'The report does not score senses: whether a shift follows the word\'s sense is read from the lists above.',
  ].join('\n');
  return { body, plots: [{ name: 'homographs.svg', svg }], summary: { homographs: results.length, meanOverlap: overall, sameSentenceOverlap: sameSentence } };
}
