// The exports of csrc/*.c as the host sees them. Pointers are byte offsets into the module's memory;
// u32 results come back as signed i32 and are read with `>>> 0`.

/** Every kernel of the module; argument lists mirror the C signatures. */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  readonly __heap_base: WebAssembly.Global;
  mm_f32(a: number, lda: number, b: number, ldb: number, c: number, ldc: number, m: number, n: number, k: number, accumulate: number, pack: number): void;
  mm_pack(b: number, ldb: number, k: number, n: number, pack: number): void;
  mm_pack_floats(n: number, k: number): number;
  mm_packed(a: number, lda: number, pack: number, c: number, ldc: number, m: number, n: number, k: number, accumulate: number): void;
  gather_cols(r: number, ldr: number, n: number, ids: number, m: number, out: number): void;
  transpose_f32(b: number, ldb: number, rows: number, cols: number, out: number, ldo: number): void;
  pack_keys(k: number, ldk: number, m: number, dk: number, out: number): void;
  pack_keys_floats(m: number, dk: number): number;
  copy_block(src: number, lds: number, rows: number, cols: number, dst: number, ldd: number): void;
  attn_stream(
    q: number, ldq: number, kp: number, v: number, ldv: number, o: number, ldo: number,
    iBegin: number, iEnd: number, m: number, dk: number, dv: number, scale: number, maskKind: number, keep: number, bias: number, scratch: number,
  ): void;
  attn_weights(
    q: number, ldq: number, kt: number, ldk: number, w: number, iBegin: number, iEnd: number, m: number, dk: number,
    scale: number, maskKind: number, keep: number, bias: number,
  ): void;
  csr_transpose_f32(rows: number, cols: number, rp: number, ci: number, val: number, outRp: number, outCi: number, outVal: number, next: number): void;
  dense_add_transpose(s: number, n: number, out: number): void;
  proj_m(op: number, i0: number, i1: number, xIds: number, xQ: number, rep: number, yIds: number, yQ: number, m: number, acc: number, out: number): void;
  proj_e(
    op: number, i0: number, i1: number, mm: number, m: number, rep: number, yGroup: number, yWords: number, nWords: number,
    yQ: number, yCols: number, wbuf: number, acc: number, e: number, k: number, topIds: number, topScores: number, heap: number,
  ): void;
  pos_offset(
    n: number, ids: number, f: number, rp: number, ci: number, val: number, words: number, start: number, pos: number,
    groups: number, k: number, vSize: number, acc: number, out: number,
  ): void;
  pos_kernel(mm: number, rows: number, cols: number, kappa: number, len: number): void;
  cooc_pairs(tok: number, pos: number, first: number, len: number, w: number, vSize: number, keys: number): number;
  radix_sort_u64(keys: number, tmp: number, n: number, hist: number): void;
  reduce_runs(keys: number, n: number, counts: number): number;
  merge_counts(ak: number, ac: number, an: number, bk: number, bc: number, bn: number, ok: number, oc: number): number;
  cooc_forward(keys: number, counts: number, nnz: number, vSize: number, w: number, weight: number, zeroDiag: number, rp: number, ci: number, val: number): number;
  cooc_offset(keys: number, counts: number, nnz: number, vSize: number, w: number, k: number, rp: number, ci: number, val: number): number;
  csr64_transpose(rows: number, cols: number, rp: number, ci: number, val: number, outRp: number, outCi: number, outVal: number, next: number): void;
  csr64_add(rows: number, arp: number, aci: number, av: number, brp: number, bci: number, bv: number, orp: number, oci: number, ov: number): number;
  csr64_to_f32(rows: number, rp: number, ci: number, val: number, orp: number, oci: number, ov: number): number;
}
