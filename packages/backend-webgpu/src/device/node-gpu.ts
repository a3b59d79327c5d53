// Dawn's Node binding crashes when the object `create()` returns is garbage-collected while the device
// still works, so every GPU made here is kept for the life of the process.
const keep: GPU[] = [];

// Debian's chromium package ships SwiftShader's Vulkan driver here: a CPU implementation that Dawn
// accepts, so machines without a GPU (CI) still get a WebGPU adapter.
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

interface NodeProcess {
  readonly versions?: { readonly node?: string };
  readonly env: Record<string, string | undefined>;
}

interface WebgpuModule {
  create(flags: string[]): GPU;
}

/** The host's `process` when running in Node, else undefined. */
export function nodeProcess(): NodeProcess | undefined {
  const p = (globalThis as { process?: NodeProcess }).process;
  return p?.versions?.node === undefined ? undefined : p;
}

async function fileExists(path: string): Promise<boolean> {
  try {
    // Variable specifiers keep browser bundlers from resolving Node-only modules at build time.
    const fsModule = 'node:fs';
    const fs = (await import(/* @vite-ignore */ fsModule)) as { existsSync(path: string): boolean };
    return fs.existsSync(path);
  } catch {
    return false;
  }
}

/**
 * A `GPU` from the `webgpu` package (Dawn) in Node, imported only when first needed. When no Vulkan
 * driver is configured (`VK_ICD_FILENAMES` unset) and Debian's SwiftShader driver is installed, that
 * driver is selected, so software rendering works without setup. Throws when the package is missing.
 */
export async function nodeGpu(): Promise<GPU> {
  if (keep.length > 0) return keep[0];
  const proc = nodeProcess();
  if (proc !== undefined && proc.env.VK_ICD_FILENAMES === undefined && (await fileExists(SWIFTSHADER_ICD))) {
    proc.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  const specifier = 'webgpu';
  const module = (await import(/* @vite-ignore */ specifier)) as WebgpuModule;
  if (keep.length > 0) return keep[0];
  const gpu = module.create([]);
  keep.push(gpu);
  return gpu;
}
