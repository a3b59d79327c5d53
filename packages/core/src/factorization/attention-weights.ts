import { ValueError } from '../errors/errors.ts';
import type { HeadWeights } from '../types/operators.ts';
import type { Matrix } from '../types/matrix.ts';
import { identity, zeros } from '../types/matrix.ts';
import { checkTokens } from './arguments.ts';
import type { DirectionalFactorization } from './directional.ts';
import type { SymmetricFactorization } from './symmetric.ts';

/** Single-head attention weights that reproduce a projection: (H W_Q)(H W_K)ᵀ · scale ≈ M. */
export interface FactorizedAttention {
  /** H: n×d', the gathered embedding rows. */
  readonly h: Matrix;
  /** W_Q: d'×d_k. */
  readonly wq: Matrix;
  /** W_K: d'×d_k. */
  readonly wk: Matrix;
  /** W_V: d'×d'. */
  readonly wv: Matrix;
  /** The score scale to pass to attention: 1, so the logits are the projection itself. */
  readonly scale: number;
}

/** H = Q X: row i is row x_i of the table (V×c, row-major float32). */
function gather(table: Matrix, tokens: Uint32Array): Matrix {
  const c = table.cols;
  const h = zeros(tokens.length, c);
  tokens.forEach((t, i) => {
    h.data.set(table.data.subarray(t * c, (t + 1) * c), i * c);
  });
  return h;
}

/**
 * Attention weights from a signature factorization S ≈ W J Wᵀ (SPEC B.8, P26):
 * H = Q W (n×d, rows of W gathered by token id), W_Q = I_d, W_K = J, W_V = I_d, scale 1, so
 * (H W_Q)(H W_K)ᵀ = H J Hᵀ ≈ Q S Qᵀ = M, exactly at full rank (up to float32 storage).
 * Throws `ValueError` (argument `tokens[i]`) for an id that is not an integer in 0..V−1.
 */
export function symmetricAttentionWeights(
  f: SymmetricFactorization,
  tokens: Uint32Array | readonly number[],
): FactorizedAttention {
  const ids = checkTokens('symmetricAttentionWeights', tokens, f.w.rows);
  const d = f.rank;
  const wk = zeros(d, d);
  for (let j = 0; j < d; j++) wk.data[j * d + j] = f.signs[j];
  return { h: gather(f.w, ids), wq: identity(d), wk, wv: identity(d), scale: 1 };
}

/**
 * Attention weights from a directional factorization F ≈ A Bᵀ (SPEC B.9, P25):
 * H = Q [A B] (n×2d); forward W_Q = [I_d; 0], W_K = [0; I_d], so (H W_Q)(H W_K)ᵀ = (Q A)(Q B)ᵀ ≈ Q F Qᵀ = M→;
 * backward swaps W_Q and W_K, giving (Q B)(Q A)ᵀ ≈ Q Fᵀ Qᵀ = M←. W_V = I_{2d}, scale 1.
 * F must be square (one vocabulary). Throws `ValueError` for a rectangular F or a token id outside 0..V−1.
 */
export function directionalAttentionWeights(
  f: DirectionalFactorization,
  tokens: Uint32Array | readonly number[],
  direction: 'forward' | 'backward' = 'forward',
): FactorizedAttention {
  const fn = 'directionalAttentionWeights';
  if (f.a.rows !== f.b.rows) {
    throw new ValueError(
      `${fn}: f must factor a square F (one vocabulary for queries and keys), got A ${f.a.rows}×${f.a.cols} and B ${f.b.rows}×${f.b.cols}`,
      { op: 'factorization', argument: 'f' },
    );
  }
  if (direction !== 'forward' && direction !== 'backward') {
    throw new ValueError(`${fn}: direction must be 'forward' or 'backward', got ${String(direction)}`, {
      op: 'factorization',
      argument: 'direction',
    });
  }
  const ids = checkTokens(fn, tokens, f.a.rows);
  const d = f.rank;
  const width = 2 * d;
  const ha = gather(f.a, ids);
  const hb = gather(f.b, ids);
  const h = zeros(ids.length, width);
  for (let i = 0; i < ids.length; i++) {
    h.data.set(ha.data.subarray(i * d, (i + 1) * d), i * width);
    h.data.set(hb.data.subarray(i * d, (i + 1) * d), i * width + d);
  }
  const top = zeros(width, d); // [I; 0] selects the A half of H
  const bottom = zeros(width, d); // [0; I] selects the B half
  for (let j = 0; j < d; j++) {
    top.data[j * d + j] = 1;
    bottom.data[(d + j) * d + j] = 1;
  }
  const forward = direction === 'forward';
  return { h, wq: forward ? top : bottom, wk: forward ? bottom : top, wv: identity(width), scale: 1 };
}

/** Hidden states and one head per group of eigenpairs, for multi-head attention. */
export interface SpectralHeads {
  /** H = Q W: n×d. */
  readonly h: Matrix;
  /** Head ℓ: W_Q = E_G, W_K = E_G J_G, W_V = E_G (d×|G_ℓ| column selections). */
  readonly heads: HeadWeights[];
  /** The score scale to pass to multi-head attention: 1. */
  readonly scale: number;
}

/**
 * Spectral heads (SPEC B.12, P32): the kept eigenpairs are split into groups G_ℓ (indices into
 * f.eigenvalues) and S⁽ℓ⁾ = U_G Λ_G U_Gᵀ = W_G J_G W_Gᵀ. With H = Q W and E_G the d×|G| selection of the
 * columns in G, head ℓ has W_Q = E_G, W_K = E_G J_G, W_V = E_G, so its scores at scale 1 are
 * (H E_G)(H E_G J_G)ᵀ = Q S⁽ℓ⁾ Qᵀ, and when the groups partition 0..d−1, Σ_ℓ scores_ℓ = H J Hᵀ ≈ M.
 * Throws `ValueError` for an empty group, an index outside 0..d−1 or one that appears twice, and for
 * token ids outside 0..V−1.
 */
export function spectralHeads(
  f: SymmetricFactorization,
  tokens: Uint32Array | readonly number[],
  groups: readonly (readonly number[])[],
): SpectralHeads {
  const fn = 'spectralHeads';
  const ids = checkTokens(fn, tokens, f.w.rows);
  const d = f.rank;
  const owner = new Map<number, number>();
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new ValueError(`${fn}: groups must be a non-empty array of eigenpair index lists, got ${String(groups)}`, {
      op: 'factorization',
      argument: 'groups',
    });
  }
  groups.forEach((group, l) => {
    if (!Array.isArray(group) || group.length === 0) {
      throw new ValueError(`${fn}: groups[${l}] must be a non-empty list of eigenpair indices, got ${String(group)}`, {
        op: 'factorization',
        argument: `groups[${l}]`,
      });
    }
    group.forEach((index: unknown, i: number) => {
      const argument = `groups[${l}][${i}]`;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= d) {
        throw new ValueError(`${fn}: ${argument} must be an eigenpair index in 0..${d - 1}, got ${String(index)}`, {
          op: 'factorization',
          argument,
        });
      }
      const previous = owner.get(index);
      if (previous !== undefined) {
        throw new ValueError(
          `${fn}: ${argument} must not repeat an index (the groups partition the eigenpairs), got ${index}, already in groups[${previous}]`,
          { op: 'factorization', argument },
        );
      }
      owner.set(index, l);
    });
  });

  const heads = groups.map((group: readonly number[]): HeadWeights => {
    const size = group.length;
    const wq = zeros(d, size);
    const wk = zeros(d, size);
    group.forEach((index: number, c: number) => {
      wq.data[index * size + c] = 1;
      wk.data[index * size + c] = f.signs[index];
    });
    return { wq, wk, wv: { rows: d, cols: size, data: wq.data.slice() } };
  });
  return { h: gather(f.w, ids), heads, scale: 1 };
}
