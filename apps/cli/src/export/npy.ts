import type { Matrix } from '@dproj/core';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
// The header is padded so the data starts at a multiple of 64 bytes, as NumPy itself writes it.
const ALIGN = 64;

/** Little-endian float32 bytes of a matrix's row-major data, whatever the host's byte order. */
export function float32LittleEndian(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let p = 0; p < values.length; p++) view.setFloat32(4 * p, values[p]!, true);
  return out;
}

/**
 * The matrix as a NumPy `.npy` file, format version 1.0: magic "\x93NUMPY", version bytes 1 0, the
 * header length (u16 little-endian), the header — a Python dict literal
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (rows, cols), }` padded with spaces and ended by
 * a line break so the data starts 64-byte aligned — then rows·cols little-endian float32 in C order.
 */
export function npyBytes(m: Matrix): Uint8Array {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${m.rows}, ${m.cols}), }`;
  const preamble = MAGIC.length + 2 + 2;
  const unpadded = preamble + dict.length + 1;
  const headerLength = Math.ceil(unpadded / ALIGN) * ALIGN - preamble;
  const header = `${dict.padEnd(headerLength - 1, ' ')}\n`;
  const data = float32LittleEndian(m.data);
  const out = new Uint8Array(preamble + headerLength + data.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, headerLength, true);
  out.set(new TextEncoder().encode(header), preamble);
  out.set(data, preamble + headerLength);
  return out;
}
