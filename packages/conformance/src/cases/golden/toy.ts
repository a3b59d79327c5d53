/**
 * The shared toy example of SPEC C.0, as expected values: vocabulary river, bank, water, loan, money
 * (ids 0–4), corpus "river bank water" / "bank loan money" / "river water", window 2, f(d) = 1/d.
 * These numbers are the specification; the golden cases compare backend results against them.
 */

import type { Dense } from '../../oracle/dense.ts';

/** The vocabulary in id order (SPEC C.0). */
export const TOY_WORDS: readonly string[] = ['river', 'bank', 'water', 'loan', 'money'];

/** V = 5. */
export const TOY_V = 5;

/** Word ids by name, for readable sequences. */
export const RIVER = 0;
/** Word id of `bank`. */
export const BANK = 1;
/** Word id of `water`. */
export const WATER = 2;
/** Word id of `loan`. */
export const LOAN = 3;
/** Word id of `money`. */
export const MONEY = 4;

/** C⁽¹⁾: b immediately follows a (raw counts). */
export const TOY_C1: Dense = [
  [0, 1, 1, 0, 0],
  [0, 0, 1, 1, 0],
  [0, 0, 0, 0, 0],
  [0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0],
];

/** C⁽²⁾: b two after a (raw counts). */
export const TOY_C2: Dense = [
  [0, 0, 1, 0, 0],
  [0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0],
];

/** F = C⁽¹⁾ + ½ C⁽²⁾, rows a, columns b ("b follows a"). */
export const TOY_F: Dense = [
  [0, 1, 1.5, 0, 0],
  [0, 0, 1, 1, 0.5],
  [0, 0, 0, 0, 0],
  [0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0],
];

/** S = F + Fᵀ. */
export const TOY_S: Dense = [
  [0, 1, 1.5, 0, 0],
  [1, 0, 1, 1, 0.5],
  [1.5, 1, 0, 0, 0],
  [0, 1, 0, 0, 1],
  [0, 0.5, 0, 1, 0],
];

/** Eigenvalues of S, descending (SPEC C.0); the trace is 0, so S is indefinite. */
export const TOY_S_EIGENVALUES: readonly number[] = [2.5859, 1.1608, -0.8137, -1.433, -1.5];

/** Non-zero singular values of F, descending; rank F = 3. */
export const TOY_F_SINGULAR_VALUES: readonly number[] = [2.0873, 1.2194, 0.8099];

/** x¹ = (river, bank, water). */
export const X1: readonly number[] = [RIVER, BANK, WATER];
/** x² = (bank, loan, money). */
export const X2: readonly number[] = [BANK, LOAN, MONEY];
/** x³ = (bank, river, bank), with a duplicate. */
export const X3: readonly number[] = [BANK, RIVER, BANK];
/** x^rev = (water, bank, river), the reversal of x¹. */
export const XREV: readonly number[] = [WATER, BANK, RIVER];
/** Cross pair: x = (river, loan) attends to y. */
export const CROSS_X: readonly number[] = [RIVER, LOAN];
/** Cross pair: the source y = (bank, water, money). */
export const CROSS_Y: readonly number[] = [BANK, WATER, MONEY];

/** M(x¹) = Q S Qᵀ (P5). */
export const M_X1: Dense = [
  [0, 1, 1.5],
  [1, 0, 1],
  [1.5, 1, 0],
];

/** softmax(M(x¹)) (P18). */
export const SOFTMAX_M_X1: Dense = [
  [0.122, 0.3315, 0.5465],
  [0.4223, 0.1554, 0.4223],
  [0.5465, 0.3315, 0.122],
];

/** softmax(M(x¹)/2), τ = 2 (P22, P26). */
export const SOFTMAX_M_X1_TAU2: Dense = [
  [0.2098, 0.346, 0.4442],
  [0.3837, 0.2327, 0.3837],
  [0.4442, 0.346, 0.2098],
];

/** Causal softmax(M(x¹)) (P23, P24). */
export const CAUSAL_SOFTMAX_M_X1: Dense = [
  [1, 0, 0],
  [0.7311, 0.2689, 0],
  [0.5465, 0.3315, 0.122],
];

/** W of P31 and P38: rows river (1,0), bank (1,1), water (0,1), loan (−1,1), money (−1,0). */
export const TOY_W: Dense = [
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
];
