/** Which mask terms an attention kernel applies (static: each combination is its own kernel). */
export interface MaskFlags {
  /** Key j is hidden from query i when j > i. */
  readonly causal: boolean;
  /** A 0/1 byte per (i, j), packed four to a u32; 0 hides. A bias of −∞ arrives here too. */
  readonly keep: boolean;
  /** A finite additive bias per (i, j). */
  readonly bias: boolean;
}

/** Short key for the mask flags. */
export function maskKey(mask: MaskFlags): string {
  return `${mask.causal ? 'c' : ''}${mask.keep ? 'k' : ''}${mask.bias ? 'b' : ''}` || 'none';
}

/** Storage declarations of the mask buffers, at bindings `first`, `first + 1` as the flags need. */
export function maskBindings(mask: MaskFlags, first: number): string {
  let at = first;
  let out = '';
  if (mask.keep) out += `@group(0) @binding(${at++}) var<storage, read> keepBytes: array<u32>;\n`;
  if (mask.bias) out += `@group(0) @binding(${at++}) var<storage, read> biasValues: array<f32>;\n`;
  return out;
}

/**
 * WGSL helpers `hidden(i, j, m)` (true when the mask hides key j from query i in an n×m score matrix)
 * and `biasAt(i, j, m)`. No infinities reach the GPU: shader compilers may assume floats are finite,
 * so a −∞ bias is turned into a keep bit of 0 by the host.
 */
export function maskFunctions(mask: MaskFlags): string {
  const tests: string[] = [];
  if (mask.causal) tests.push('j > i');
  if (mask.keep) tests.push('((keepBytes[(i * m + j) / 4u] >> (8u * ((i * m + j) % 4u))) & 0xffu) == 0u');
  return /* wgsl */ `
fn hidden(i: u32, j: u32, m: u32) -> bool { return ${tests.length === 0 ? 'false' : tests.map((t) => `(${t})`).join(' || ')}; }
fn biasAt(i: u32, j: u32, m: u32) -> f32 { return ${mask.bias ? 'biasValues[i * m + j]' : '0.0'}; }`;
}
