import type { Job, Region } from '../runtime/threads.ts';
import type { Wasm } from '../runtime/wasm.ts';

// Below this many flops a split costs more (messages, copies, a worker's wake-up) than it saves.
export const MIN_PARALLEL_FLOPS = 2 ** 23;
// Work per chunk handed out: enough that a message round trip (tens of µs) is a few percent of it.
const MIN_CHUNK_FLOPS = 2 ** 22;
// Chunks per thread: the finer the cut, the less a slow or descheduled thread holds the others up.
const CHUNKS_PER_THREAD = 8;
// Chunks a worker holds at once, so it never idles while its next chunk is in the post.
const WORKER_DEPTH = 2;

/** A computation whose output rows are independent, as `splitRows` runs it. */
export interface RowSplit {
  /** Rows of the output. */
  readonly rows: number;
  /** Chunk boundaries are multiples of this (the kernels' row block). */
  readonly align: number;
  /** Flops of one row (the average; `rowsAt` says how they are spread). */
  readonly flopsPerRow: number;
  /** Progress units of one row (heads, for multi-head attention). */
  readonly unitsPerRow: number;
  /** Byte ranges every chunk reads (packed B, packed keys): sent to each worker once per call. */
  readonly shared: readonly Region[];
  /** Rows [i0, i1) on this thread; calls `done(units)` as parts of them finish. */
  local(i0: number, i1: number, done: (units: number) => Promise<void>): Promise<void>;
  /** Rows [i0, i1) on a worker: their own inputs, the kernel calls and the output rows. */
  remote(i0: number, i1: number): Job;
  /** Maps a fraction of the work to the fraction of rows that does it (default: identity). */
  readonly rowsAt?: (workFraction: number) => number;
}

/**
 * Runs `split` over the calling thread and the pool's workers. The rows are cut into chunks; this
 * thread takes chunks from the front, the workers from the back (each holding up to two), until they
 * meet, so a thread that gets less of the CPU (a shared machine, a busy worker) simply does fewer
 * chunks instead of holding the call up. A worker's outputs are copied back at the same offsets as
 * soon as they arrive. Progress: `step(units done)`, counting rows finished anywhere, non-decreasing.
 * Without a pool, or below MIN_PARALLEL_FLOPS, everything runs here as one `local` call.
 */
export async function splitRows(wasm: Wasm, split: RowSplit, step: (done: number) => Promise<void>): Promise<void> {
  const { rows, align } = split;
  let doneUnits = 0;
  const done = async (units: number): Promise<void> => {
    doneUnits += units;
    await step(doneUnits);
  };
  const pool = wasm.pool;
  const blocks = Math.ceil(rows / align);
  const totalFlops = rows * split.flopsPerRow;
  if (pool === undefined || totalFlops < MIN_PARALLEL_FLOPS || blocks < 2) {
    await split.local(0, rows, done);
    return;
  }
  const count = Math.max(2, Math.min(blocks, CHUNKS_PER_THREAD * (pool.size + 1), Math.floor(totalFlops / MIN_CHUNK_FLOPS)));
  const rowsAt = split.rowsAt ?? ((f: number) => f);
  const bounds = Array.from({ length: count + 1 }, (_, t) => Math.min(rows, Math.round(blocks * rowsAt(t / count)) * align));
  const memory = wasm.kernels.memory;
  let front = 0;
  let back = count - 1;
  const inFlight: Promise<void>[] = [];
  const held = new Array<number>(pool.size).fill(0);
  const sentShared = new Array<boolean>(pool.size).fill(false);
  let failure: unknown;

  const feed = (w: number): void => {
    while (failure === undefined && held[w] < WORKER_DEPTH && front <= back) {
      const c = back--;
      const [i0, i1] = [bounds[c], bounds[c + 1]];
      if (i0 >= i1) continue;
      const job = split.remote(i0, i1);
      const inputs = sentShared[w] ? job.inputs : [...split.shared, ...job.inputs];
      sentShared[w] = true;
      held[w]++;
      const reply = pool.run(w, memory, { ...job, inputs }).then(
        (reads) => {
          // A fresh view: memory may have grown (and its buffer been replaced) since the job left.
          const bytes = new Uint8Array(memory.buffer);
          job.outputs.forEach(([ptr], r) => {
            bytes.set(new Uint8Array(reads[r]), ptr);
          });
          doneUnits += (i1 - i0) * split.unitsPerRow;
          held[w]--;
          feed(w);
        },
        (error: unknown) => {
          failure ??= error;
          held[w]--;
        },
      );
      inFlight.push(reply);
    }
  };

  for (let w = 0; w < pool.size; w++) feed(w);
  try {
    while (failure === undefined && front <= back) {
      const c = front++;
      await split.local(bounds[c], bounds[c + 1], done);
      // A macrotask turn, so the workers' replies are taken in and each gets its next chunk.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    // The workers finish what they hold regardless; wait, so no reply lands in the next call.
    await Promise.allSettled(inFlight);
    throw error;
  }
  // Replies may still feed more jobs, which push onto inFlight: wait until none is left.
  for (let settled = 0; settled < inFlight.length; settled++) await inFlight[settled];
  if (failure !== undefined) throw failure;
  await step(doneUnits);
}
