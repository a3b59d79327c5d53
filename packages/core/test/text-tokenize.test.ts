import { describe, expect, it } from 'vitest';
import { splitCompleteSentences, splitSentences, tokenize } from '../src/text/tokenize.ts';

describe('tokenize', () => {
  it('splits on whitespace and punctuation and lower-cases by default', () => {
    expect(tokenize('The River, the BANK; and water!')).toEqual(['the', 'river', 'the', 'bank', 'and', 'water']);
  });

  it('keeps case when asked', () => {
    expect(tokenize('The River', { lowercase: false })).toEqual(['The', 'River']);
  });

  it('keeps letters with diacritics and lower-cases them', () => {
    expect(tokenize('Ünïcödé café naïve')).toEqual(['ünïcödé', 'café', 'naïve']);
  });

  it('normalizes to NFC, so decomposed and precomposed spellings give the same word', () => {
    const decomposed = 'cafe\u0301 nai\u0308ve';
    const words = tokenize(decomposed);
    expect(words).toEqual(['café', 'naïve']);
    expect(words[0]).toBe('caf\u00e9');
    expect(words[0]!.length).toBe(4);
  });

  it('reads other scripts and combining marks as parts of words', () => {
    expect(tokenize('Привет, МИР! Γειά σου κόσμε')).toEqual(['привет', 'мир', 'γειά', 'σου', 'κόσμε']);
    expect(tokenize('हिन्दी भाषा')).toEqual(['हिन्दी', 'भाषा']);
    // Unsegmented scripts: a run of letters is one word.
    expect(tokenize('東京都。大阪')).toEqual(['東京都', '大阪']);
  });

  it('keeps inner apostrophes between letters, folding ’ to \'', () => {
    expect(tokenize("Don't stop, o'clock")).toEqual(["don't", 'stop', "o'clock"]);
    expect(tokenize('don’t')).toEqual(["don't"]);
    expect(tokenize("rock'n'roll")).toEqual(["rock'n'roll"]);
  });

  it('drops apostrophes and quotes at word edges', () => {
    expect(tokenize("'quoted' the dogs' bowl")).toEqual(['quoted', 'the', 'dogs', 'bowl']);
    expect(tokenize('‘single’ “double”')).toEqual(['single', 'double']);
  });

  it('keeps hyphens between letters, including Unicode hyphens', () => {
    expect(tokenize('state-of-the-art work')).toEqual(['state-of-the-art', 'work']);
    expect(tokenize('well\u2010known')).toEqual(['well-known']);
    expect(tokenize('a - b -- c- -d')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('splits at a hyphen or apostrophe that is not between letters', () => {
    expect(tokenize('COVID-19 1-2 x-1')).toEqual(['covid', '19', '1', '2', 'x', '1']);
    expect(tokenize("90's")).toEqual(['90', 's']);
  });

  it('keeps numbers, split at decimal points and separators', () => {
    expect(tokenize('In 2024 it cost 3.14 or 1,000 coins; x2')).toEqual([
      'in',
      '2024',
      'it',
      'cost',
      '3',
      '14',
      'or',
      '1',
      '000',
      'coins',
      'x2',
    ]);
  });

  it('drops symbols, underscores and emoji', () => {
    expect(tokenize('a_b + c = d 🙂 #tag @you')).toEqual(['a', 'b', 'c', 'd', 'tag', 'you']);
  });

  it('gives nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' ... !? -- ')).toEqual([]);
  });
});

describe('splitSentences', () => {
  it('splits after . ! ? followed by whitespace or the end, keeping the terminator', () => {
    expect(splitSentences('The river runs. Is it deep? Yes!  It is.')).toEqual([
      'The river runs.',
      'Is it deep?',
      'Yes!',
      'It is.',
    ]);
  });

  it('does not split inside a token such as 3.14 or e.g', () => {
    expect(splitSentences('Pi is 3.14 today. Done')).toEqual(['Pi is 3.14 today.', 'Done']);
  });

  it('keeps closing quotes and brackets with the sentence', () => {
    expect(splitSentences('He said "stop." Then (he left.) Fine')).toEqual(['He said "stop."', 'Then (he left.)', 'Fine']);
  });

  it('splits at blank lines but not at single line breaks', () => {
    expect(splitSentences('a heading\n\nthe body goes\non here\r\n  \r\nlast')).toEqual([
      'a heading',
      'the body goes\non here',
      'last',
    ]);
  });

  it('drops empty sentences', () => {
    expect(splitSentences('  ')).toEqual([]);
    expect(splitSentences('... ! ?')).toEqual(['...', '!', '?']);
  });

  it('splitCompleteSentences holds back a sentence whose end is not yet confirmed', () => {
    expect(splitCompleteSentences('One. Two')).toEqual({ sentences: ['One.'], rest: ' Two' });
    expect(splitCompleteSentences('One. Two.')).toEqual({ sentences: ['One.'], rest: ' Two.' });
    expect(splitCompleteSentences('no end')).toEqual({ sentences: [], rest: 'no end' });
  });
});
