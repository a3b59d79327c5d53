/*
 * The register tile shared by matmul and attention: a 4×8 block of C (eight f32x4 accumulators)
 * updated by rank-1 steps C += a_k b_kᵀ, where a_k holds one entry of each of four rows of A (broadcast
 * from memory) and b_k is 8 consecutive floats of a row of B. The tile is sized for the engine, not for
 * the wasm spec: V8 on x64 maps v128 values to the 16 XMM registers, and a 4×16 tile (16 accumulators
 * plus 4 B vectors and a broadcast) spills to the stack on every step. 4×8 keeps accumulators, two B
 * vectors and the broadcast (11) in registers; measured at about 31 GFLOP/s per core against 27 for
 * 4×16, 25 for 6×8 and 28 for 8×4 (CPU time, same machine).
 */
#ifndef DPROJ_TILE_H
#define DPROJ_TILE_H

#include "common.h"

#define TILE_ROWS 4
#define TILE_COLS 8

typedef struct {
  v128_t c[4][2];
} Tile;

static inline void tile_zero(Tile *t) {
  for (int r = 0; r < 4; r++)
    for (int q = 0; q < 2; q++) t->c[r][q] = wasm_f32x4_splat(0.0f);
}

/*
 * t += A[0..4, 0..kc) · B[0..kc, 0..8): row r of A starts at a[r] (unit stride in k), row k of B at
 * b + k·ldb (8 floats read, the caller guarantees they are readable).
 */
static inline void tile_madd(Tile *t, const float *a0, const float *a1, const float *a2, const float *a3,
                             const float *b, u32 ldb, u32 kc) {
  v128_t c00 = t->c[0][0], c01 = t->c[0][1];
  v128_t c10 = t->c[1][0], c11 = t->c[1][1];
  v128_t c20 = t->c[2][0], c21 = t->c[2][1];
  v128_t c30 = t->c[3][0], c31 = t->c[3][1];
  for (u32 k = 0; k < kc; k++) {
    const float *bk = b + (uint64_t)k * ldb;
    v128_t b0 = wasm_v128_load(bk), b1 = wasm_v128_load(bk + 4);
    v128_t a;
    a = wasm_v128_load32_splat(a0 + k);
    c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(a, b0)); c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(a1 + k);
    c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(a, b0)); c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(a2 + k);
    c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(a, b0)); c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(a3 + k);
    c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(a, b0)); c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(a, b1));
  }
  t->c[0][0] = c00; t->c[0][1] = c01;
  t->c[1][0] = c10; t->c[1][1] = c11;
  t->c[2][0] = c20; t->c[2][1] = c21;
  t->c[3][0] = c30; t->c[3][1] = c31;
}

/*
 * Writes rows [0, rows) and columns [0, cols) of the tile to c (row stride ldc); with `add`, adds to
 * what is there. Partial tiles go through a spill buffer so nothing past the block is written.
 */
static inline void tile_store(const Tile *t, float *c, u32 ldc, u32 rows, u32 cols, int add) {
  if (rows == 4 && cols == 8) {
    for (u32 r = 0; r < 4; r++) {
      float *cr = c + (uint64_t)r * ldc;
      for (u32 q = 0; q < 2; q++) {
        v128_t v = t->c[r][q];
        if (add) v = wasm_f32x4_add(v, wasm_v128_load(cr + 4 * q));
        wasm_v128_store(cr + 4 * q, v);
      }
    }
    return;
  }
  float spill[8];
  for (u32 r = 0; r < rows; r++) {
    float *cr = c + (uint64_t)r * ldc;
    for (u32 q = 0; q < 2; q++) wasm_v128_store(spill + 4 * q, t->c[r][q]);
    for (u32 j = 0; j < cols; j++) cr[j] = add ? cr[j] + spill[j] : spill[j];
  }
}

#endif
