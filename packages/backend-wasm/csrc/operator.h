/*
 * Row access to the operator S_dir of a projection: S, Sᵀ or S + Sᵀ (SPEC B.9). The host lays the
 * descriptor out in linear memory: a sparse S_dir is one or two CSR parts whose rows add up (S and Sᵀ
 * for `symmetric`), a dense one is a single row-major matrix (the host forms Sᵀ or S + Sᵀ first).
 * Rows are added into float64 accumulators, as the reference does, so sums round once at the end.
 */
#ifndef DPROJ_OPERATOR_H
#define DPROJ_OPERATOR_H

#include "common.h"

enum { OP_CSR = 0, OP_DENSE = 1 };

typedef struct {
  u32 kind;
  u32 rows;
  u32 cols;
  u32 parts;
  const u32 *row_ptr[2];
  const u32 *col_idx[2];
  const float *values[2];
  const float *dense;
} Op;

/* acc[0..cols) += α · S_dir[a, :] */
static inline void op_add_row(const Op *op, u32 a, double alpha, double *acc) {
  if (op->kind == OP_DENSE) {
    const float *row = op->dense + (uint64_t)a * op->cols;
    for (u32 c = 0; c < op->cols; c++) acc[c] += alpha * (double)row[c];
    return;
  }
  for (u32 part = 0; part < op->parts; part++) {
    const u32 *ci = op->col_idx[part];
    const float *v = op->values[part];
    for (u32 p = op->row_ptr[part][a]; p < op->row_ptr[part][a + 1]; p++) acc[ci[p]] += alpha * (double)v[p];
  }
}

/* Zeroes every entry of acc that op_add_row(op, a, …) can have touched. */
static inline void op_clear_row(const Op *op, u32 a, double *acc) {
  if (op->kind == OP_DENSE) {
    for (u32 c = 0; c < op->cols; c++) acc[c] = 0.0;
    return;
  }
  for (u32 part = 0; part < op->parts; part++) {
    const u32 *ci = op->col_idx[part];
    for (u32 p = op->row_ptr[part][a]; p < op->row_ptr[part][a + 1]; p++) acc[ci[p]] = 0.0;
  }
}

static inline void zero_f64(double *x, u32 n) {
  for (u32 t = 0; t < n; t++) x[t] = 0.0;
}

#endif
