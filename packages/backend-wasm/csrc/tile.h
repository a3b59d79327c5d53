/*
 * The register tile shared by matmul and attention: a 4×16 block of C (sixteen f32x4 accumulators)
 * updated by rank-1 steps C += a_k b_kᵀ, where a_k holds one entry of each of four rows of A (broadcast)
 * and b_k is 16 consecutive floats of a row of B. Four loads of B and four broadcasts feed sixteen
 * multiply-adds, which is what keeps the kernel compute-bound rather than load-bound.
 */
#ifndef DPROJ_TILE_H
#define DPROJ_TILE_H

#include "common.h"

typedef struct {
  v128_t c[4][4];
} Tile;

static inline void tile_zero(Tile *t) {
  for (int r = 0; r < 4; r++)
    for (int q = 0; q < 4; q++) t->c[r][q] = wasm_f32x4_splat(0.0f);
}

/*
 * t += A[0..4, 0..kc) · B[0..kc, 0..16): row r of A starts at a[r] (unit stride in k), row k of B at
 * b + k·ldb (16 floats read, the caller guarantees they are readable).
 */
static inline void tile_madd(Tile *t, const float *a0, const float *a1, const float *a2, const float *a3,
                             const float *b, u32 ldb, u32 kc) {
  v128_t c00 = t->c[0][0], c01 = t->c[0][1], c02 = t->c[0][2], c03 = t->c[0][3];
  v128_t c10 = t->c[1][0], c11 = t->c[1][1], c12 = t->c[1][2], c13 = t->c[1][3];
  v128_t c20 = t->c[2][0], c21 = t->c[2][1], c22 = t->c[2][2], c23 = t->c[2][3];
  v128_t c30 = t->c[3][0], c31 = t->c[3][1], c32 = t->c[3][2], c33 = t->c[3][3];
  for (u32 k = 0; k < kc; k++) {
    const float *bk = b + (uint64_t)k * ldb;
    v128_t b0 = wasm_v128_load(bk), b1 = wasm_v128_load(bk + 4);
    v128_t b2 = wasm_v128_load(bk + 8), b3 = wasm_v128_load(bk + 12);
    v128_t a;
    a = wasm_f32x4_splat(a0[k]);
    c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(a, b0)); c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(a, b1));
    c02 = wasm_f32x4_add(c02, wasm_f32x4_mul(a, b2)); c03 = wasm_f32x4_add(c03, wasm_f32x4_mul(a, b3));
    a = wasm_f32x4_splat(a1[k]);
    c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(a, b0)); c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(a, b1));
    c12 = wasm_f32x4_add(c12, wasm_f32x4_mul(a, b2)); c13 = wasm_f32x4_add(c13, wasm_f32x4_mul(a, b3));
    a = wasm_f32x4_splat(a2[k]);
    c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(a, b0)); c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(a, b1));
    c22 = wasm_f32x4_add(c22, wasm_f32x4_mul(a, b2)); c23 = wasm_f32x4_add(c23, wasm_f32x4_mul(a, b3));
    a = wasm_f32x4_splat(a3[k]);
    c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(a, b0)); c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(a, b1));
    c32 = wasm_f32x4_add(c32, wasm_f32x4_mul(a, b2)); c33 = wasm_f32x4_add(c33, wasm_f32x4_mul(a, b3));
  }
  t->c[0][0] = c00; t->c[0][1] = c01; t->c[0][2] = c02; t->c[0][3] = c03;
  t->c[1][0] = c10; t->c[1][1] = c11; t->c[1][2] = c12; t->c[1][3] = c13;
  t->c[2][0] = c20; t->c[2][1] = c21; t->c[2][2] = c22; t->c[2][3] = c23;
  t->c[3][0] = c30; t->c[3][1] = c31; t->c[3][2] = c32; t->c[3][3] = c33;
}

/*
 * Writes rows [0, rows) and columns [0, cols) of the tile to c (row stride ldc); with `add`, adds to
 * what is there. Partial tiles go through a spill buffer so nothing past the block is written.
 */
static inline void tile_store(const Tile *t, float *c, u32 ldc, u32 rows, u32 cols, int add) {
  if (rows == 4 && cols == 16) {
    for (u32 r = 0; r < 4; r++) {
      float *cr = c + (uint64_t)r * ldc;
      for (u32 q = 0; q < 4; q++) {
        v128_t v = t->c[r][q];
        if (add) v = wasm_f32x4_add(v, wasm_v128_load(cr + 4 * q));
        wasm_v128_store(cr + 4 * q, v);
      }
    }
    return;
  }
  float spill[16];
  for (u32 r = 0; r < rows; r++) {
    float *cr = c + (uint64_t)r * ldc;
    for (u32 q = 0; q < 4; q++) wasm_v128_store(spill + 4 * q, t->c[r][q]);
    for (u32 j = 0; j < cols; j++) cr[j] = add ? cr[j] + spill[j] : spill[j];
  }
}

#endif
