// onnxruntime-web's wasm execution provider. In Node only the package's bare import works: its `node`
// export condition picks the build that loads the .wasm from the package directory.
import * as ort from 'onnxruntime-web';
import { attentionModel, matmulModel, multiHeadModel, projectionModel } from './onnx-graphs.mjs';
import { packColumns } from './pack-heads.mjs';

/** The thread count the wasm runtime was started with; it is fixed at the first session. */
let startedWith;

/**
 * onnxruntime-web as a benchmark implementation. The runtime reads `numThreads` once, when the first
 * session starts it, so each thread count needs its own process; a second count in one process is an
 * error rather than a silently mislabelled row.
 * @param {number} threads
 * @returns {Promise<import('../runner.mjs').Adapter>}
 */
export async function onnxruntimeAdapter(threads) {
  if (startedWith !== undefined && startedWith !== threads) {
    throw new Error(`onnxruntime-web already started with ${startedWith} thread(s) in this process`);
  }
  startedWith = threads;
  ort.env.wasm.numThreads = threads;
  ort.env.logLevel = 'error';
  return {
    impl: 'onnxruntime-web',
    threads,
    unsupported: (workload) =>
      workload === 'projection-sotu'
        ? 'no sparse operator: a dense 24k×24k S would be 2.3 GB'
        : workload === 'cooccurrence'
          ? 'no co-occurrence operator (dproj only)'
          : undefined,
    prepare: (workload, input) => prepare(workload, input),
    dispose: async () => {},
  };
}

/**
 * @param {Uint8Array} bytes
 */
function session(bytes) {
  return ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
}

/**
 * @param {Float32Array} data
 * @param {number[]} dims
 */
const f32 = (data, dims) => new ort.Tensor('float32', data, dims);

/**
 * @param {import('../workloads/case.mjs').Workload} workload
 * @param {import('../workloads/case.mjs').CaseInput} input (its shape follows `workload`)
 * @returns {Promise<import('../runner.mjs').Prepared>}
 */
async function prepare(workload, input) {
  switch (workload) {
    case 'matmul': {
      const { n, a, b } = input;
      const s = await session(matmulModel(n));
      return {
        run: async () => ({ c: (await s.run({ A: f32(a.data, [n, n]), B: f32(b.data, [n, n]) })).C.data }),
        release: () => s.release(),
      };
    }
    case 'attention':
    case 'attention-causal': {
      const { h, wq, wk, wv } = input;
      const s = await session(
        attentionModel({ n: h.rows, d: h.cols, dk: wq.cols, dv: wv.cols, causal: workload === 'attention-causal' }),
      );
      return {
        run: async () => {
          const feeds = {
            H: f32(h.data, [h.rows, h.cols]),
            WQ: f32(wq.data, [wq.rows, wq.cols]),
            WK: f32(wk.data, [wk.rows, wk.cols]),
            WV: f32(wv.data, [wv.rows, wv.cols]),
          };
          return { out: (await s.run(feeds)).O.data };
        },
        release: () => s.release(),
      };
    }
    case 'mha': {
      const { h, heads, wo } = input;
      const dk = heads[0].wq.cols;
      const inner = heads.length * dk;
      const packed = ['wq', 'wk', 'wv'].map((key) => packColumns(heads.map((w) => w[key])));
      const s = await session(multiHeadModel({ n: h.rows, dModel: h.cols, heads: heads.length, dk, dOut: wo.cols }));
      return {
        run: async () => {
          const feeds = {
            H: f32(h.data, [h.rows, h.cols]),
            WQ: f32(packed[0], [h.cols, inner]),
            WK: f32(packed[1], [h.cols, inner]),
            WV: f32(packed[2], [h.cols, inner]),
            WO: f32(wo.data, [wo.rows, wo.cols]),
          };
          return { out: (await s.run(feeds)).OUT.data };
        },
        release: () => s.release(),
      };
    }
    case 'projection-dense': {
      const { tokens, s: operator, k } = input;
      // The operator is a model constant, resident like a loaded model; only the token ids cross per call.
      const s = await session(projectionModel({ n: tokens.length, k, s: operator }));
      const x = Int32Array.from(tokens);
      return {
        run: async () => {
          const r = await s.run({ X: new ort.Tensor('int32', x, [x.length]) });
          return { m: r.M.data, scores: r.SCORES.data, ids: Array.from(r.IDS.data, Number) };
        },
        release: () => s.release(),
      };
    }
    default:
      throw new Error(`onnxruntime-web: no ${workload}`);
  }
}
