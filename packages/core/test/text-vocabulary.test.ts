import { describe, expect, it } from 'vitest';
import { DprojError, ValueError } from '../src/errors/errors.ts';
import { buildVocabulary, vocabularyFromWords } from '../src/text/vocabulary.ts';

describe('vocabularyFromWords', () => {
  it('gives ids in the order given', () => {
    const v = vocabularyFromWords(['river', 'bank', 'water', 'loan', 'money']);
    expect(v.size).toBe(5);
    expect(v.words).toEqual(['river', 'bank', 'water', 'loan', 'money']);
    expect(v.idOf('river')).toBe(0);
    expect(v.idOf('money')).toBe(4);
    expect(v.idOf('tree')).toBeUndefined();
    expect(v.counts).toBeUndefined();
    expect(v.unknownId).toBeUndefined();
  });

  it('does not keep a reference to the caller’s array', () => {
    const words = ['a', 'b'];
    const v = vocabularyFromWords(words);
    words.push('c');
    expect(v.size).toBe(2);
    expect(Object.isFrozen(v.words)).toBe(true);
  });

  it('appends the unknown entry, or uses it where it already is', () => {
    const appended = vocabularyFromWords(['a', 'b'], { unknown: '<unk>' });
    expect(appended.words).toEqual(['a', 'b', '<unk>']);
    expect(appended.unknownId).toBe(2);
    const present = vocabularyFromWords(['<unk>', 'a'], { unknown: '<unk>' });
    expect(present.size).toBe(2);
    expect(present.unknownId).toBe(0);
  });

  it('rejects a duplicate word with ValueError naming both ids', () => {
    const attempt = () => vocabularyFromWords(['a', 'b', 'a']);
    expect(attempt).toThrow(ValueError);
    expect(attempt).toThrow(/ids 0 and 2/);
    try {
      attempt();
    } catch (e) {
      expect(DprojError.isInstance(e)).toBe(true);
      expect((e as ValueError).op).toBe('vocabulary');
      expect((e as ValueError).argument).toBe('words[2]');
    }
  });

  it('rejects an empty word', () => {
    expect(() => vocabularyFromWords(['a', ''])).toThrow(ValueError);
  });
});

describe('buildVocabulary', () => {
  const text = 'b a c a b a d\ne a b';
  // counts: a 4, b 3, c 1, d 1, e 1; first appearance b, a, c, d, e

  it('ranks by frequency, ties by first appearance, with counts', async () => {
    const v = await buildVocabulary(text);
    expect(v.words).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(Array.from(v.counts!)).toEqual([4, 3, 1, 1, 1]);
    expect(v.unknownId).toBeUndefined();
    expect(v.idOf('a')).toBe(0);
    expect(v.idOf('e')).toBe(4);
  });

  it('is the same whatever the chunking', async () => {
    const one = await buildVocabulary(text);
    const chunks = await buildVocabulary(['b a c a', ' b a d\ne', ' a b']);
    expect(chunks.words).toEqual(one.words);
    expect(Array.from(chunks.counts!)).toEqual(Array.from(one.counts!));
  });

  it('keeps words with count ≥ minCount', async () => {
    const v = await buildVocabulary(text, { minCount: 2 });
    expect(v.words).toEqual(['a', 'b']);
    expect(Array.from(v.counts!)).toEqual([4, 3]);
  });

  it('keeps at most maxSize words, most frequent first', async () => {
    const v = await buildVocabulary(text, { maxSize: 3 });
    expect(v.words).toEqual(['a', 'b', 'c']);
  });

  it("with unknown 'unk' appends <unk> counting the dropped occurrences, within maxSize", async () => {
    const v = await buildVocabulary(text, { minCount: 2, unknown: 'unk' });
    expect(v.words).toEqual(['a', 'b', '<unk>']);
    expect(v.unknownId).toBe(2);
    expect(Array.from(v.counts!)).toEqual([4, 3, 3]);
    expect(v.idOf('<unk>')).toBe(2);

    const capped = await buildVocabulary(text, { maxSize: 2, unknown: 'unk', unkToken: 'UNK' });
    expect(capped.size).toBe(2);
    expect(capped.words).toEqual(['a', 'UNK']);
    expect(Array.from(capped.counts!)).toEqual([4, 6]);
  });

  it("with unknown 'unk' and nothing dropped, <unk> has count 0", async () => {
    const v = await buildVocabulary('x y x', { unknown: 'unk' });
    expect(v.words).toEqual(['x', 'y', '<unk>']);
    expect(Array.from(v.counts!)).toEqual([2, 1, 0]);
  });

  it('rejects an unkToken that occurs in the text', async () => {
    await expect(buildVocabulary('unk a', { unknown: 'unk', unkToken: 'unk' })).rejects.toThrow(ValueError);
  });

  it('honours lowercase: false', async () => {
    const v = await buildVocabulary('Bank bank BANK bank', { lowercase: false });
    expect(v.words).toEqual(['bank', 'Bank', 'BANK']);
    const lower = await buildVocabulary('Bank bank BANK bank');
    expect(lower.words).toEqual(['bank']);
    expect(Array.from(lower.counts!)).toEqual([4]);
  });

  it('reads async iterables and functions returning them', async () => {
    async function* gen() {
      yield 'river bank ';
      yield 'river';
    }
    expect((await buildVocabulary(gen())).words).toEqual(['river', 'bank']);
    expect((await buildVocabulary(() => gen())).words).toEqual(['river', 'bank']);
  });

  it('counts a word split across chunks in line mode once, and not in text mode', async () => {
    const line = await buildVocabulary(['riv', 'er ba', 'nk\nwa', 'ter']);
    expect(line.words).toEqual(['river', 'bank', 'water']);
    const text = await buildVocabulary(['riv', 'er'], { documents: 'text' });
    expect(text.words).toEqual(['riv', 'er']);
  });

  it('gives an empty vocabulary for empty text', async () => {
    const v = await buildVocabulary([]);
    expect(v.size).toBe(0);
    expect(v.counts!.length).toBe(0);
  });

  it('rejects bad options with ValueError naming the option', async () => {
    const cases: [object, string][] = [
      [{ minCount: 0 }, 'options.minCount'],
      [{ minCount: 1.5 }, 'options.minCount'],
      [{ maxSize: 0 }, 'options.maxSize'],
      [{ unknown: 'error' }, 'options.unknown'],
      [{ unkToken: '' }, 'options.unkToken'],
      [{ documents: 'page' }, 'options.documents'],
    ];
    for (const [options, argument] of cases) {
      const error = await buildVocabulary('a', options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValueError);
      expect((error as ValueError).argument).toBe(argument);
    }
  });

  it('rejects a chunk that is not a string', async () => {
    const error = await buildVocabulary(['a', 3 as unknown as string]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValueError);
    expect((error as ValueError).argument).toBe('source[1]');
  });
});
