/*
 * Fused attention for one head: O = softmax(Q Kᵀ · scale + mask) V, with Q n×d_k, K m×d_k handed over
 * transposed (Kᵀ: d_k×m, so four consecutive keys fill one vector), V m×d_v. The streaming path takes
 * Kᵀ packed by key block (pack_keys) and V contiguous per head; Q and O have their own row strides,
 * so multi-head attention passes a head's column block of the stacked Q and O in place.
 *
 * Masks (mask_kind): 0 none, 1 causal (key j hidden from query i when j > i), 2 keep (keep[i·m + j] = 0
 * hides), 3 bias (bias[i·m + j] added; −∞ hides). Hidden scores are −∞, whose exponential is exactly 0.
 */
#include "exp.h"
#include "tile.h"

#define KEY_BLOCK 64
#define NEG_INF (-__builtin_inff())

enum { MASK_NONE = 0, MASK_CAUSAL = 1, MASK_KEEP = 2, MASK_BIAS = 3 };

/* s[0..len) ← s · scale + mask for query i and keys j0..j0+len; s[len..pad) ← −∞ (keys past the block). */
static void score_row(float *s, u32 len, u32 pad, u32 i, u32 j0, u32 m, float scale, u32 mask_kind, const u8 *keep,
                      const float *bias) {
  v128_t sc = wasm_f32x4_splat(scale);
  u32 t = 0;
  for (; t + 4 <= len; t += 4) wasm_v128_store(s + t, wasm_f32x4_mul(wasm_v128_load(s + t), sc));
  for (; t < len; t++) s[t] *= scale;
  for (t = len; t < pad; t++) s[t] = NEG_INF;
  if (mask_kind == MASK_CAUSAL) {
    for (t = (i >= j0 ? i - j0 + 1 : 0); t < len; t++) s[t] = NEG_INF;
  } else if (mask_kind == MASK_KEEP) {
    const u8 *row = keep + (uint64_t)i * m + j0;
    for (t = 0; t < len; t++)
      if (row[t] == 0) s[t] = NEG_INF;
  } else if (mask_kind == MASK_BIAS) {
    const float *row = bias + (uint64_t)i * m + j0;
    for (t = 0; t < len; t++) s[t] += row[t];
  }
}

static float row_max(const float *s, u32 len) {
  v128_t mx = wasm_f32x4_splat(NEG_INF);
  u32 t = 0;
  for (; t + 4 <= len; t += 4) mx = wasm_f32x4_pmax(mx, wasm_v128_load(s + t));
  float m = wasm_f32x4_extract_lane(mx, 0);
  for (u32 q = 1; q < 4; q++) {
    float x = q == 1 ? wasm_f32x4_extract_lane(mx, 1) : q == 2 ? wasm_f32x4_extract_lane(mx, 2) : wasm_f32x4_extract_lane(mx, 3);
    if (x > m) m = x;
  }
  for (; t < len; t++)
    if (s[t] > m) m = s[t];
  return m;
}

/* s[t] ← exp(s[t] − max) over t < len (len a multiple of 4); returns the sum. */
static float exp_shift_sum(float *s, u32 len, float max) {
  v128_t mx = wasm_f32x4_splat(max), sum = wasm_f32x4_splat(0.0f);
  for (u32 t = 0; t < len; t += 4) {
    v128_t e = exp_f32x4(wasm_f32x4_sub(wasm_v128_load(s + t), mx));
    wasm_v128_store(s + t, e);
    sum = wasm_f32x4_add(sum, e);
  }
  return (wasm_f32x4_extract_lane(sum, 0) + wasm_f32x4_extract_lane(sum, 1)) +
         (wasm_f32x4_extract_lane(sum, 2) + wasm_f32x4_extract_lane(sum, 3));
}

/* Pointers to four query rows starting at i0; rows past i_end repeat the last one (computed, never stored). */
static void query_rows(const float *q, u32 ldq, u32 i0, u32 rows, const float *out[4]) {
  for (u32 r = 0; r < 4; r++) out[r] = q + (uint64_t)(i0 + (r < rows ? r : rows - 1)) * ldq;
}

/*
 * K (m×dk, row stride ldk) packed for attn_stream: key block b (keys 64b..64b+64) becomes Kᵀ of the
 * block, dk rows of KEY_BLOCK floats (keys past m zero), at out + b·dk·KEY_BLOCK. A plain Kᵀ has rows
 * m floats apart; at m = 512 or 2048 the dk rows a score tile reads fall into the same few L1 sets and
 * evict each other, where a packed block is one contiguous dk·256-byte run.
 */
EXPORT void pack_keys(const float *k, u32 ldk, u32 m, u32 dk, float *out) {
  for (u32 j0 = 0; j0 < m; j0 += KEY_BLOCK) {
    float *blk = out + (uint64_t)j0 * dk;
    u32 len = m - j0 < KEY_BLOCK ? m - j0 : KEY_BLOCK;
    for (u32 t = 0; t < dk; t++) {
      float *row = blk + (uint64_t)t * KEY_BLOCK;
      for (u32 jj = 0; jj < len; jj++) row[jj] = k[(uint64_t)(j0 + jj) * ldk + t];
      for (u32 jj = len; jj < KEY_BLOCK; jj++) row[jj] = 0.0f;
    }
  }
}

/* Floats of pack_keys' output for m keys of dk dimensions. */
EXPORT u32 pack_keys_floats(u32 m, u32 dk) { return ((m + KEY_BLOCK - 1) / KEY_BLOCK) * KEY_BLOCK * dk; }

/* dst (rows×cols, stride ldd) ← src (stride lds): a head's column block of V made contiguous. */
EXPORT void copy_block(const float *src, u32 lds, u32 rows, u32 cols, float *dst, u32 ldd) {
  for (u32 i = 0; i < rows; i++)
    for (u32 j = 0; j < cols; j++) dst[(uint64_t)i * ldd + j] = src[(uint64_t)i * lds + j];
}

/*
 * Streaming path for query rows [i_begin, i_end): per block of four queries, key blocks of KEY_BLOCK are
 * folded into a running maximum μ, sum ℓ and output accumulator (online softmax): on a new maximum the
 * old sums are rescaled by exp(μ_old − μ_new), so no exponent overflows and no n×m score matrix exists.
 * A row that saw only hidden keys has ℓ = 0 and is written as zeros. scratch: 4·(d_v rounded up to 16)
 * + 4·KEY_BLOCK floats.
 */
EXPORT void attn_stream(const float *q, u32 ldq, const float *kp, const float *v, u32 ldv, float *o, u32 ldo,
                        u32 i_begin, u32 i_end, u32 m, u32 dk, u32 dv, float scale, u32 mask_kind, const u8 *keep,
                        const float *bias, float *scratch) {
  u32 dvp = (dv + 15) & ~15u;
  float *acc = scratch;
  float *p = scratch + 4 * dvp;
  for (u32 i0 = i_begin; i0 < i_end; i0 += 4) {
    u32 rows = i_end - i0 < 4 ? i_end - i0 : 4;
    const float *qr[4];
    query_rows(q, ldq, i0, rows, qr);
    float mu[4], ell[4];
    for (u32 r = 0; r < 4; r++) {
      mu[r] = NEG_INF;
      ell[r] = 0.0f;
    }
    for (u32 t = 0; t < 4 * dvp; t++) acc[t] = 0.0f;
    /* Under the causal mask no query of this block sees a key past its last row. */
    u32 key_end = mask_kind == MASK_CAUSAL ? (i0 + rows < m ? i0 + rows : m) : m;
    for (u32 j0 = 0; j0 < key_end; j0 += KEY_BLOCK) {
      u32 len = key_end - j0 < KEY_BLOCK ? key_end - j0 : KEY_BLOCK;
      u32 pad = (len + 15) & ~15u;
      /* Scores of the block, four rows × pad keys, one 4×8 tile at a time. */
      for (u32 jt = 0; jt < pad; jt += TILE_COLS) {
        Tile t;
        tile_zero(&t);
        tile_madd(&t, qr[0], qr[1], qr[2], qr[3], kp + (uint64_t)j0 * dk + jt, KEY_BLOCK, dk);
        tile_store(&t, p + jt, KEY_BLOCK, 4, TILE_COLS, 0);
      }
      for (u32 r = 0; r < 4; r++) {
        float *s = p + r * KEY_BLOCK;
        score_row(s, len, pad, i0 + (r < rows ? r : rows - 1), j0, m, scale, mask_kind, keep, bias);
        float bmax = row_max(s, pad);
        float mu_new = bmax > mu[r] ? bmax : mu[r];
        if (mu_new == NEG_INF) {
          for (u32 t = 0; t < pad; t++) s[t] = 0.0f;
          continue;
        }
        if (mu_new != mu[r]) {
          float shrink = exp_f32(mu[r] - mu_new);
          ell[r] *= shrink;
          v128_t f = wasm_f32x4_splat(shrink);
          float *ar = acc + r * dvp;
          for (u32 t = 0; t < dvp; t += 4) wasm_v128_store(ar + t, wasm_f32x4_mul(wasm_v128_load(ar + t), f));
          mu[r] = mu_new;
        }
        ell[r] += exp_shift_sum(s, pad, mu_new);
      }
      /* acc += P V_block, in 8-column strips of V. */
      for (u32 c0 = 0; c0 < dv; c0 += TILE_COLS) {
        Tile t;
        for (u32 r = 0; r < 4; r++)
          for (u32 qq = 0; qq < 2; qq++) t.c[r][qq] = wasm_v128_load(acc + r * dvp + c0 + 4 * qq);
        tile_madd(&t, p, p + KEY_BLOCK, p + 2 * KEY_BLOCK, p + 3 * KEY_BLOCK, v + (uint64_t)j0 * ldv + c0, ldv, len);
        tile_store(&t, acc + c0, dvp, 4, TILE_COLS, 0);
      }
    }
    for (u32 r = 0; r < rows; r++) {
      float *orow = o + (uint64_t)(i0 + r) * ldo;
      float inv = ell[r] > 0.0f ? 1.0f / ell[r] : 0.0f;
      for (u32 t = 0; t < dv; t++) orow[t] = acc[r * dvp + t] * inv;
    }
  }
}

/*
 * Weights path for query rows [i_begin, i_end): A = softmax(Q Kᵀ · scale + mask) written whole into w
 * (n×m, row stride m), fully masked rows as zeros. The caller then forms O = A V with the matmul.
 */
EXPORT void attn_weights(const float *q, u32 ldq, const float *kt, u32 ldk, float *w, u32 i_begin, u32 i_end, u32 m,
                         u32 dk, float scale, u32 mask_kind, const u8 *keep, const float *bias) {
  for (u32 i0 = i_begin; i0 < i_end; i0 += 4) {
    u32 rows = i_end - i0 < 4 ? i_end - i0 : 4;
    const float *qr[4];
    query_rows(q, ldq, i0, rows, qr);
    for (u32 j0 = 0; j0 < m; j0 += TILE_COLS) {
      Tile t;
      tile_zero(&t);
      tile_madd(&t, qr[0], qr[1], qr[2], qr[3], kt + j0, ldk, dk);
      tile_store(&t, w + (uint64_t)i0 * m + j0, m, rows, m - j0 < TILE_COLS ? m - j0 : TILE_COLS, 0);
    }
    for (u32 r = 0; r < rows; r++) {
      float *s = w + (uint64_t)(i0 + r) * m;
      score_row(s, m, m, i0 + r, 0, m, scale, mask_kind, keep, bias);
      float max = row_max(s, m);
      if (max == NEG_INF) {
        for (u32 t = 0; t < m; t++) s[t] = 0.0f;
        continue;
      }
      u32 body = m & ~3u;
      float sum = exp_shift_sum(s, body, max);
      for (u32 t = body; t < m; t++) {
        s[t] = exp_f32(s[t] - max);
        sum += s[t];
      }
      float inv = 1.0f / sum;
      for (u32 t = 0; t < m; t++) s[t] *= inv;
    }
  }
}
