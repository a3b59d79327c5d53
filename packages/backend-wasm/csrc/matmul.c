/*
 * Dense C = A B (or C += A B) in float32 with the 4×16 register tile. B is packed one 16-column panel
 * at a time (KC×16 floats, zero-padded past N), so the tile's B reads are contiguous and stay in L1 while
 * every row block of A streams past it; K is cut in blocks of KC for the same reason.
 */
#include "tile.h"

#define KC 256

/* Copies B[k0..k0+kc, j0..j0+16) into pack (kc×16), zero-filling columns past n. */
static void pack_panel(const float *b, u32 ldb, u32 k0, u32 kc, u32 j0, u32 n, float *pack) {
  u32 w = n - j0 < 16 ? n - j0 : 16;
  for (u32 k = 0; k < kc; k++) {
    const float *src = b + (uint64_t)(k0 + k) * ldb + j0;
    float *dst = pack + k * 16;
    if (w == 16) {
      for (u32 q = 0; q < 4; q++) wasm_v128_store(dst + 4 * q, wasm_v128_load(src + 4 * q));
    } else {
      for (u32 j = 0; j < 16; j++) dst[j] = j < w ? src[j] : 0.0f;
    }
  }
}

/*
 * C (m×n, row stride ldc) = A (m×k, stride lda) · B (k×n, stride ldb), or C += A B when `accumulate`.
 * `pack` is scratch for KC×16 floats. Rows past m in a partial row block read row m−1 again and are
 * never stored.
 */
EXPORT void mm_f32(const float *a, u32 lda, const float *b, u32 ldb, float *c, u32 ldc, u32 m, u32 n, u32 k,
                   int accumulate, float *pack) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    if (!accumulate)
      for (u32 i = 0; i < m; i++)
        for (u32 j = 0; j < n; j++) c[(uint64_t)i * ldc + j] = 0.0f;
    return;
  }
  for (u32 k0 = 0; k0 < k; k0 += KC) {
    u32 kc = k - k0 < KC ? k - k0 : KC;
    int add = accumulate || k0 > 0;
    for (u32 j0 = 0; j0 < n; j0 += 16) {
      u32 cols = n - j0 < 16 ? n - j0 : 16;
      pack_panel(b, ldb, k0, kc, j0, n, pack);
      for (u32 i0 = 0; i0 < m; i0 += 4) {
        u32 rows = m - i0 < 4 ? m - i0 : 4;
        const float *ar[4];
        for (u32 r = 0; r < 4; r++) ar[r] = a + (uint64_t)(i0 + (r < rows ? r : rows - 1)) * lda + k0;
        Tile t;
        tile_zero(&t);
        tile_madd(&t, ar[0], ar[1], ar[2], ar[3], pack, 16, kc);
        tile_store(&t, c + (uint64_t)i0 * ldc + j0, ldc, rows, cols, add);
      }
    }
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
