import type { OrtModule, OrtTensor, OrtTensorType } from './ort-module.ts';
import type { SessionCache } from './session-cache.ts';

/** A host array handed to a graph input. */
export type Feed =
  | { readonly type: 'float32'; readonly data: Float32Array; readonly dims: readonly number[] }
  | { readonly type: 'float64'; readonly data: Float64Array; readonly dims: readonly number[] }
  | { readonly type: 'int64'; readonly data: BigInt64Array; readonly dims: readonly number[] }
  | { readonly type: 'bool'; readonly data: Uint8Array; readonly dims: readonly number[] };

/** A graph output copied to the host. */
export interface Fetched {
  readonly dims: readonly number[];
  readonly data: Float32Array | Float64Array | BigInt64Array | Uint8Array;
}

// Runs on one runtime module go one at a time: onnxruntime-web's wasm instance is shared by every
// session of the page or process, and overlapping runs on it are not supported.
const queues = new WeakMap<OrtModule, Promise<unknown>>();

function serialized<T>(ort: OrtModule, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(ort) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(
    ort,
    next.catch(() => undefined),
  );
  return next;
}

const HOST_ARRAY: Record<OrtTensorType, (data: unknown) => Fetched['data']> = {
  float32: (d) => d as Float32Array,
  float64: (d) => d as Float64Array,
  int64: (d) => d as BigInt64Array,
  bool: (d) => d as Uint8Array,
};

/**
 * Runs cached graphs and keeps count of the runtime tensors alive meanwhile (inputs made for a run and
 * outputs not yet read back). Every tensor is released before the call returns, so the count is 0
 * between calls.
 */
export class GraphRunner {
  private liveTensors = 0;
  private liveTensorBytes = 0;

  constructor(
    private readonly ort: OrtModule,
    readonly sessions: SessionCache,
  ) {}

  /** Live runtime tensors and their bytes. */
  get live(): { readonly buffers: number; readonly bytes: number } {
    return { buffers: this.liveTensors, bytes: this.liveTensorBytes };
  }

  /** Runs the graph of `key` (built by `build` on first use) on `feeds`; returns every output on the host. */
  async run(key: string, build: () => Uint8Array, feeds: Readonly<Record<string, Feed>>): Promise<Record<string, Fetched>> {
    const session = await this.sessions.get(key, build);
    return serialized(this.ort, async () => {
      const inputs: Record<string, OrtTensor> = {};
      let bytes = 0;
      // A graph declares only the inputs its key needs; feeds it does not read are left out.
      for (const name of session.inputNames) {
        const feed = feeds[name];
        if (feed === undefined) throw new Error(`graph ${key} needs input '${name}', which the call did not provide`);
        inputs[name] = new this.ort.Tensor(feed.type, feed.data, feed.dims);
        bytes += feed.data.byteLength;
      }
      const inputCount = Object.keys(inputs).length;
      this.track(inputCount, bytes);
      let outputs: Record<string, OrtTensor> = {};
      let outputCount = 0;
      let outputBytes = 0;
      try {
        outputs = await session.run(inputs);
        outputCount = Object.keys(outputs).length;
        this.track(outputCount, 0);
        const fetched: Record<string, Fetched> = {};
        for (const [name, tensor] of Object.entries(outputs)) {
          // CPU outputs own fresh arrays, so they are handed on without a copy.
          const data = HOST_ARRAY[tensor.type as OrtTensorType](tensor.data);
          outputBytes += data.byteLength;
          this.track(0, data.byteLength);
          fetched[name] = { dims: tensor.dims, data };
        }
        return fetched;
      } finally {
        for (const tensor of [...Object.values(inputs), ...Object.values(outputs)]) tensor.dispose?.();
        this.track(-inputCount - outputCount, -bytes - outputBytes);
      }
    });
  }

  private track(buffers: number, bytes: number): void {
    this.liveTensors += buffers;
    this.liveTensorBytes += bytes;
  }
}
