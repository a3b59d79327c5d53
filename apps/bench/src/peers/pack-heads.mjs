/**
 * All heads' weights side by side: column block ℓ of the result is head ℓ's matrix, the layout that
 * frameworks store fused multi-head weights in. Done once per case, outside timing, as loading a model is.
 * @param {readonly import('@dproj/core').Matrix[]} blocks each rows×cols
 * @returns {Float32Array} rows×(blocks·cols), row-major
 */
export function packColumns(blocks) {
  const { rows, cols } = blocks[0];
  const width = cols * blocks.length;
  const out = new Float32Array(rows * width);
  blocks.forEach((b, l) => {
    for (let r = 0; r < rows; r++) out.set(b.data.subarray(r * cols, (r + 1) * cols), r * width + l * cols);
  });
  return out;
}
