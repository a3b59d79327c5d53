// The correctness gate: every implementation's first result is compared with the float64 oracle before
// any timing counts, so a fast wrong answer can never appear as a speed.

/**
 * Allowed error relative to the largest expected magnitude of the same row: rows of a projection span
 * six orders of magnitude, so one scale for all would let the small rows pass unchecked. Float32
 * storage with float32 or float64 accumulation lands around 1e-6; a wrong kernel (a missed row, a
 * dropped mask, a transposed operand) lands near 1.
 */
export const RELATIVE_TOLERANCE = 1e-3;

/**
 * @typedef {{ maxAbsErr: number, ok: boolean }} Verdict
 */

/**
 * The rows checked for an n-row result: both ends, the middle and their neighbours, so a kernel that
 * gets edge tiles or a causal boundary wrong is caught without a full float64 reference.
 * @param {number} n
 * @returns {number[]}
 */
export function sampleRows(n) {
  const rows = [0, 1, Math.floor(n / 2) - 1, Math.floor(n / 2), n - 2, n - 1];
  return [...new Set(rows.filter((i) => i >= 0 && i < n))].sort((a, b) => a - b);
}

/**
 * Compares sampled rows of a row-major float32 result with float64 expected rows; a non-finite value
 * fails.
 * @param {ArrayLike<number>} actual the whole result, `cols` values per row
 * @param {number} cols
 * @param {readonly (readonly number[])[]} expected expected[r] is row rows[r]
 * @param {readonly number[]} rows
 * @returns {Verdict}
 */
export function compareRows(actual, cols, expected, rows) {
  let maxAbsErr = 0;
  let ok = true;
  expected.forEach((row, r) => {
    const base = rows[r] * cols;
    let err = 0;
    let scale = 1;
    for (let j = 0; j < cols; j++) {
      const got = actual[base + j];
      // NaN compares false with everything, so it is caught here rather than by the max below.
      err = Number.isFinite(got) ? Math.max(err, Math.abs(got - row[j])) : Number.POSITIVE_INFINITY;
      scale = Math.max(scale, Math.abs(row[j]));
    }
    maxAbsErr = Math.max(maxAbsErr, err);
    if (!(err <= RELATIVE_TOLERANCE * scale)) ok = false;
  });
  return { maxAbsErr, ok };
}

/**
 * Checks the top-k of sampled rows of E: each returned score must equal the oracle's score of the same
 * rank, and the oracle's E at the returned id, so near-ties may pick either word but a wrong id fails.
 * @param {{ ids: ArrayLike<number>, scores: ArrayLike<number> }} actual k entries per row
 * @param {number} k
 * @param {{ e: readonly (readonly number[])[], scores: readonly (readonly number[])[] }} expected rows of E and of its top-k scores
 * @param {readonly number[]} rows
 * @returns {Verdict}
 */
export function compareTopK(actual, k, expected, rows) {
  let maxAbsErr = 0;
  let ok = true;
  rows.forEach((i, r) => {
    let err = 0;
    let scale = 1;
    for (let p = 0; p < k; p++) {
      const id = actual.ids[i * k + p];
      const score = actual.scores[i * k + p];
      const want = expected.scores[r][p];
      const atId = expected.e[r][id] ?? Number.NaN;
      const e = Math.max(Math.abs(score - want), Math.abs(score - atId));
      err = Number.isNaN(e) ? Number.POSITIVE_INFINITY : Math.max(err, e);
      scale = Math.max(scale, Math.abs(want));
    }
    maxAbsErr = Math.max(maxAbsErr, err);
    if (!(err <= RELATIVE_TOLERANCE * scale)) ok = false;
  });
  return { maxAbsErr, ok };
}

/**
 * Both verdicts must pass; the reported error is the larger.
 * @param {...Verdict} verdicts
 * @returns {Verdict}
 */
export function allOf(...verdicts) {
  return {
    maxAbsErr: Math.max(...verdicts.map((v) => v.maxAbsErr)),
    ok: verdicts.every((v) => v.ok),
  };
}

/**
 * Rows of S = F + Fᵀ (SPEC B.2: harmonic weight 1/d, window w, windows inside documents, diagonal kept)
 * for the sampled words only, in float64. The full oracle holds every pair of a 1.8M-token corpus in
 * maps, which takes minutes and gigabytes; one pass that keeps only the wanted rows is enough to check.
 * @param {readonly ArrayLike<number>[]} docs
 * @param {readonly number[]} words
 * @param {number} window
 * @returns {Map<number, Map<number, number>>}
 */
export function cooccurrenceRows(docs, words, window) {
  const rows = new Map(words.map((a) => [a, new Map()]));
  for (const doc of docs) {
    for (let p = 0; p < doc.length; p++) {
      const row = rows.get(doc[p]);
      if (row === undefined) continue;
      for (let d = 1; d <= window; d++) {
        if (p + d < doc.length) row.set(doc[p + d], (row.get(doc[p + d]) ?? 0) + 1 / d);
        if (p - d >= 0) row.set(doc[p - d], (row.get(doc[p - d]) ?? 0) + 1 / d);
      }
    }
  }
  return rows;
}

/**
 * Compares rows of a CSR result with float64 sparse rows: every stored entry and every expected entry.
 * @param {import('@dproj/core').CsrMatrix} actual
 * @param {Map<number, Map<number, number>>} expected
 * @returns {Verdict}
 */
export function compareCsrRows(actual, expected) {
  let maxAbsErr = 0;
  let scale = 1;
  for (const [a, row] of expected) {
    const got = new Map();
    for (let p = actual.rowPtr[a]; p < actual.rowPtr[a + 1]; p++) got.set(actual.colIdx[p], actual.values[p]);
    for (const b of new Set([...row.keys(), ...got.keys()])) {
      const want = row.get(b) ?? 0;
      maxAbsErr = Math.max(maxAbsErr, Math.abs((got.get(b) ?? 0) - want));
      scale = Math.max(scale, Math.abs(want));
    }
  }
  return { maxAbsErr, ok: maxAbsErr <= RELATIVE_TOLERANCE * scale };
}
