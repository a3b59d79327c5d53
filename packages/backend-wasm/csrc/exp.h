/*
 * exp(x) on four floats, for the softmax. Cody–Waite range reduction x = n ln2 + r with |r| ≤ ln2/2,
 * then e^r by a degree-6 polynomial (error ≈ 1 ulp on that interval), scaled by 2^n built in the
 * exponent bits. Inputs below −87.3 (where e^x leaves the normal floats), −∞ included, give exactly 0,
 * which is what a masked score must weigh; inputs above 88.3 saturate (scores never get there after the
 * row maximum is subtracted, so only x ≤ 0 matters in practice).
 */
#ifndef DPROJ_EXP_H
#define DPROJ_EXP_H

#include "common.h"

static inline v128_t exp_f32x4(v128_t x) {
  const v128_t lo = wasm_f32x4_splat(-87.33f);
  const v128_t keep = wasm_f32x4_ge(x, lo);
  x = wasm_f32x4_max(x, lo);
  x = wasm_f32x4_min(x, wasm_f32x4_splat(88.3f));
  /* n = round(x / ln2) */
  v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504088896341f)));
  /* r = x − n ln2, with ln2 split in two so the product is exact in its high part. */
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  /* e^r ≈ 1 + r + r²/2 + … + r⁶/720, Horner form. */
  v128_t p = wasm_f32x4_splat(1.0f / 720.0f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 120.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 24.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 6.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(0.5f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  /* 2^n: n + 127 in the exponent field. n ≥ −126 here, so the result stays a normal float. */
  v128_t pow2n = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  return wasm_v128_and(wasm_f32x4_mul(p, pow2n), keep);
}

/* exp of one float through the vector path, so scalar tails round exactly like the vector body. */
static inline float exp_f32(float x) {
  return wasm_f32x4_extract_lane(exp_f32x4(wasm_f32x4_splat(x)), 0);
}

#endif
