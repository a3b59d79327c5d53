import { tokenize } from '@dproj/core';
import { describe, expect, it } from 'vitest';
import { CORPUS_IDS, corpusDescription, corpusDocuments, corpusText, isCorpusId, stripBrownTags } from '../src/corpora/corpora.ts';

describe('corpora', () => {
  it('lists sotu first and describes each corpus', () => {
    expect(CORPUS_IDS).toEqual(['sotu', 'brown']);
    expect(corpusDescription('sotu')).toMatch(/State of the Union/);
    expect(corpusDescription('brown')).toMatch(/Brown/);
    expect(isCorpusId('brown')).toBe(true);
    expect(isCorpusId('wiki')).toBe(false);
  });

  it('strips Brown tags after the last slash', () => {
    expect(stripBrownTags('The/at jury/nn 1/2/cd ./.')).toBe('The jury 1/2 .');
    expect(stripBrownTags('  \t ')).toBe('');
  });

  it.each(['sotu', 'brown'] as const)('%s: one non-empty line per document, same text twice, token count', async (id) => {
    const text = await corpusText(id);
    expect(await corpusText(id)).toBe(text);
    const docs: string[] = [];
    for await (const doc of corpusDocuments(id)) docs.push(doc);
    expect(docs.join('\n')).toBe(text);
    expect(docs.every((d) => d !== '' && !d.includes('\n'))).toBe(true);
    let tokens = 0;
    for (const d of docs) tokens += tokenize(d).length;
    // The sizes: SOTU about 1.8M tokens, Brown 1.16M (punctuation tokens are not words here).
    if (id === 'sotu') expect(tokens).toBeGreaterThan(1_700_000);
    if (id === 'brown') expect(tokens).toBeGreaterThan(900_000);
    // Brown tags are gone: no word/tag pairs such as "the/at" remain.
    if (id === 'brown') expect(text).not.toMatch(/\b[a-z]+\/(at|nn|in)\b/i);
  });
});
