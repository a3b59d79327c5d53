// One implementation's part of `pnpm bench`, in a process of its own: runtimes that fix their thread
// count at start-up (onnxruntime-web) get a clean start, and no peer's JIT or heap state leaks into
// another's timings. Started by main.mjs, which receives the rows over IPC.
import { IMPLEMENTATIONS } from './implementations.mjs';
import { runAll } from './runner.mjs';
import { benchCases } from './workloads/index.mjs';

const [key, preset, runs, warmup, workloads] = process.argv.slice(2);
const entry = IMPLEMENTATIONS.find((i) => i.key === key);
if (entry === undefined || process.send === undefined) {
  console.error(`run-impl: unknown implementation ${key}, or not started by main.mjs`);
  process.exit(2);
}
const send = (message) => new Promise((resolve) => process.send(message, resolve));
try {
  const created = await entry.create();
  if ('skip' in created) {
    await send({ skip: created.skip });
  } else {
    const timing = { runs: Number(runs), warmup: Number(warmup) };
    const result = await runAll(created, benchCases(/** @type {'full' | 'quick'} */ (preset), workloads ? workloads.split(',') : undefined), timing, (line) =>
      process.stderr.write(`  ${line}\n`),
    );
    await created.dispose();
    await send(result);
  }
} catch (error) {
  await send({ skip: `failed to start: ${error instanceof Error ? error.message : String(error)}` });
}
// onnxruntime-web's worker threads would otherwise keep the process alive.
process.exit(0);
