import type { CooccurrenceOptions, CooccurrenceSettings, Weighting } from '@dproj/core';
import type { SparseOperator } from './sparse.ts';
import { addOperators, operatorFromRows, transposeOperator } from './sparse.ts';

/** Distance weight f(d) (SPEC B.2): GloVe's 1/d for `harmonic`, 1 for `uniform`. */
export function distanceWeight(weighting: Weighting, d: number): number {
  return weighting === 'harmonic' ? 1 / d : 1;
}

/** The options with every default filled in, as a result reports them. */
export function cooccurrenceSettings(options: CooccurrenceOptions): CooccurrenceSettings {
  return {
    window: options.window,
    weighting: options.weighting ?? 'harmonic',
    direction: options.direction ?? 'symmetric',
    zeroDiagonal: options.zeroDiagonal ?? false,
    crossDocuments: options.crossDocuments ?? false,
  };
}

/**
 * Offset counts (SPEC B.2.1): C⁽ᵏ⁾_ab = Σ_s #{t : t + k < L_s, s_t = a, s_{t+k} = b} for k = 1..w,
 * returned at index k−1. With `crossDocuments` the documents form one stream.
 */
export function offsetCounts(
  docs: readonly ArrayLike<number>[],
  vocabularySize: number,
  window: number,
  crossDocuments: boolean,
): SparseOperator[] {
  const streams = crossDocuments ? [docs.flatMap((d) => Array.from(d))] : docs.map((d) => Array.from(d));
  const counts = Array.from({ length: window }, () =>
    Array.from({ length: vocabularySize }, () => new Map<number, number>()),
  );
  for (const s of streams) {
    for (let t = 0; t < s.length; t++) {
      for (let k = 1; k <= window && t + k < s.length; k++) {
        const row = counts[k - 1][s[t]];
        row.set(s[t + k], (row.get(s[t + k]) ?? 0) + 1);
      }
    }
  }
  return counts.map((maps) => operatorFromRows(vocabularySize, vocabularySize, maps));
}

/** Forward operator (SPEC B.2.2): F = Σ_{k=1..w} f(k) C⁽ᵏ⁾. */
export function forwardOperator(offsets: readonly SparseOperator[], weighting: Weighting): SparseOperator {
  const size = offsets[0]?.rows ?? 0;
  const maps = Array.from({ length: size }, () => new Map<number, number>());
  offsets.forEach((c, index) => {
    const f = distanceWeight(weighting, index + 1);
    for (let a = 0; a < size; a++) for (const [b, v] of c.row(a)) maps[a].set(b, (maps[a].get(b) ?? 0) + f * v);
  });
  return operatorFromRows(size, size, maps);
}

/** The operator with its diagonal removed (SPEC B.2.3 `zero_diagonal`). */
export function withoutDiagonal(s: SparseOperator): SparseOperator {
  const maps = Array.from({ length: s.rows }, (_, a) => {
    const m = new Map(s.row(a));
    m.delete(a);
    return m;
  });
  return operatorFromRows(s.rows, s.cols, maps);
}

/** What the co-occurrence operator computes, in float64. */
export interface OracleCooccurrence {
  /** S = F + Fᵀ (symmetric) or F (forward), diagonal removed under `zeroDiagonal`. */
  readonly matrix: SparseOperator;
  /** Raw C⁽ᵏ⁾ for k = 1..w at index k−1 (never diagonal-zeroed: they are counts, not S). */
  readonly offsets: readonly SparseOperator[];
  readonly settings: CooccurrenceSettings;
  /** Σ_s L_s. */
  readonly tokens: number;
}

/** The co-occurrence operator of SPEC B.2 on documents of token ids over a vocabulary of `vocabularySize` words. */
export function oracleCooccurrence(
  docs: readonly ArrayLike<number>[],
  vocabularySize: number,
  options: CooccurrenceOptions,
): OracleCooccurrence {
  const settings = cooccurrenceSettings(options);
  const offsets = offsetCounts(docs, vocabularySize, settings.window, settings.crossDocuments);
  const f = forwardOperator(offsets, settings.weighting);
  const directed = settings.direction === 'symmetric' ? addOperators(f, transposeOperator(f)) : f;
  return {
    matrix: settings.zeroDiagonal ? withoutDiagonal(directed) : directed,
    offsets,
    settings,
    tokens: docs.reduce((n, d) => n + d.length, 0),
  };
}
