import { KERNELS_WASM_BASE64 } from '../generated/kernels-wasm.ts';
import type { KernelExports } from './kernels.ts';

/** Bytes of a base64 string (atob exists in browsers and in Node ≥ 16). */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// Compiled once per process (compiling is the slow part); each backend instantiates its own copy.
let compiled: Promise<WebAssembly.Module> | undefined;

/** The kernels module, compiled on first use from the bytes inlined in the bundle. */
export function kernelsModule(): Promise<WebAssembly.Module> {
  const pending =
    compiled ??
    WebAssembly.compile(decodeBase64(KERNELS_WASM_BASE64)).catch((error: unknown) => {
      compiled = undefined;
      throw error;
    });
  compiled = pending;
  return pending;
}

/** A fresh instance of the kernels, with its own linear memory. */
export async function instantiateKernels(): Promise<KernelExports> {
  const instance = await WebAssembly.instantiate(await kernelsModule(), {});
  return instance.exports as unknown as KernelExports;
}
