// The baseline a user would write by hand: float32 arrays, plain loops in the cache-friendly i-k-j
// order, no blocking, no SIMD, one thread.

/**
 * C (rows×cols) = A (rows×inner) B (inner×cols), row-major, i-k-j order.
 * @param {Float32Array} a
 * @param {Float32Array} b
 * @param {number} rows
 * @param {number} inner
 * @param {number} cols
 */
export function matmul(a, b, rows, inner, cols) {
  const c = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < inner; k++) {
      const aik = a[i * inner + k];
      const bk = k * cols;
      const ci = i * cols;
      for (let j = 0; j < cols; j++) c[ci + j] += aik * b[bk + j];
    }
  }
  return c;
}

/**
 * softmax(Q Kᵀ · scale + causal mask) V for Q, K n×dk and V n×dv, one query row at a time.
 * @param {Float32Array} q
 * @param {Float32Array} k
 * @param {Float32Array} v
 * @param {{ n: number, dk: number, dv: number, scale: number, causal: boolean }} shape
 */
export function attend(q, k, v, { n, dk, dv, scale, causal }) {
  const out = new Float32Array(n * dv);
  const p = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const last = causal ? i : n - 1;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j <= last; j++) {
      let s = 0;
      for (let t = 0; t < dk; t++) s += q[i * dk + t] * k[j * dk + t];
      p[j] = s * scale;
      if (p[j] > max) max = p[j];
    }
    let sum = 0;
    for (let j = 0; j <= last; j++) {
      p[j] = Math.exp(p[j] - max);
      sum += p[j];
    }
    for (let j = 0; j <= last; j++) {
      const w = p[j] / sum;
      for (let t = 0; t < dv; t++) out[i * dv + t] += w * v[j * dv + t];
    }
  }
  return out;
}

/**
 * Self-attention of one head: softmax((H W_Q)(H W_K)ᵀ/√d_k + mask)(H W_V).
 * @param {import('@dproj/core').Matrix} h
 * @param {{ wq: import('@dproj/core').Matrix, wk: import('@dproj/core').Matrix, wv: import('@dproj/core').Matrix }} w
 * @param {boolean} causal
 */
export function selfAttention(h, w, causal) {
  const n = h.rows;
  const d = h.cols;
  const dk = w.wq.cols;
  const dv = w.wv.cols;
  const q = matmul(h.data, w.wq.data, n, d, dk);
  const k = matmul(h.data, w.wk.data, n, d, dk);
  const v = matmul(h.data, w.wv.data, n, d, dv);
  return attend(q, k, v, { n, dk, dv, scale: 1 / Math.sqrt(dk), causal });
}

/**
 * Keeps the k largest of `row` (ties to the lower id) by insertion into a sorted list of k.
 * @param {ArrayLike<number>} row
 * @param {number} k
 * @param {Uint32Array} ids output, at `at`
 * @param {Float32Array} scores output, at `at`
 * @param {number} at
 */
export function topK(row, k, ids, scores, at) {
  let count = 0;
  for (let b = 0; b < row.length; b++) {
    const x = row[b];
    if (count === k && x <= scores[at + k - 1]) continue;
    let p = count < k ? count++ : k - 1;
    while (p > 0 && scores[at + p - 1] < x) {
      scores[at + p] = scores[at + p - 1];
      ids[at + p] = ids[at + p - 1];
      p--;
    }
    scores[at + p] = x;
    ids[at + p] = b;
  }
}

/**
 * M_ij = S[x_i, x_j] and the top-k of each row of E = M S[x, :], for a dense or CSR S.
 * @param {Uint32Array} x
 * @param {import('@dproj/core').Operator} s
 * @param {number} k
 */
export function project(x, s, k) {
  const n = x.length;
  const V = s.cols;
  const m = new Float32Array(n * n);
  const ids = new Uint32Array(n * k);
  const scores = new Float32Array(n * k);
  const e = new Float32Array(V);
  const dense = 'data' in s ? s.data : undefined;
  const row = new Float32Array(V);
  for (let i = 0; i < n; i++) {
    if (dense !== undefined) {
      for (let j = 0; j < n; j++) m[i * n + j] = dense[x[i] * V + x[j]];
    } else {
      // Scatter row x_i of S so that S[x_i, x_j] is a lookup, then clear only what was written.
      for (let p = s.rowPtr[x[i]]; p < s.rowPtr[x[i] + 1]; p++) row[s.colIdx[p]] = s.values[p];
      for (let j = 0; j < n; j++) m[i * n + j] = row[x[j]];
      for (let p = s.rowPtr[x[i]]; p < s.rowPtr[x[i] + 1]; p++) row[s.colIdx[p]] = 0;
    }
    e.fill(0);
    for (let j = 0; j < n; j++) {
      const mij = m[i * n + j];
      if (dense !== undefined) {
        const base = x[j] * V;
        for (let b = 0; b < V; b++) e[b] += mij * dense[base + b];
      } else {
        for (let p = s.rowPtr[x[j]]; p < s.rowPtr[x[j] + 1]; p++) e[s.colIdx[p]] += mij * s.values[p];
      }
    }
    topK(e, k, ids, scores, i * k);
  }
  return { m, ids, scores };
}

/**
 * The plain-JS loop as a benchmark implementation. It has no co-occurrence counter: that is dproj's own
 * operator, with no counterpart to compare.
 * @returns {import('../runner.mjs').Adapter}
 */
export function plainJsAdapter() {
  return {
    impl: 'plain-js',
    threads: 1,
    unsupported: (workload) => (workload === 'cooccurrence' ? 'no co-occurrence operator (dproj only)' : undefined),
    prepare: async (workload, input) => ({ run: async () => run(workload, input) }),
    dispose: async () => {},
  };
}

/**
 * @param {import('../workloads/case.mjs').Workload} workload
 * @param {import('../workloads/case.mjs').CaseInput} input (its shape follows `workload`)
 * @returns {import('../workloads/case.mjs').CaseOutput}
 */
function run(workload, input) {
  switch (workload) {
    case 'matmul':
      return { c: matmul(input.a.data, input.b.data, input.n, input.n, input.n) };
    case 'attention':
    case 'attention-causal':
      return { out: selfAttention(input.h, input, input.mask?.kind === 'causal') };
    case 'mha': {
      const n = input.h.rows;
      const heads = input.heads.map((w) => selfAttention(input.h, w, false));
      const dv = input.heads[0].wv.cols;
      const concat = new Float32Array(n * dv * heads.length);
      heads.forEach((o, l) => {
        for (let i = 0; i < n; i++) concat.set(o.subarray(i * dv, (i + 1) * dv), i * dv * heads.length + l * dv);
      });
      return { out: matmul(concat, input.wo.data, n, dv * heads.length, input.wo.cols) };
    }
    case 'projection-sotu':
    case 'projection-dense':
      return project(input.tokens, input.s, input.k);
    default:
      throw new Error(`plain-js: no ${workload}`);
  }
}
