// TensorFlow.js with its CPU (plain JS kernels) and WebAssembly (XNNPACK) backends.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { causalBias } from './onnx-graphs.mjs';
import { packColumns } from './pack-heads.mjs';

/** @typedef {'wasm' | 'cpu'} TfjsBackend */

let configured = false;

/**
 * Once per process: production mode (no debug checks, and no "install tfjs-node" banner on stdout) and
 * the directory the wasm backend reads its .wasm files from — in Node a file path, not a URL.
 */
function configure() {
  if (configured) return;
  configured = true;
  tf.enableProdMode();
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
}

/**
 * A tfjs backend as a benchmark implementation. Every call uploads its inputs as tensors and reads the
 * result back with `data()`, host arrays in and out like the other implementations.
 * @param {TfjsBackend} backend
 * @returns {Promise<import('../runner.mjs').Adapter>}
 */
export async function tfjsAdapter(backend) {
  configure();
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to start`);
  await tf.ready();
  // Node has no cross-origin isolation, so the wasm backend runs its single-threaded SIMD build.
  const threads = backend === 'wasm' ? getThreadsCount() : 1;
  return {
    impl: `@tensorflow/tfjs-backend-${backend}`,
    threads,
    unsupported: (workload) =>
      workload === 'projection-sotu'
        ? 'no sparse matmul: a dense 24k×24k S would be 2.3 GB'
        : workload === 'cooccurrence'
          ? 'no co-occurrence operator (dproj only)'
          : undefined,
    prepare: async (workload, input) => {
      // Several adapters share tfjs's one engine (in tests); each case runs on its own backend.
      await tf.setBackend(backend);
      return prepare(workload, input);
    },
    dispose: async () => {},
  };
}

/**
 * @param {import('@dproj/core').Matrix} m
 */
const tensor = (m) => tf.tensor2d(m.data, [m.rows, m.cols]);

/**
 * @param {import('../workloads/case.mjs').Workload} workload
 * @param {import('../workloads/case.mjs').CaseInput} input (its shape follows `workload`)
 * @returns {import('../runner.mjs').Prepared}
 */
function prepare(workload, input) {
  switch (workload) {
    case 'matmul':
      return { run: async () => ({ c: await read(() => tf.matMul(tensor(input.a), tensor(input.b))) }) };
    case 'attention':
    case 'attention-causal': {
      const { h, wq, wk, wv } = input;
      const n = h.rows;
      const bias = workload === 'attention-causal' ? tf.tensor2d(causalBias(n), [n, n]) : undefined;
      const scale = 1 / Math.sqrt(wq.cols);
      return {
        run: async () => ({
          out: await read(() => {
            const x = tensor(h);
            const scores = tf.mul(tf.matMul(tf.matMul(x, tensor(wq)), tf.matMul(x, tensor(wk)), false, true), scale);
            return tf.matMul(tf.softmax(bias === undefined ? scores : tf.add(scores, bias)), tf.matMul(x, tensor(wv)));
          }),
        }),
        release: () => bias?.dispose(),
      };
    }
    case 'mha': {
      const { h, heads, wo } = input;
      const n = h.rows;
      const count = heads.length;
      const dk = heads[0].wq.cols;
      const inner = count * dk;
      const packed = ['wq', 'wk', 'wv'].map((key) => packColumns(heads.map((w) => w[key])));
      return {
        run: async () => ({
          out: await read(() => {
            const x = tensor(h);
            // [n, heads·dk] → [heads, n, dk]: the heads are batched, never copied apart by hand.
            const split = (w) => tf.transpose(tf.reshape(tf.matMul(x, tf.tensor2d(w, [h.cols, inner])), [n, count, dk]), [1, 0, 2]);
            const [q, k, v] = packed.map(split);
            const p = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dk)));
            const o = tf.reshape(tf.transpose(tf.matMul(p, v), [1, 0, 2]), [n, inner]);
            return tf.matMul(o, tensor(wo));
          }),
        }),
      };
    }
    case 'projection-dense': {
      const { tokens, s, k } = input;
      // The operator stays resident as a tensor, like a loaded model; only token ids cross per call.
      const operator = tensor(s);
      return {
        run: async () => {
          const [m, top] = tf.tidy(() => {
            const x = tf.tensor1d(Int32Array.from(tokens), 'int32');
            const r = tf.gather(operator, x);
            const mx = tf.gather(r, x, 1);
            return [mx, tf.topk(tf.matMul(mx, r), k)];
          });
          const out = { m: await m.data(), scores: await top.values.data(), ids: await top.indices.data() };
          tf.dispose([m, top.values, top.indices]);
          return out;
        },
        release: () => operator.dispose(),
      };
    }
    default:
      throw new Error(`tfjs: no ${workload}`);
  }
}

/**
 * Runs a tensor computation, reads its result to the host and frees every intermediate.
 * @param {() => tf.Tensor} compute
 * @returns {Promise<Float32Array>}
 */
async function read(compute) {
  const result = tf.tidy(compute);
  const data = await result.data();
  result.dispose();
  return /** @type {Float32Array} */ (data);
}
