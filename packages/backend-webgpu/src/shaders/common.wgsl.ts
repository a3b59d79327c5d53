/** Threads per workgroup of the one-dimensional (element-wise) kernels. */
export const LINEAR_WORKGROUP = 64;

/**
 * The entry point header of a one-dimensional kernel: binds `idx`, the linear thread index over an
 * x × y grid of workgroups (see `linearGrid`), which lifts the 65 535-workgroups-per-dimension limit.
 */
export function linearMain(): string {
  return /* wgsl */ `
@compute @workgroup_size(${LINEAR_WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let idx = (wid.y * nwg.x + wid.x) * ${LINEAR_WORKGROUP}u + lid;`;
}

/**
 * `csrLookup(rowStart, rowEnd, col)`: the value at column `col` among the CSR entries
 * [rowStart, rowEnd), whose columns are sorted; 0 when absent. Binary search over `colIdx`/`values`
 * bindings of the including kernel.
 */
export function csrLookupFn(colIdx: string, values: string): string {
  return /* wgsl */ `
fn csrLookup(rowStart: u32, rowEnd: u32, col: u32) -> f32 {
  var lo = rowStart;
  var hi = rowEnd;
  while (lo < hi) {
    let mid = lo + (hi - lo) / 2u;
    let c = ${colIdx}[mid];
    if (c == col) { return ${values}[mid]; }
    if (c < col) { lo = mid + 1u; } else { hi = mid; }
  }
  return 0.0;
}`;
}
