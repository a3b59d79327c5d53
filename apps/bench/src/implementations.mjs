import { jsBackend } from '@dproj/backend-js';
import { dprojAdapter } from './dproj.mjs';

/**
 * What a key makes: an adapter, or the reason it cannot run here.
 * @typedef {import('./runner.mjs').Adapter | { skip: string }} Created
 */

/**
 * Every implementation the benchmark knows, in table order. Each runs in its own process (see main.mjs),
 * so peers are imported only by the process that runs them.
 * @type {readonly { key: string, create: () => Promise<Created> }[]}
 */
export const IMPLEMENTATIONS = [
  { key: 'dproj-js', create: () => dprojAdapter(jsBackend()) },
  { key: 'dproj-wasm-1t', create: () => wasmAdapter(1) },
  { key: 'dproj-wasm-2t', create: () => wasmAdapter(2) },
  { key: 'dproj-webgpu', create: () => optionalAdapter('@dproj/backend-webgpu', 'webgpuBackend', softwareGpuSkip) },
  { key: 'dproj-onnx', create: () => optionalAdapter('@dproj/backend-onnx', 'onnxBackend') },
  { key: 'dproj-onnx-node', create: () => onnxNodeAdapter() },
  { key: 'tfjs-wasm', create: async () => (await import('./peers/tfjs.mjs')).tfjsAdapter('wasm') },
  { key: 'tfjs-cpu', create: async () => (await import('./peers/tfjs.mjs')).tfjsAdapter('cpu') },
  { key: 'ort-1t', create: async () => (await import('./peers/onnxruntime.mjs')).onnxruntimeAdapter(1) },
  { key: 'ort-2t', create: async () => (await import('./peers/onnxruntime.mjs')).onnxruntimeAdapter(2) },
  { key: 'plain-js', create: async () => (await import('./peers/plain-js.mjs')).plainJsAdapter() },
];

/**
 * dproj's WebAssembly backend with a given thread count, when its package is installed, its probe
 * passes and it really runs that many threads.
 * @param {number} threads
 * @returns {Promise<Created>}
 */
async function wasmAdapter(threads) {
  /** @type {{ wasmBackend?: (options?: { threads?: number }) => import('@dproj/core').BackendFactory }} */
  let pkg;
  try {
    pkg = await import('@dproj/backend-wasm');
  } catch {
    return { skip: '@dproj/backend-wasm is not installed' };
  }
  if (typeof pkg.wasmBackend !== 'function') return { skip: '@dproj/backend-wasm exports no wasmBackend()' };
  const factory = pkg.wasmBackend({ threads });
  const availability = await factory.probe();
  if (!availability.available) return { skip: `probe: ${availability.reason}` };
  const adapter = await dprojAdapter(factory);
  if (adapter.threads !== threads) {
    await adapter.dispose();
    return { skip: `asked for ${threads} thread(s), the backend runs ${adapter.threads}` };
  }
  return adapter;
}

/**
 * A dproj backend from a package that may be absent or unable to run here (no GPU adapter, no
 * runtime): the skip says which, from the package's own probe.
 * @param {string} packageName
 * @param {string} factoryExport the name of the function that makes the factory
 * @param {(backend: unknown) => string | undefined} [skipAfterCreate] a reason not to time the created backend
 * @returns {Promise<Created>}
 */
async function optionalAdapter(packageName, factoryExport, skipAfterCreate = () => undefined) {
  /** @type {Record<string, unknown>} */
  let pkg;
  try {
    pkg = await import(packageName);
  } catch {
    return { skip: `${packageName} is not installed` };
  }
  const make = pkg[factoryExport];
  if (typeof make !== 'function') return { skip: `${packageName} exports no ${factoryExport}()` };
  /** @type {import('@dproj/core').BackendFactory} */
  const factory = make();
  const availability = await factory.probe();
  if (!availability.available) return { skip: `probe: ${availability.reason}` };
  const adapter = await dprojAdapter(factory);
  const reason = skipAfterCreate(adapter.backend);
  if (reason === undefined) return adapter;
  await adapter.dispose();
  return { skip: reason };
}

/**
 * A software WebGPU adapter (SwiftShader on a machine without a GPU) computes exactly but at about
 * 0.1 GFLOP/s: the full sizes would take most of an hour and time a CPU emulation, not a GPU. It is
 * skipped unless BENCH_SOFTWARE_GPU=1 asks for it (the --quick oracle test runs it regardless).
 * @param {unknown} backend
 * @returns {string | undefined}
 */
function softwareGpuSkip(backend) {
  const adapter = /** @type {{ adapter?: { description: string, software: boolean } }} */ (backend).adapter;
  if (adapter === undefined || !adapter.software || process.env.BENCH_SOFTWARE_GPU === '1') return undefined;
  return `software adapter (${adapter.description}): no GPU here; BENCH_SOFTWARE_GPU=1 times it anyway`;
}

/**
 * dproj's ONNX backend with onnxruntime-node injected (native CPU execution provider), the fastest
 * path the issue expects in Node; skipped when onnxruntime-node is not installed.
 * @returns {Promise<Created>}
 */
async function onnxNodeAdapter() {
  /** @type {import('@dproj/backend-onnx').OnnxBackendOptions['ort']} */
  let ort;
  try {
    ort = /** @type {never} */ (await import('onnxruntime-node'));
  } catch {
    return { skip: 'onnxruntime-node is not installed' };
  }
  const { onnxBackend } = await import('@dproj/backend-onnx');
  const factory = onnxBackend({ ort, name: 'onnx-node' });
  const availability = await factory.probe();
  if (!availability.available) return { skip: `probe: ${availability.reason}` };
  return dprojAdapter(factory);
}
