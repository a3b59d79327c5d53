import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { pairPass, vocabularyPass } from './passes.ts';
import type { WorkerPairs, WorkerReport, WorkerStart } from './worker-protocol.ts';

// A counting thread: pass one over its segments, then (once the main thread has ranked the merged
// vocabulary) pass two, handing back its last table and dense corner without copying them.
function requirePort(): MessagePort {
  if (parentPort === null) throw new Error('count-worker must run as a worker thread');
  return parentPort;
}
const port = requirePort();
const start = workerData as WorkerStart;
const post = (report: WorkerReport, transfer: ArrayBuffer[] = []): void => port.postMessage(report, transfer);
// Progress is batched: a message per 8 MiB chunk is cheap enough.
const onBytes = (bytes: number): void => post({ kind: 'bytes', bytes });

async function main(): Promise<void> {
  const part = await vocabularyPass(start.work, start.lowercase, onBytes);
  post({ kind: 'vocab', part });
  const order = await new Promise<WorkerPairs>((resolve) => port.once('message', resolve));
  const pairs = await pairPass(start.work, order.vocabulary, start.lowercase, order.settings, order.plan, order.place, onBytes, () =>
    post({ kind: 'spill' }),
  );
  const buffers = [pairs.entries.rows.buffer, pairs.entries.cols.buffer, pairs.entries.vals.buffer, pairs.dense.buffer];
  post({ kind: 'pairs', part: pairs }, buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer));
}

main().catch((error: unknown) => post({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
