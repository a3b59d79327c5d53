/*
 * Dense C = A B (or C += A B) in float32 with the 4×8 register tile (tile.h). K is cut in blocks of KC
 * and B is packed once into 8-column panels per K block (KC×8 floats each, zero-padded past N) so the
 * tile's B reads are contiguous. Columns are then walked in groups of NC_PANELS panels: that group
 * (KC × 8·NC_PANELS floats, 128 KiB) stays in L2 while every four-row slice of A (4×KC, in L1) passes
 * over all of its panels — the order that reuses both operands from cache instead of streaming A
 * through L2 once per panel.
 */
#include "tile.h"

#define KC 256
#define NC_PANELS 16

/*
 * Packs all of B (k×n, stride ldb) for mm_packed: K block k0 (kc = min(KC, k − k0) rows) starts at
 * pack + k0·8·panels, and within it panel p (columns 8p..8p+8, zero-padded past n) at p·kc·8, as kc
 * rows of 8. Packed once per product, so row ranges computed apart (progress steps, threads) share it.
 */
EXPORT void mm_pack(const float *b, u32 ldb, u32 k, u32 n, float *pack) {
  u32 panels = (n + 7) / 8;
  for (u32 k0 = 0; k0 < k; k0 += KC) {
    u32 kc = k - k0 < KC ? k - k0 : KC;
    for (u32 p = 0; p < panels; p++) {
      u32 j0 = 8 * p;
      u32 w = n - j0 < 8 ? n - j0 : 8;
      float *dst = pack + (uint64_t)k0 * 8 * panels + (uint64_t)p * kc * 8;
      for (u32 kk = 0; kk < kc; kk++) {
        const float *src = b + (uint64_t)(k0 + kk) * ldb + j0;
        if (w == 8) {
          wasm_v128_store(dst + 8 * kk, wasm_v128_load(src));
          wasm_v128_store(dst + 8 * kk + 4, wasm_v128_load(src + 4));
        } else {
          for (u32 j = 0; j < 8; j++) dst[8 * kk + j] = j < w ? src[j] : 0.0f;
        }
      }
    }
  }
}

/* Floats of the packed form of a k×n B (mm_pack). */
EXPORT u32 mm_pack_floats(u32 n, u32 k) { return k * 8 * ((n + 7) / 8); }

/*
 * C (m×n, row stride ldc) = A (m×k, stride lda) · B, or C += A B when `accumulate`, with B packed by
 * mm_pack. Rows past m in a partial row block read row m−1 again and are never stored.
 */
EXPORT void mm_packed(const float *a, u32 lda, const float *pack, float *c, u32 ldc, u32 m, u32 n, u32 k,
                      int accumulate) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    if (!accumulate)
      for (u32 i = 0; i < m; i++)
        for (u32 j = 0; j < n; j++) c[(uint64_t)i * ldc + j] = 0.0f;
    return;
  }
  u32 panels = (n + 7) / 8;
  for (u32 k0 = 0; k0 < k; k0 += KC) {
    u32 kc = k - k0 < KC ? k - k0 : KC;
    int add = accumulate || k0 > 0;
    const float *block = pack + (uint64_t)k0 * 8 * panels;
    for (u32 p0 = 0; p0 < panels; p0 += NC_PANELS) {
      u32 p1 = p0 + NC_PANELS < panels ? p0 + NC_PANELS : panels;
      for (u32 i0 = 0; i0 < m; i0 += 4) {
        u32 rows = m - i0 < 4 ? m - i0 : 4;
        const float *ar[4];
        for (u32 r = 0; r < 4; r++) ar[r] = a + (uint64_t)(i0 + (r < rows ? r : rows - 1)) * lda + k0;
        for (u32 p = p0; p < p1; p++) {
          u32 j0 = 8 * p;
          u32 cols = n - j0 < 8 ? n - j0 : 8;
          Tile t;
          tile_zero(&t);
          tile_madd(&t, ar[0], ar[1], ar[2], ar[3], block + (uint64_t)p * kc * 8, 8, kc);
          tile_store(&t, c + (uint64_t)i0 * ldc + j0, ldc, rows, cols, add);
        }
      }
    }
  }
}

/* mm_pack then mm_packed: C = A B (or C += A B); `pack` holds mm_pack_floats(n, k) floats. */
EXPORT void mm_f32(const float *a, u32 lda, const float *b, u32 ldb, float *c, u32 ldc, u32 m, u32 n, u32 k,
                   int accumulate, float *pack) {
  if (m == 0 || n == 0) return;
  mm_pack(b, ldb, k, n, pack);
  mm_packed(a, lda, pack, c, ldc, m, n, k, accumulate);
}

/*
 * Columns `ids` of the rows of R: out[i, j] = R[i, ids[j]] for i < n, j < m (out stride m). The cross
 * projection with a one-hot Q_y: M = (Q_x S) Q_yᵀ picks columns of Q_x S.
 */
EXPORT void gather_cols(const float *r, u32 ldr, u32 n, const u32 *ids, u32 m, float *out) {
  for (u32 i = 0; i < n; i++) {
    const float *row = r + (uint64_t)i * ldr;
    float *o = out + (uint64_t)i * m;
    for (u32 j = 0; j < m; j++) o[j] = row[ids[j]];
  }
}

/* Bᵀ of B (rows×cols, stride ldb) into out (cols×rows, stride ldo). Blocked so both sides stay in cache. */
EXPORT void transpose_f32(const float *b, u32 ldb, u32 rows, u32 cols, float *out, u32 ldo) {
  for (u32 i0 = 0; i0 < rows; i0 += 32)
    for (u32 j0 = 0; j0 < cols; j0 += 32) {
      u32 i1 = i0 + 32 < rows ? i0 + 32 : rows;
      u32 j1 = j0 + 32 < cols ? j0 + 32 : cols;
      for (u32 i = i0; i < i1; i++)
        for (u32 j = j0; j < j1; j++) out[(uint64_t)j * ldo + i] = b[(uint64_t)i * ldb + j];
    }
}
