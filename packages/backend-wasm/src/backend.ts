import { DisposedError, SPEC_VERSION } from '@dproj/core';
import type {
  AttentionInput,
  AttentionResult,
  Backend,
  BackendStats,
  Capabilities,
  CooccurrenceOptions,
  CooccurrenceResult,
  Corpus,
  MultiHeadInput,
  MultiHeadResult,
  OpInputs,
  OpName,
  ProjectionInput,
  ProjectionResult,
  Support,
} from '@dproj/core';
import { attention } from './ops/attention.ts';
import { cooccurrence, pairKeysFit } from './ops/cooccurrence.ts';
import { multiHead } from './ops/multi-head.ts';
import { projection } from './ops/projection.ts';
import { Arena } from './runtime/arena.ts';
import type { KernelExports } from './runtime/kernels.ts';
import type { ThreadPool } from './runtime/threads.ts';
import type { Wasm } from './runtime/wasm.ts';

function capabilitiesFor(threads: number): Capabilities {
  return {
    precision: 'float32',
    threads,
    supports<K extends OpName>(op: K, input: OpInputs[K]): Support {
      if (op !== 'cooccurrence') return { ok: true };
      const { corpus, options } = input as OpInputs['cooccurrence'];
      return pairKeysFit(corpus, options);
    },
  };
}

/**
 * The WebAssembly SIMD backend: one module instance with its own linear memory, plus optional worker
 * threads with their own instances (matmuls and attention split their output rows over them). Calls
 * run one at a time (a call may pause between kernel calls to report progress, and the next waits),
 * each with the arena to itself; the arena is emptied when the call settles, so `stats()` is zero
 * between calls. `capabilities.threads` counts the calling thread and the workers actually started.
 */
export class WasmBackend implements Backend {
  readonly specVersion = SPEC_VERSION;
  readonly capabilities: Capabilities;
  private wasm: Wasm | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    kernels: KernelExports,
    pool?: ThreadPool,
  ) {
    const base = (kernels.__heap_base.value as number) >>> 0;
    const arena = new Arena(kernels.memory, base);
    this.wasm = pool === undefined ? { kernels, arena } : { kernels, arena, pool };
    this.capabilities = capabilitiesFor(1 + (pool?.size ?? 0));
  }

  async cooccurrence(corpus: Corpus, options: CooccurrenceOptions): Promise<CooccurrenceResult> {
    return this.run('cooccurrence', (wasm) => cooccurrence(wasm, corpus, options));
  }

  async projection(input: ProjectionInput): Promise<ProjectionResult> {
    return this.run('projection', (wasm) => projection(wasm, input));
  }

  async attention(input: AttentionInput): Promise<AttentionResult> {
    return this.run('attention', (wasm) => attention(wasm, input));
  }

  async multiHead(input: MultiHeadInput): Promise<MultiHeadResult> {
    return this.run('multiHead', (wasm) => multiHead(wasm, input));
  }

  stats(): BackendStats {
    const arena = this.wasm?.arena;
    return { liveBuffers: arena?.liveBlocks ?? 0, liveBytes: arena?.liveBytes ?? 0 };
  }

  async dispose(): Promise<void> {
    const wasm = this.wasm;
    if (wasm === undefined) return;
    this.wasm = undefined;
    // A call already running keeps its own reference and finishes; the instance is released after it.
    await this.queue.catch(() => undefined);
    wasm.arena.reset();
    // Workers hold no state between calls; terminating them lets the process exit.
    await wasm.pool?.dispose();
  }

  /** Runs `body` after every earlier call, with the arena to itself, and empties the arena after. */
  private run<T>(op: OpName, body: (wasm: Wasm) => Promise<T>): Promise<T> {
    const wasm = this.liveWasm(op);
    const next = this.queue.then(async () => {
      wasm.arena.begin(op);
      try {
        return await body(wasm);
      } finally {
        wasm.arena.reset();
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private liveWasm(op: OpName): Wasm {
    if (this.wasm === undefined) throw new DisposedError(`${op}: the '${this.name}' backend has been disposed`, { op });
    return this.wasm;
  }
}
