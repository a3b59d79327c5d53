import type { Matrix } from '@dproj/core';
import { float32LittleEndian } from './npy.ts';

/** The tensor's name in the file. */
export const EMBEDDINGS_TENSOR = 'embeddings';

/**
 * The matrix as a safetensors file: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * `{"__metadata__": {...}, "embeddings": {"dtype": "F32", "shape": [rows, cols], "data_offsets": [0, 4·rows·cols]}}`
 * padded with spaces to a multiple of 8 (so the data is aligned), then the little-endian float32 data.
 * `metadata` values must be strings, as the format requires; `dproj export` puts the vocabulary there.
 */
export function safetensorsBytes(m: Matrix, metadata: Readonly<Record<string, string>>): Uint8Array {
  const data = float32LittleEndian(m.data);
  const header = {
    __metadata__: metadata,
    [EMBEDDINGS_TENSOR]: { dtype: 'F32', shape: [m.rows, m.cols], data_offsets: [0, data.length] },
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const length = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(length), true);
  out.fill(0x20, 8, 8 + length);
  out.set(json, 8);
  out.set(data, 8 + length);
  return out;
}
