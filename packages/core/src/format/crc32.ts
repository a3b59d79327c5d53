let table: Uint32Array | undefined;

// Built on first use rather than at import, so importing the module does no work.
function crcTable(): Uint32Array {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  return table;
}

/**
 * CRC-32 (IEEE 802.3, as in zip and PNG: reflected polynomial 0xEDB88320, initial value and final XOR
 * 0xFFFFFFFF) of `bytes[start, end)`, as an unsigned 32-bit integer. crc32("123456789") = 0xCBF43926.
 */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let p = start; p < end; p++) c = t[(c ^ bytes[p]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
