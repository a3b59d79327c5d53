/*
 * Co-occurrence counting (SPEC B.2), sort-based: every forward pair (a, b, k) — b at distance k after a
 * within the window — becomes one 64-bit key ((a·V + b)·w + k − 1), so sorting the keys orders them by
 * row a, then column b, then offset k, exactly the order CSR needs. A chunk of keys is radix-sorted,
 * run-length reduced to (key, count), and merged into the running total; the total then yields
 * F = Σ_k f(k) C⁽ᵏ⁾, S = F + Fᵀ and each C⁽ᵏ⁾ in single passes. Counts are exact integers; weighted sums
 * are float64 and round to float32 once.
 */
#include "common.h"

/*
 * Keys of the pairs that end at tokens [first, len) of a chunk: for token t (word b) and k = 1..min(w,
 * pos[t]), the pair (tok[t − k], b, k). pos[t] is t's position in its document (or in the whole stream
 * when windows cross documents), and the chunk starts with enough earlier tokens that t − k ≥ 0.
 * Returns the number of keys written.
 */
EXPORT u32 cooc_pairs(const u32 *tok, const u32 *pos, u32 first, u32 len, u32 w, u32 v_size, u64 *keys) {
  u32 q = 0;
  u64 V = v_size;
  for (u32 t = first; t < len; t++) {
    u64 b = tok[t];
    u32 reach = pos[t] < w ? pos[t] : w;
    for (u32 k = 1; k <= reach; k++) keys[q++] = ((u64)tok[t - k] * V + b) * w + (k - 1);
  }
  return q;
}

/*
 * Sorts keys[0..n) ascending: LSD radix sort on bytes, all eight histograms from one pass, and a byte
 * that is the same in every key is skipped (keys < V²·w usually leave the top bytes empty). tmp: n keys;
 * hist: 8·256 u32. The result is in keys.
 */
EXPORT void radix_sort_u64(u64 *keys, u64 *tmp, u32 n, u32 *hist) {
  for (u32 t = 0; t < 8 * 256; t++) hist[t] = 0;
  for (u32 p = 0; p < n; p++) {
    u64 x = keys[p];
    for (u32 d = 0; d < 8; d++) hist[d * 256 + ((x >> (8 * d)) & 255)]++;
  }
  u64 *src = keys, *dst = tmp;
  for (u32 d = 0; d < 8; d++) {
    u32 *h = hist + d * 256;
    if (n == 0 || h[(src[0] >> (8 * d)) & 255] == n) continue;
    u32 sum = 0;
    for (u32 b = 0; b < 256; b++) {
      u32 c = h[b];
      h[b] = sum;
      sum += c;
    }
    for (u32 p = 0; p < n; p++) {
      u64 x = src[p];
      dst[h[(x >> (8 * d)) & 255]++] = x;
    }
    u64 *t = src;
    src = dst;
    dst = t;
  }
  if (src != keys)
    for (u32 p = 0; p < n; p++) keys[p] = src[p];
}

/* In place: sorted keys[0..n) → distinct keys[0..q) with counts[0..q) = run lengths. Returns q. */
EXPORT u32 reduce_runs(u64 *keys, u32 n, u32 *counts) {
  u32 q = 0;
  for (u32 p = 0; p < n; p++) {
    if (q > 0 && keys[p] == keys[q - 1]) {
      counts[q - 1]++;
    } else {
      keys[q] = keys[p];
      counts[q++] = 1;
    }
  }
  return q;
}

/* Merges two sorted (key, count) lists, adding counts of equal keys. Returns the merged length. */
EXPORT u32 merge_counts(const u64 *ak, const u32 *ac, u32 an, const u64 *bk, const u32 *bc, u32 bn, u64 *ok,
                        u32 *oc) {
  u32 p = 0, s = 0, q = 0;
  while (p < an && s < bn) {
    if (ak[p] == bk[s]) {
      ok[q] = ak[p];
      oc[q++] = ac[p++] + bc[s++];
    } else if (ak[p] < bk[s]) {
      ok[q] = ak[p];
      oc[q++] = ac[p++];
    } else {
      ok[q] = bk[s];
      oc[q++] = bc[s++];
    }
  }
  while (p < an) {
    ok[q] = ak[p];
    oc[q++] = ac[p++];
  }
  while (s < bn) {
    ok[q] = bk[s];
    oc[q++] = bc[s++];
  }
  return q;
}

/*
 * F = Σ_k f(k) C⁽ᵏ⁾ as V×V CSR (float64 values) from the sorted (key, count) total: the keys of one
 * (a, b) are adjacent, so each F_ab is one run. With zero_diag, F_aa is left out. Returns nnz.
 */
EXPORT u32 cooc_forward(const u64 *keys, const u32 *counts, u32 nnz, u32 v_size, u32 w, const double *weight,
                        u32 zero_diag, u32 *rp, u32 *ci, double *val) {
  u64 V = v_size;
  u32 q = 0, row = 0;
  u64 last = ~(u64)0;
  rp[0] = 0;
  for (u32 p = 0; p < nnz; p++) {
    u64 ab = keys[p] / w;
    u32 k = (u32)(keys[p] - ab * w);
    u32 a = (u32)(ab / V), b = (u32)(ab - (u64)a * V);
    if (zero_diag && a == b) continue;
    while (row < a) rp[++row] = q;
    if (ab != last) {
      ci[q] = b;
      val[q++] = 0.0;
      last = ab;
    }
    val[q - 1] += weight[k] * (double)counts[p];
  }
  while (row < v_size) rp[++row] = q;
  return q;
}

/* C⁽ᵏ⁾ (raw counts, diagonal kept) as V×V CSR from the sorted total. Returns nnz. */
EXPORT u32 cooc_offset(const u64 *keys, const u32 *counts, u32 nnz, u32 v_size, u32 w, u32 k, u32 *rp, u32 *ci,
                       float *val) {
  u64 V = v_size;
  u32 q = 0, row = 0;
  rp[0] = 0;
  for (u32 p = 0; p < nnz; p++) {
    u64 ab = keys[p] / w;
    if ((u32)(keys[p] - ab * w) != k - 1) continue;
    u32 a = (u32)(ab / V);
    while (row < a) rp[++row] = q;
    ci[q] = (u32)(ab - (u64)a * V);
    val[q++] = (float)counts[p];
  }
  while (row < v_size) rp[++row] = q;
  return q;
}

/* The transpose of a float64 CSR matrix (rows×cols → cols×rows), rows sorted. next: cols u32 scratch. */
EXPORT void csr64_transpose(u32 rows, u32 cols, const u32 *rp, const u32 *ci, const double *val, u32 *out_rp,
                            u32 *out_ci, double *out_val, u32 *next) {
  for (u32 c = 0; c <= cols; c++) out_rp[c] = 0;
  for (u32 p = rp[0]; p < rp[rows]; p++) out_rp[ci[p] + 1]++;
  for (u32 c = 0; c < cols; c++) out_rp[c + 1] += out_rp[c];
  for (u32 c = 0; c < cols; c++) next[c] = out_rp[c];
  for (u32 r = 0; r < rows; r++)
    for (u32 p = rp[r]; p < rp[r + 1]; p++) {
      u32 q = next[ci[p]]++;
      out_ci[q] = r;
      out_val[q] = val[p];
    }
}

/* A + B for two float64 CSR matrices with sorted rows: a row-by-row merge. Returns nnz. */
EXPORT u32 csr64_add(u32 rows, const u32 *arp, const u32 *aci, const double *av, const u32 *brp, const u32 *bci,
                     const double *bv, u32 *orp, u32 *oci, double *ov) {
  u32 q = 0;
  orp[0] = 0;
  for (u32 r = 0; r < rows; r++) {
    u32 p = arp[r], pe = arp[r + 1], s = brp[r], se = brp[r + 1];
    while (p < pe || s < se) {
      if (s >= se || (p < pe && aci[p] < bci[s])) {
        oci[q] = aci[p];
        ov[q++] = av[p++];
      } else if (p >= pe || bci[s] < aci[p]) {
        oci[q] = bci[s];
        ov[q++] = bv[s++];
      } else {
        oci[q] = aci[p];
        ov[q++] = av[p++] + bv[s++];
      }
    }
    orp[r + 1] = q;
  }
  return q;
}

/*
 * The public form: float64 values rounded once to float32, entries that are (or round to) zero left
 * out, so the result stores no explicit zeros. Returns nnz.
 */
EXPORT u32 csr64_to_f32(u32 rows, const u32 *rp, const u32 *ci, const double *val, u32 *orp, u32 *oci, float *ov) {
  u32 q = 0;
  orp[0] = 0;
  for (u32 r = 0; r < rows; r++) {
    for (u32 p = rp[r]; p < rp[r + 1]; p++) {
      float v = (float)val[p];
      if (v == 0.0f) continue;
      oci[q] = ci[p];
      ov[q++] = v;
    }
    orp[r + 1] = q;
  }
  return q;
}
