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

// Where the Vulkan loader looks for installed drivers' manifests (besides VK_ICD_FILENAMES).
const ICD_DIRECTORIES = ['/etc/vulkan/icd.d', '/usr/share/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];

interface NodeFs {
  existsSync(path: string): boolean;
  readdirSync(path: string): string[];
}

async function nodeFs(): Promise<NodeFs | undefined> {
  try {
    // Variable specifiers keep browser bundlers from resolving Node-only modules at build time.
    const fsModule = 'node:fs';
    return (await import(/* @vite-ignore */ fsModule)) as NodeFs;
  } catch {
    return undefined;
  }
}

/**
 * Whether to point Vulkan at SwiftShader: only when it is installed and no other driver is, so a
 * machine with a real GPU driver (NVIDIA, AMD, Intel) keeps it. Mesa's lavapipe (`lvp_icd`) does not
 * count: Dawn rejects it, so a machine with only lavapipe has no usable driver either.
 * @param swiftShaderInstalled whether SwiftShader's manifest exists
 * @param manifests the file names in the loader's driver-manifest directories
 */
export function shouldSelectSwiftShader(swiftShaderInstalled: boolean, manifests: readonly string[]): boolean {
  if (!swiftShaderInstalled) return false;
  return !manifests.some((name) => name.endsWith('.json') && !/lvp|swiftshader/i.test(name));
}

function installedManifests(fs: NodeFs): string[] {
  return ICD_DIRECTORIES.flatMap((dir) => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  });
}

/**
 * A `GPU` from the `webgpu` package (Dawn) in Node, imported only when first needed. When no Vulkan
 * driver is configured (`VK_ICD_FILENAMES` unset), no hardware driver is installed and Debian's
 * SwiftShader driver is, that driver is selected, so software rendering works without setup; a real
 * GPU's driver is never overridden. Throws when the package is missing.
 */
export async function nodeGpu(): Promise<GPU> {
  if (keep.length > 0) return keep[0];
  const proc = nodeProcess();
  if (proc !== undefined && proc.env.VK_ICD_FILENAMES === undefined) {
    const fs = await nodeFs();
    if (fs !== undefined && shouldSelectSwiftShader(fs.existsSync(SWIFTSHADER_ICD), installedManifests(fs))) {
      proc.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    }
  }
  const specifier = 'webgpu';
  const module = (await import(/* @vite-ignore */ specifier)) as WebgpuModule;
  if (keep.length > 0) return keep[0];
  const gpu = module.create([]);
  keep.push(gpu);
  return gpu;
}
