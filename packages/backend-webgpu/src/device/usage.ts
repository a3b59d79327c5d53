// The WebGPU flag values, spelled out: Node's Dawn binding does not install the GPUBufferUsage and
// GPUMapMode globals, and these numbers are fixed by the WebGPU specification.

/** GPUBufferUsage flags. */
export const BufferUsage = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

/** GPUMapMode.READ */
export const MAP_READ_MODE = 0x0001;

/** Storage buffers the kernels read and write, copied to and from the host. */
export const STORAGE_USAGE = BufferUsage.STORAGE | BufferUsage.COPY_DST | BufferUsage.COPY_SRC;
/** Small parameter blocks (dimensions) written by the host. */
export const UNIFORM_USAGE = BufferUsage.UNIFORM | BufferUsage.COPY_DST;
/** Host-readable staging buffers for readback. */
export const STAGING_USAGE = BufferUsage.MAP_READ | BufferUsage.COPY_DST;
