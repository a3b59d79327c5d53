#!/usr/bin/env node
// A first run of dproj: count the built-in sample text, then show how one sentence projects it.
// Usage: node src/main.mjs ["a sentence of your own"]
import { jsBackend } from '@dproj/backend-js';
import { buildCorpus, createEngine, encode, SAMPLE_TEXT, transform } from '@dproj/core';
import { formatReport } from './format-report.mjs';

const sentence = process.argv[2] ?? 'the river bank was full of water';
const engine = await createEngine({ backends: [jsBackend()] });
try {
  const corpus = await buildCorpus([SAMPLE_TEXT], { documents: 'sentence', unknown: 'drop' });
  const { matrix: s, tokens } = await engine.cooccurrence(corpus, { window: 4 });
  // PPMI keeps associations that beat chance, so frequent function words do not dominate M.
  const ppmi = transform(s, { kind: 'ppmi' });
  const ids = encode(corpus.vocab, sentence, { unknown: 'drop' });
  if (ids.length === 0) throw new Error(`none of the words of "${sentence}" occur in the sample text`);
  const { m, topk } = await engine.projection({ s: ppmi, tokens: ids, predict: { kind: 'topk', k: 5 } });
  console.log(formatReport({ backend: engine.resolution.chosen, tokens, vocab: corpus.vocab, ids, m, topk }));
} catch (error) {
  console.error(`dproj example: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await engine.dispose();
}
