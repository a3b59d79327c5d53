import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeCooccurrence, encodeCooccurrence, vocabularyFromWords } from '@dproj/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../src/cli/cli-error.ts';
import { readCoocFile } from '../src/cooc-file.ts';
import { coocBytes, run, tempDir, writeFixture } from './cli-fixture.ts';

let dir: string;
let cleanup: () => Promise<void>;
let good: Uint8Array;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  good = await coocBytes({ offsets: true });
});
afterAll(() => cleanup());

describe('readCoocFile', () => {
  it('reads what core wrote: the vocabulary, S and the offsets', async () => {
    const path = await writeFixture(dir, 'good.dpco', good);
    const file = await readCoocFile(path);
    const expected = decodeCooccurrence(good);
    expect(file.vocab.words).toEqual(expected.vocab.words);
    expect(Array.from(file.result.matrix.values)).toEqual(Array.from(expected.result.matrix.values));
    expect(file.result.offsets).toHaveLength(2);
    expect(file.result.settings.window).toBe(2);
  });

  it("decodes fs.readFile's Buffer, a view into a larger (pooled) ArrayBuffer", async () => {
    const path = await writeFixture(dir, 'pooled.dpco', good);
    const buffer = await readFile(path);
    // Whether this Buffer is pooled depends on its size; force a view at an offset either way.
    const view = Buffer.concat([Buffer.alloc(5), buffer]).subarray(5);
    expect(view.byteOffset).toBeGreaterThan(0);
    expect(decodeCooccurrence(view).vocab.words).toEqual(decodeCooccurrence(good).vocab.words);
  });

  it('names a missing file, a directory, and a foreign, truncated or damaged file', async () => {
    await expect(readCoocFile(join(dir, 'nope.dpco'))).rejects.toThrow(`cannot read co-occurrence file '${join(dir, 'nope.dpco')}': no such file`);
    await expect(readCoocFile(dir)).rejects.toThrow('it is a directory');
    const foreign = await writeFixture(dir, 'foreign.dpco', 'word 0.1 0.2\n');
    await expect(readCoocFile(foreign)).rejects.toThrow(/is not a usable co-occurrence file: not a dproj co-occurrence file/);
    const truncated = await writeFixture(dir, 'truncated.dpco', good.subarray(0, good.length - 20));
    await expect(readCoocFile(truncated)).rejects.toThrow(/not a usable co-occurrence file: truncated/);
    const flipped = good.slice();
    flipped[flipped.length - 12] ^= 0x01;
    const damaged = await writeFixture(dir, 'damaged.dpco', flipped);
    await expect(readCoocFile(damaged)).rejects.toThrow(CliError);
    await expect(readCoocFile(damaged)).rejects.toThrow(/checksum mismatch: the file is damaged/);
  });

  it('refuses a file with no words, or words that never co-occur', async () => {
    const settings = { window: 2, weighting: 'harmonic', direction: 'symmetric', zeroDiagonal: false, crossDocuments: false } as const;
    const nothing = { rows: 0, cols: 0, rowPtr: new Uint32Array(1), colIdx: new Uint32Array(0), values: new Float32Array(0) };
    const noWords = encodeCooccurrence({ matrix: nothing, settings, tokens: 0 }, vocabularyFromWords([]));
    const empty = await writeFixture(dir, 'empty.dpco', noWords);
    await expect(readCoocFile(empty)).rejects.toThrow(/is empty \(0 words, no co-occurring pairs\)/);
    // One-word documents: a vocabulary, but no pair within any window.
    const lonely = await writeFixture(dir, 'lonely.dpco', await coocBytes({}, 'hello\nworld'));
    await expect(readCoocFile(lonely)).rejects.toThrow(/is empty \(2 words, no co-occurring pairs\)/);
    const r = await run(['project', '--cooc', empty, '--text', 'the cat']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^dproj: co-occurrence file '.*empty\.dpco' is empty/);
  });
});
