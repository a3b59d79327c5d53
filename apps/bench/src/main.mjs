#!/usr/bin/env node
// `pnpm bench`: times dproj's backends and the peers a user would pick on the same seeded inputs,
// after checking each one's result against the float64 reference oracle. A wrong answer is reported,
// never timed.
// Usage: node src/main.mjs [--quick] [--runs N] [--json results.json] [--only dproj-js,ort-1t,...]
//        [--workloads matmul,mha,...]
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './args.mjs';
import { IMPLEMENTATIONS } from './implementations.mjs';
import { describeLoad, describeMachine } from './machine.mjs';
import { jsonRows, markdownTable, notesList } from './table.mjs';
import { benchCases } from './workloads/index.mjs';

const args = parseArgs(process.argv.slice(2));
const child = fileURLToPath(new URL('./run-impl.mjs', import.meta.url));

/**
 * Runs one implementation in its own process and waits for its rows.
 * @param {string} key
 * @returns {Promise<{ rows?: import('./runner.mjs').Row[], notes?: import('./runner.mjs').Note[], skip?: string }>}
 */
function runChild(key) {
  return new Promise((resolve) => {
    let message;
    const p = fork(child, [key, args.preset, String(args.runs), String(args.warmup), (args.workloads ?? []).join(',')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    p.on('message', (m) => {
      message = m;
    });
    p.on('exit', (code) => resolve(message ?? { skip: `process exited with code ${code} before reporting` }));
  });
}

const started = performance.now();
console.log(`# dproj benchmark\n\nMachine: ${describeMachine()}\n\nLoad average (1/5/15 min) at start: ${describeLoad()}\n`);
console.log(`Preset: ${args.preset}; median of ${args.runs} runs after ${args.warmup} warm-up runs; each implementation in its own process.\n`);

/** @type {import('./runner.mjs').Row[]} */
const rows = [];
/** @type {import('./runner.mjs').Note[]} */
const notes = [];
/** @type {string[]} */
const skipped = [];
for (const { key } of IMPLEMENTATIONS) {
  if (args.only !== undefined && !args.only.includes(key)) continue;
  process.stderr.write(`${key}…\n`);
  const result = await runChild(key);
  if (result.skip !== undefined) skipped.push(`- ${key}: ${result.skip}`);
  rows.push(...(result.rows ?? []));
  notes.push(...(result.notes ?? []));
}

// Group by case, in case order; within a case, implementations keep their run order (a stable sort).
const order = benchCases(args.preset, args.workloads).map((c) => `${c.workload} ${c.size}`);
rows.sort((a, b) => order.indexOf(`${a.workload} ${a.size}`) - order.indexOf(`${b.workload} ${b.size}`));

console.log(markdownTable(rows));
console.log('\nRatios: the reference\'s median ms ÷ the row\'s (2.00 = twice as fast as that reference).');
if (notes.length > 0) console.log(`\nNot run:\n${notesList(notes)}`);
if (skipped.length > 0) console.log(`\nImplementations skipped:\n${skipped.join('\n')}`);
console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end: ${describeLoad()}.`);
if (args.json !== undefined) writeFileSync(args.json, `${JSON.stringify(jsonRows(rows), null, 2)}\n`);
