import { describe, expect, it } from 'vitest';
import { DprojError, UnknownTokenError, ValueError } from '../src/errors/errors.ts';
import { buildCorpus, encode } from '../src/text/corpus.ts';
import { SAMPLE_TEXT } from '../src/text/sample.ts';
import { tokenize } from '../src/text/tokenize.ts';
import { toyCorpus } from '../src/text/toy-corpus.ts';
import { buildVocabulary, vocabularyFromWords } from '../src/text/vocabulary.ts';

const docsOf = (docs: readonly Uint32Array[]) => docs.map((d) => Array.from(d));
const toyVocab = () => vocabularyFromWords(['river', 'bank', 'water', 'loan', 'money']);

describe('toyCorpus', () => {
  it('is SPEC C.0: five words in order and three documents', () => {
    const c = toyCorpus();
    expect(c.vocab.words).toEqual(['river', 'bank', 'water', 'loan', 'money']);
    expect(c.vocab.size).toBe(5);
    expect(c.vocab.unknownId).toBeUndefined();
    expect(docsOf(c.docs)).toEqual([
      [0, 1, 2],
      [1, 3, 4],
      [0, 2],
    ]);
    expect(c.docs.every((d) => d instanceof Uint32Array)).toBe(true);
  });

  it('returns a fresh copy each call', () => {
    const a = toyCorpus();
    (a.docs[0] as Uint32Array)[0] = 4;
    expect(toyCorpus().docs[0]![0]).toBe(0);
  });

  it('is what buildCorpus makes of the toy text with the toy vocabulary', async () => {
    const c = await buildCorpus('river bank water\nbank loan money\nriver water', { vocab: toyVocab() });
    expect(docsOf(c.docs)).toEqual(docsOf(toyCorpus().docs));
  });
});

describe('buildCorpus', () => {
  it('builds a frequency-ranked vocabulary from the text and encodes each line', async () => {
    const c = await buildCorpus('Bank river bank.\n\nriver BANK water\n');
    expect(c.vocab.words).toEqual(['bank', 'river', 'water']);
    expect(Array.from(c.vocab.counts!)).toEqual([3, 2, 1]);
    // The blank line is an empty document and is dropped.
    expect(docsOf(c.docs)).toEqual([
      [0, 1, 0],
      [1, 0, 2],
    ]);
  });

  it('streams lines split across chunks, with \\r\\n line ends split too', async () => {
    async function* chunks() {
      yield 'river ba';
      yield 'nk wa';
      yield 'ter\r';
      yield '\nbank loan mo';
      yield 'ney\n';
      yield 'river';
      yield ' water';
    }
    const c = await buildCorpus(chunks(), { vocab: toyVocab(), unknown: 'error' });
    expect(docsOf(c.docs)).toEqual([
      [0, 1, 2],
      [1, 3, 4],
      [0, 2],
    ]);
  });

  it('gives the same corpus for every chunking of the same text', async () => {
    const text = 'river bank water\nbank loan money\r\nriver water';
    const whole = docsOf((await buildCorpus(text, { vocab: toyVocab() })).docs);
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let p = 0; p < text.length; p += size) chunks.push(text.slice(p, p + size));
      expect(docsOf((await buildCorpus(chunks, { vocab: toyVocab() })).docs)).toEqual(whole);
      expect(docsOf((await buildCorpus(chunks)).docs).length).toBe(3);
    }
  });

  it('makes sentences documents, across chunks', async () => {
    const c = await buildCorpus(['River bank water. Bank loan', '\nmoney! River wat', 'er'], {
      vocab: toyVocab(),
      documents: 'sentence',
    });
    expect(docsOf(c.docs)).toEqual([
      [0, 1, 2],
      [1, 3, 4],
      [0, 2],
    ]);
  });

  it('makes each chunk a document in text mode', async () => {
    const c = await buildCorpus(['river bank\nwater', 'bank loan money', '', 'river water'], {
      vocab: toyVocab(),
      documents: 'text',
    });
    expect(docsOf(c.docs)).toEqual([
      [0, 1, 2],
      [1, 3, 4],
      [0, 2],
    ]);
  });

  it("unknown 'drop' removes unknown words before windows, so neighbours become adjacent", async () => {
    const c = await buildCorpus('river the bank of water\nthe of', { vocab: toyVocab(), unknown: 'drop' });
    // The second line has only unknown words and is dropped.
    expect(docsOf(c.docs)).toEqual([[0, 1, 2]]);
  });

  it("unknown 'drop' is the default for a vocabulary without an unknown entry", async () => {
    const c = await buildCorpus('river the bank', { vocab: toyVocab() });
    expect(docsOf(c.docs)).toEqual([[0, 1]]);
  });

  it("unknown 'unk' maps unknown words to unknownId, and is the default when there is one", async () => {
    const vocab = vocabularyFromWords(['river', 'bank'], { unknown: '<unk>' });
    const explicit = await buildCorpus('river the bank', { vocab, unknown: 'unk' });
    expect(docsOf(explicit.docs)).toEqual([[0, 2, 1]]);
    const byDefault = await buildCorpus('river the bank', { vocab });
    expect(docsOf(byDefault.docs)).toEqual([[0, 2, 1]]);
  });

  it("unknown 'unk' without an unknown entry is a ValueError", async () => {
    const error = await buildCorpus('river', { vocab: toyVocab(), unknown: 'unk' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValueError);
    expect((error as ValueError).argument).toBe('options.unknown');
  });

  it("unknown 'error' throws UnknownTokenError with the word", async () => {
    const error = await buildCorpus('river bank\nriver tree', { vocab: toyVocab(), unknown: 'error' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnknownTokenError);
    expect(DprojError.isInstance(error)).toBe(true);
    const e = error as UnknownTokenError;
    expect(e.token).toBe('tree');
    expect(e.op).toBe('vocabulary');
    expect(e.argument).toBe('text');
    expect(e.message).toMatch(/"tree"/);
  });

  it("building the vocabulary with minCount and 'unk' maps rare words to <unk>", async () => {
    const c = await buildCorpus('a b a c\na b d', { minCount: 2, unknown: 'unk' });
    expect(c.vocab.words).toEqual(['a', 'b', '<unk>']);
    expect(Array.from(c.vocab.counts!)).toEqual([3, 2, 2]);
    expect(docsOf(c.docs)).toEqual([
      [0, 1, 0, 2],
      [0, 1, 2],
    ]);
  });

  it("building the vocabulary with minCount and 'error' throws on the rare words", async () => {
    await expect(buildCorpus('a b a c\na b', { minCount: 2, unknown: 'error' })).rejects.toThrow(UnknownTokenError);
  });

  it('reads a function source twice when it must build the vocabulary', async () => {
    let calls = 0;
    const source = async function* () {
      calls++;
      yield 'river bank\n';
      yield 'bank';
    };
    const c = await buildCorpus(() => source());
    expect(calls).toBe(2);
    expect(c.vocab.words).toEqual(['bank', 'river']);
    expect(docsOf(c.docs)).toEqual([[1, 0], [0]]);
  });

  it('refuses a one-shot iterator without a vocabulary, before reading it', async () => {
    let started = false;
    async function* once() {
      started = true;
      yield 'river bank';
    }
    const error = await buildCorpus(once()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValueError);
    expect((error as ValueError).argument).toBe('source');
    expect((error as Error).message).toMatch(/one-shot/);
    expect(started).toBe(false);
    function* syncOnce() {
      yield 'a';
    }
    await expect(buildCorpus(syncOnce())).rejects.toThrow(ValueError);
  });

  it('accepts a one-shot iterator when a vocabulary is given', async () => {
    async function* once() {
      yield 'river bank';
    }
    const c = await buildCorpus(once(), { vocab: toyVocab() });
    expect(docsOf(c.docs)).toEqual([[0, 1]]);
  });

  it('refuses a source that gives different text on its second pass', async () => {
    let pass = 0;
    const source = () => (pass++ === 0 ? ['a b c'] : ['a b']);
    await expect(buildCorpus(source)).rejects.toThrow(/first pass and 2 on the second/);
  });

  it('rejects vocabulary-building options alongside a vocabulary', async () => {
    const error = await buildCorpus('a', { vocab: toyVocab(), minCount: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValueError);
    expect((error as ValueError).argument).toBe('options.minCount');
  });

  it('rejects an unknown policy it does not know', async () => {
    const options = { unknown: 'ignore' as unknown as 'drop' };
    await expect(buildCorpus('a', options)).rejects.toThrow(ValueError);
  });

  it('gives no documents for empty text', async () => {
    const c = await buildCorpus('', { vocab: toyVocab() });
    expect(c.docs).toEqual([]);
  });
});

describe('encode', () => {
  it('encodes a sentence into token ids', () => {
    expect(Array.from(encode(toyVocab(), 'River, bank & WATER.'))).toEqual([0, 1, 2]);
  });

  it("throws UnknownTokenError by default, drops or maps under 'drop' or 'unk'", () => {
    expect(() => encode(toyVocab(), 'river tree')).toThrow(UnknownTokenError);
    expect(Array.from(encode(toyVocab(), 'river tree bank', { unknown: 'drop' }))).toEqual([0, 1]);
    const vocab = vocabularyFromWords(['river', 'bank'], { unknown: '<unk>' });
    expect(Array.from(encode(vocab, 'river tree bank', { unknown: 'unk' }))).toEqual([0, 2, 1]);
    expect(() => encode(toyVocab(), 'river tree', { unknown: 'unk' })).toThrow(ValueError);
  });

  it('returns an empty array for text without words', () => {
    const ids = encode(toyVocab(), '...');
    expect(ids).toBeInstanceOf(Uint32Array);
    expect(ids.length).toBe(0);
  });
});

describe('SAMPLE_TEXT', () => {
  it('is under 4 KB and a few hundred words, one sentence per line', () => {
    expect(new TextEncoder().encode(SAMPLE_TEXT).length).toBeLessThan(4096);
    const words = tokenize(SAMPLE_TEXT);
    expect(words.length).toBeGreaterThan(300);
    for (const line of SAMPLE_TEXT.trim().split('\n')) expect(line).toMatch(/[.!?]$/);
  });

  it('uses bank near river words and near money words', async () => {
    const c = await buildCorpus(SAMPLE_TEXT);
    const id = (w: string) => c.vocab.idOf(w)!;
    const withBank = c.docs.filter((d) => d.includes(id('bank')));
    const river = withBank.filter((d) => d.includes(id('river')) || d.includes(id('water'))).length;
    const finance = withBank.filter((d) => d.includes(id('loan')) || d.includes(id('money'))).length;
    expect(river).toBeGreaterThanOrEqual(5);
    expect(finance).toBeGreaterThanOrEqual(5);
    const v = await buildVocabulary(SAMPLE_TEXT);
    expect(v.words.slice(0, 1)).toEqual(['the']);
    expect(c.docs.length).toBe(SAMPLE_TEXT.trim().split('\n').length);
  });
});
