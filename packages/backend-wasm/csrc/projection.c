/*
 * The projection family (SPEC B.4, B.5, B.10, B.13): M = Q_x S_dir Q_yᵀ and E = M (Q_y S_dir), with
 * one-hot selectors read as token ids (a row of S_dir is gathered, never a dense Q formed) and soft
 * selectors as dense rows (sparse × dense: Σ_a Q_ia S_dir[a, :]). Rows are computed in ranges
 * [i0, i1) so the host can report progress and honour an abort between ranges.
 */
#include "operator.h"

/* The CSR transpose Sᵀ (cols×rows) of S (rows×cols): a counting sort, so its rows come out sorted. */
EXPORT void csr_transpose_f32(u32 rows, u32 cols, const u32 *rp, const u32 *ci, const float *val, u32 *out_rp,
                              u32 *out_ci, float *out_val, u32 *next) {
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

/* out = S + Sᵀ for a dense square S (n×n), summed in float64 and rounded once. */
EXPORT void dense_add_transpose(const float *s, u32 n, float *out) {
  for (u32 i = 0; i < n; i++)
    for (u32 j = 0; j < n; j++) out[(uint64_t)i * n + j] = (float)((double)s[(uint64_t)i * n + j] + (double)s[(uint64_t)j * n + i]);
}

/*
 * Rows [i0, i1) of M (n×m, stride m). Row i: r = (Q_x S_dir)_i in float64 (row x_i of S_dir, or
 * Σ_a q_ia S_dir[a, :] for a soft x), then M_ij = r[y_j] (tokens) or r · (Q_y)_j (soft, y_q m×cols).
 * rep[i] (tokens only) is the first position holding x_i: later ones copy its row.
 * acc: cols float64 scratch.
 */
EXPORT void proj_m(const Op *op, u32 i0, u32 i1, const u32 *x_ids, const float *x_q, const u32 *rep, const u32 *y_ids,
                   const float *y_q, u32 m, double *acc, float *out) {
  zero_f64(acc, op->cols);
  for (u32 i = i0; i < i1; i++) {
    float *row = out + (uint64_t)i * m;
    if (x_ids != 0 && rep[i] != i) {
      const float *src = out + (uint64_t)rep[i] * m;
      for (u32 j = 0; j < m; j++) row[j] = src[j];
      continue;
    }
    if (x_ids != 0) {
      op_add_row(op, x_ids[i], 1.0, acc);
    } else {
      const float *qi = x_q + (uint64_t)i * op->rows;
      for (u32 a = 0; a < op->rows; a++)
        if (qi[a] != 0.0f) op_add_row(op, a, (double)qi[a], acc);
    }
    if (y_ids != 0) {
      for (u32 j = 0; j < m; j++) row[j] = (float)acc[y_ids[j]];
    } else {
      for (u32 j = 0; j < m; j++) {
        const float *qj = y_q + (uint64_t)j * op->cols;
        double s = 0.0;
        for (u32 c = 0; c < op->cols; c++) s += acc[c] * (double)qj[c];
        row[j] = (float)s;
      }
    }
    if (x_ids != 0) op_clear_row(op, x_ids[i], acc);
    else zero_f64(acc, op->cols);
  }
}

/* Top-k order: higher score first, equal scores by lower id. worse(a, b): a ranks after b. */
static inline int worse(const double *row, u32 a, u32 b) {
  return row[a] < row[b] || (row[a] == row[b] && a > b);
}

static void sift_down(const double *row, u32 *heap, u32 size, u32 i) {
  for (;;) {
    u32 l = 2 * i + 1;
    if (l >= size) return;
    u32 r = l + 1;
    u32 w = r < size && worse(row, heap[r], heap[l]) ? r : l;
    if (!worse(row, heap[w], heap[i])) return;
    u32 t = heap[i];
    heap[i] = heap[w];
    heap[w] = t;
    i = w;
  }
}

/* The k best of row[0..len) into ids/scores, best first: a min-heap of the worst kept entry, O(len log k). */
static void top_k(const double *row, u32 len, u32 k, u32 *ids, float *scores, u32 *heap) {
  if (k == 0) return;
  u32 size = 0;
  for (u32 c = 0; c < len; c++) {
    if (size < k) {
      u32 i = size++;
      heap[i] = c;
      while (i > 0) {
        u32 p = (i - 1) / 2;
        if (!worse(row, heap[i], heap[p])) break;
        u32 t = heap[i];
        heap[i] = heap[p];
        heap[p] = t;
        i = p;
      }
    } else if (worse(row, heap[0], c)) {
      heap[0] = c;
      sift_down(row, heap, size, 0);
    }
  }
  for (u32 t = size; t-- > 0;) {
    u32 id = heap[0];
    ids[t] = id;
    scores[t] = (float)row[id];
    heap[0] = heap[--size];
    sift_down(row, heap, size, 0);
  }
}

/*
 * Rows [i0, i1) of E = M (Q_y S_dir): E_i = Σ_a w_ia S_dir[a, :] with w_i = M_i Q_y, i.e. for tokens
 * w over y's distinct words (w_g = Σ_{j: y_j = word g} M_ij, y_group[j] = g), for a soft y
 * w_a = Σ_j M_ij (Q_y)_ja (y_q m×y_cols). Each row is kept whole in e (n×cols) or as its top k.
 * rep (or null) marks equal rows: row i copies row rep[i]. wbuf: max(words, y_cols) float64;
 * acc: cols float64; heap: k.
 */
EXPORT void proj_e(const Op *op, u32 i0, u32 i1, const float *mm, u32 m, const u32 *rep, const u32 *y_group,
                   const u32 *y_words, u32 n_words, const float *y_q, u32 y_cols, double *wbuf, double *acc, float *e,
                   u32 k, u32 *top_ids, float *top_scores, u32 *heap) {
  u32 cols = op->cols;
  zero_f64(acc, cols);
  for (u32 i = i0; i < i1; i++) {
    if (rep != 0 && rep[i] != i) {
      if (e != 0) {
        const float *src = e + (uint64_t)rep[i] * cols;
        float *dst = e + (uint64_t)i * cols;
        for (u32 c = 0; c < cols; c++) dst[c] = src[c];
      } else {
        for (u32 t = 0; t < k; t++) {
          top_ids[(uint64_t)i * k + t] = top_ids[(uint64_t)rep[i] * k + t];
          top_scores[(uint64_t)i * k + t] = top_scores[(uint64_t)rep[i] * k + t];
        }
      }
      continue;
    }
    const float *mi = mm + (uint64_t)i * m;
    if (y_group != 0) {
      zero_f64(wbuf, n_words);
      for (u32 j = 0; j < m; j++) wbuf[y_group[j]] += (double)mi[j];
      for (u32 g = 0; g < n_words; g++)
        if (wbuf[g] != 0.0) op_add_row(op, y_words[g], wbuf[g], acc);
    } else {
      zero_f64(wbuf, y_cols);
      for (u32 j = 0; j < m; j++) {
        double mij = (double)mi[j];
        if (mij == 0.0) continue;
        const float *qj = y_q + (uint64_t)j * y_cols;
        for (u32 a = 0; a < y_cols; a++) wbuf[a] += mij * (double)qj[a];
      }
      for (u32 a = 0; a < y_cols; a++)
        if (wbuf[a] != 0.0) op_add_row(op, a, wbuf[a], acc);
    }
    if (e != 0) {
      float *dst = e + (uint64_t)i * cols;
      for (u32 c = 0; c < cols; c++) dst[c] = (float)acc[c];
    } else {
      top_k(acc, cols, k, top_ids + (uint64_t)i * k, top_scores + (uint64_t)i * k, heap);
    }
    zero_f64(acc, cols);
  }
}

/*
 * One offset k of M^pos (SPEC B.10a): M_ij = M_ji = f · C⁽ᵏ⁾[x_i, x_j] for j = i + k < n. Positions are
 * grouped by word (group g: word words[g] at pos[start[g] .. start[g+1])), so each row of C⁽ᵏ⁾ is
 * scattered into acc once per distinct word. acc: V float64, zero on entry and on exit.
 */
EXPORT void pos_offset(u32 n, const u32 *ids, double f, const u32 *rp, const u32 *ci, const float *val,
                       const u32 *words, const u32 *start, const u32 *pos, u32 groups, u32 k, u32 v_size, double *acc,
                       float *out) {
  zero_f64(acc, v_size);
  for (u32 g = 0; g < groups; g++) {
    u32 a = words[g];
    for (u32 p = rp[a]; p < rp[a + 1]; p++) acc[ci[p]] += (double)val[p];
    for (u32 t = start[g]; t < start[g + 1]; t++) {
      u32 i = pos[t], j = i + k;
      if (j >= n) continue;
      float v = (float)(f * acc[ids[j]]);
      out[(uint64_t)i * n + j] = v;
      out[(uint64_t)j * n + i] = v;
    }
    for (u32 p = rp[a]; p < rp[a + 1]; p++) acc[ci[p]] = 0.0;
  }
}

/* In place M ← K ∘ M with K_ij = κ(|j − i|) = kappa[|j − i|], 0 where |j − i| ≥ len (SPEC B.10b). */
EXPORT void pos_kernel(float *mm, u32 rows, u32 cols, const double *kappa, u32 len) {
  for (u32 i = 0; i < rows; i++)
    for (u32 j = 0; j < cols; j++) {
      u32 d = j > i ? j - i : i - j;
      float v = d < len ? (float)((double)mm[(uint64_t)i * cols + j] * kappa[d]) : 0.0f;
      /* A negative score times κ = 0 would be −0; masked-out entries are stored as +0. */
      mm[(uint64_t)i * cols + j] = v == 0.0f ? 0.0f : v;
    }
}
