import type { Job } from '../runtime/threads.ts';
import type { Wasm } from '../runtime/wasm.ts';

// Below this many flops a split costs more (messages, copies, a worker's wake-up) than it saves.
export const MIN_PARALLEL_FLOPS = 2 ** 23;

/**
 * Runs a computation whose output rows are independent over the calling thread and the pool's
 * workers: rows [0, rows) are cut into equal parts (boundaries multiples of `align`, the kernels' row
 * block), part 0 runs here through `local` (which may report progress and be aborted), part t ≥ 1 on
 * worker t − 1 as the job `remote(i0, i1)`, whose outputs are copied back to the same offsets. Without
 * a pool, or when `worth` is false, everything runs through `local`. `rowsAt` maps a fraction of the
 * work to the fraction of rows that does it, where rows cost unequal amounts (default: identity).
 */
export async function splitRows(
  wasm: Wasm,
  rows: number,
  align: number,
  worth: boolean,
  local: (i0: number, i1: number) => Promise<void>,
  remote: (i0: number, i1: number) => Job,
  rowsAt: (workFraction: number) => number = (f) => f,
): Promise<void> {
  const pool = wasm.pool;
  const blocks = Math.ceil(rows / align);
  const parts = pool === undefined || !worth ? 1 : Math.min(pool.size + 1, blocks);
  if (parts <= 1) {
    await local(0, rows);
    return;
  }
  const bounds = Array.from({ length: parts + 1 }, (_, t) => Math.min(rows, Math.round(blocks * rowsAt(t / parts)) * align));
  const memory = wasm.kernels.memory;
  const sent: { job: Job; reply: Promise<ArrayBuffer[]> }[] = [];
  for (let t = 1; t < parts; t++) {
    if (bounds[t] >= bounds[t + 1]) continue;
    const job = remote(bounds[t], bounds[t + 1]);
    sent.push({ job, reply: pool!.run(t - 1, memory, job) });
  }
  try {
    await local(0, bounds[1]);
  } catch (error) {
    // The workers finish their parts regardless; wait, so no reply lands in the next call.
    await Promise.allSettled(sent.map((s) => s.reply));
    throw error;
  }
  const replies = await Promise.all(sent.map((s) => s.reply));
  // The view is made after every await: memory may have grown (and its buffer been replaced) meanwhile.
  const bytes = new Uint8Array(memory.buffer);
  replies.forEach((reads, s) => {
    sent[s].job.outputs.forEach(([ptr], r) => {
      bytes.set(new Uint8Array(reads[r]), ptr);
    });
  });
}
