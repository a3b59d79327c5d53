// Extra compute threads without shared wasm memory: each worker instantiates its own copy of the
// kernels module, and a job ships it the byte ranges it reads, the kernel calls to make and the byte
// ranges to send back. The host lays the worker's memory out exactly like its own arena (same offsets),
// so the calls a worker makes are the very calls the host would make for the same rows. Copying the
// inputs costs O(input) next to the O(n³) or O(n²d) work that is split, and needs neither
// SharedArrayBuffer nor cross-origin isolation nor a threads build of the module.

import type { KernelExports } from './kernels.ts';

/** A kernel call for a worker: an export of the module and its numeric arguments. */
export type KernelCall = readonly [name: KernelName, ...args: number[]];

/** Exports that are kernels (functions), as opposed to the memory and globals. */
export type KernelName = Exclude<keyof KernelExports, 'memory' | '__heap_base'>;

/** A byte range [ptr, ptr + bytes) of linear memory. */
export type Region = readonly [ptr: number, bytes: number];

/** What one worker does: receive `inputs`, make `calls` in order, return `outputs`. */
export interface Job {
  readonly inputs: readonly Region[];
  readonly calls: readonly KernelCall[];
  readonly outputs: readonly Region[];
}

interface JobMessage {
  readonly id: number;
  readonly memoryBytes: number;
  readonly writes: readonly { readonly ptr: number; readonly data: ArrayBuffer }[];
  readonly calls: readonly KernelCall[];
  readonly reads: readonly Region[];
}

type Reply = { readonly id: number; readonly reads: ArrayBuffer[] } | { readonly id: number; readonly error: string };

/** The part of a Node `worker_threads.Worker` the pool uses. */
interface NodeWorker {
  postMessage(value: unknown, transfer?: readonly ArrayBuffer[]): void;
  on(event: 'message', listener: (value: Reply) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'exit', listener: () => void): void;
  ref(): void;
  unref(): void;
  terminate(): Promise<number>;
}

interface WorkerThreadsModule {
  readonly Worker: new (code: string, options: { eval: true; workerData: WebAssembly.Module }) => NodeWorker;
}

// The worker's whole program (CommonJS, as `eval` workers are). It owns one instance of the module and
// never decides anything: it copies bytes in, calls kernels by name, and posts bytes back.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = WebAssembly.instantiate(workerData, {});
parentPort.on('message', async (job) => {
  try {
    const k = (await ready).exports;
    const have = k.memory.buffer.byteLength;
    if (job.memoryBytes > have) k.memory.grow(Math.ceil((job.memoryBytes - have) / 65536));
    const bytes = new Uint8Array(k.memory.buffer);
    for (const w of job.writes) bytes.set(new Uint8Array(w.data), w.ptr);
    for (const [name, ...args] of job.calls) k[name](...args);
    const reads = job.reads.map(([ptr, len]) => k.memory.buffer.slice(ptr, ptr + len));
    parentPort.postMessage({ id: job.id, reads }, reads);
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String((error && error.stack) || error) });
  }
});
`;

/** One worker thread with its own module instance; jobs run in the order they are sent. */
class KernelThread {
  private nextId = 0;
  /** False once the thread has stopped (terminated or crashed). */
  alive = true;
  private readonly pending = new Map<number, { resolve: (reads: ArrayBuffer[]) => void; reject: (error: Error) => void }>();

  constructor(private readonly worker: NodeWorker) {
    worker.on('message', (reply) => {
      const waiter = this.pending.get(reply.id);
      if (waiter === undefined) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) waiter.reject(new Error(`wasm worker: ${reply.error}`));
      else waiter.resolve(reply.reads);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      this.alive = false;
      this.failAll(new Error('wasm worker: exited'));
    });
    // An idle worker must not keep the process alive; it is referenced only while a job is out.
    worker.unref();
  }

  run(memory: WebAssembly.Memory, job: Job): Promise<ArrayBuffer[]> {
    if (!this.alive) return Promise.reject(new Error('wasm worker: not running'));
    const id = this.nextId++;
    // slice() copies: the host's memory may grow (and detach) while the message is in flight.
    const writes = job.inputs.map(([ptr, bytes]) => ({ ptr, data: memory.buffer.slice(ptr, ptr + bytes) }));
    const message: JobMessage = { id, memoryBytes: memory.buffer.byteLength, writes, calls: job.calls, reads: job.outputs };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage(
        message,
        writes.map((w) => w.data),
      );
    });
  }

  async terminate(): Promise<void> {
    this.failAll(new Error('wasm worker: terminated'));
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/** Worker threads beside the calling thread, each with its own instance of the kernels module. */
export class ThreadPool {
  private constructor(private readonly threads: KernelThread[]) {}

  /**
   * `extra` worker threads running `module`, or undefined where this runtime has no worker_threads
   * (browsers, and runtimes that refuse to start one): the backend then computes on one thread and
   * says so in its capabilities.
   */
  static async create(module: WebAssembly.Module, extra: number): Promise<ThreadPool | undefined> {
    if (extra < 1) return undefined;
    const threadsModule = await loadWorkerThreads();
    if (threadsModule === undefined) return undefined;
    const threads: KernelThread[] = [];
    try {
      for (let t = 0; t < extra; t++) threads.push(new KernelThread(new threadsModule.Worker(WORKER_SOURCE, { eval: true, workerData: module })));
    } catch {
      await Promise.all(threads.map((thread) => thread.terminate()));
      return undefined;
    }
    return new ThreadPool(threads);
  }

  /** Worker threads (the calling thread not counted). */
  get size(): number {
    return this.threads.length;
  }

  /** Workers still running (0 after `dispose`). */
  get running(): number {
    return this.threads.filter((thread) => thread.alive).length;
  }

  /** Runs `job` on worker `index` against a copy of `memory`'s inputs; resolves to the output bytes. */
  run(index: number, memory: WebAssembly.Memory, job: Job): Promise<ArrayBuffer[]> {
    return this.threads[index].run(memory, job);
  }

  /** Terminates every worker; jobs still out are rejected. */
  async dispose(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }
}

/** node:worker_threads where it exists; the specifier is hidden from bundlers that target browsers. */
async function loadWorkerThreads(): Promise<WorkerThreadsModule | undefined> {
  const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  if (!isNode) return undefined;
  const specifier = 'node:worker_threads';
  try {
    return (await import(/* @vite-ignore */ specifier)) as WorkerThreadsModule;
  } catch {
    return undefined;
  }
}
