import { describe, expect, it } from 'vitest';
import { frobeniusNormSquared, operatorToDense, symmetryDefect } from '../src/linalg/operator-entries.ts';
import { operatorTimesBlock, operatorTransposeTimesBlock } from '../src/linalg/operator-product.ts';
import { createRng, gaussianBlock } from '../src/linalg/random.ts';
import type { CsrMatrix, Matrix } from '../src/types/matrix.ts';

/** A random sparse rows×cols matrix, as CSR (columns deliberately unsorted) and as the dense equivalent. */
function randomSparse(rows: number, cols: number, density: number, seed: number): { csr: CsrMatrix; dense: Matrix } {
  const rng = createRng(seed);
  const data = new Float32Array(rows * cols);
  const rowPtr = new Uint32Array(rows + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < rows; i++) {
    const entries: [number, number][] = [];
    for (let j = 0; j < cols; j++) {
      if (rng.uniform() < density) {
        const v = Math.fround(rng.gaussian());
        data[i * cols + j] = v;
        entries.push([j, v]);
      }
    }
    entries.reverse();
    for (const [j, v] of entries) {
      colIdx.push(j);
      values.push(v);
    }
    rowPtr[i + 1] = colIdx.length;
  }
  return {
    csr: { rows, cols, rowPtr, colIdx: Uint32Array.from(colIdx), values: Float32Array.from(values) },
    dense: { rows, cols, data },
  };
}

function dense64(m: Matrix): Float64Array {
  return Float64Array.from(m.data);
}

describe('operator × block products', () => {
  it('agree between CSR and dense operators and with a direct triple loop', () => {
    const { csr, dense } = randomSparse(23, 17, 0.2, 1);
    const k = 5;
    const x = gaussianBlock(createRng(2), 17, k);
    const expected = new Float64Array(23 * k);
    const a = dense64(dense);
    for (let i = 0; i < 23; i++) {
      for (let t = 0; t < k; t++) {
        let s = 0;
        for (let j = 0; j < 17; j++) s += a[i * 17 + j] * x[j * k + t];
        expected[i * k + t] = s;
      }
    }
    const fromCsr = operatorTimesBlock(csr, x, k);
    const fromDense = operatorTimesBlock(dense, x, k);
    expected.forEach((v, p) => {
      expect(fromCsr[p]).toBeCloseTo(v, 12);
      expect(fromDense[p]).toBeCloseTo(v, 12);
    });
  });

  it('compute Sᵀ X without forming Sᵀ', () => {
    const { csr, dense } = randomSparse(19, 11, 0.3, 3);
    const k = 4;
    const x = gaussianBlock(createRng(4), 19, k);
    const a = dense64(dense);
    const fromCsr = operatorTransposeTimesBlock(csr, x, k);
    const fromDense = operatorTransposeTimesBlock(dense, x, k);
    for (let j = 0; j < 11; j++) {
      for (let t = 0; t < k; t++) {
        let s = 0;
        for (let i = 0; i < 19; i++) s += a[i * 11 + j] * x[i * k + t];
        expect(fromCsr[j * k + t]).toBeCloseTo(s, 12);
        expect(fromDense[j * k + t]).toBeCloseTo(s, 12);
      }
    }
  });

  it('reject a block of the wrong size', () => {
    const { csr } = randomSparse(3, 4, 0.5, 5);
    expect(() => operatorTimesBlock(csr, new Float64Array(3 * 2), 2)).toThrow(RangeError);
    expect(() => operatorTransposeTimesBlock(csr, new Float64Array(4 * 2), 2)).toThrow(RangeError);
  });
});

describe('operator entries', () => {
  it('densify CSR and give the same ‖S‖_F² as the dense form', () => {
    const { csr, dense } = randomSparse(9, 13, 0.4, 6);
    expect(Array.from(operatorToDense(csr))).toEqual(Array.from(dense.data));
    expect(frobeniusNormSquared(csr)).toBeCloseTo(frobeniusNormSquared(dense), 12);
  });

  it('measure ‖S − Sᵀ‖_F and name the worst pair, for dense and CSR alike', () => {
    const { dense } = randomSparse(8, 8, 0.5, 7);
    const sym = new Float32Array(64);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) sym[i * 8 + j] = dense.data[i * 8 + j] + dense.data[j * 8 + i];
    const csrOf = (data: Float32Array): CsrMatrix => {
      const rowPtr = new Uint32Array(9);
      const colIdx: number[] = [];
      const values: number[] = [];
      for (let i = 0; i < 8; i++) {
        for (let j = 7; j >= 0; j--) {
          if (data[i * 8 + j] !== 0) {
            colIdx.push(j);
            values.push(data[i * 8 + j]);
          }
        }
        rowPtr[i + 1] = colIdx.length;
      }
      return { rows: 8, cols: 8, rowPtr, colIdx: Uint32Array.from(colIdx), values: Float32Array.from(values) };
    };
    expect(symmetryDefect({ rows: 8, cols: 8, data: sym }).frobenius).toBe(0);
    expect(symmetryDefect(csrOf(sym)).frobenius).toBe(0);
    expect(symmetryDefect(csrOf(sym)).row).toBe(-1);

    const broken = sym.slice();
    broken[2 * 8 + 5] += 3; // S[2,5] − S[5,2] = 3
    // S[6,1] − S[1,6] = 0.5, an entry stored on one side only
    broken[1 * 8 + 6] = 0;
    broken[6 * 8 + 1] = 0.5;
    for (const defect of [symmetryDefect({ rows: 8, cols: 8, data: broken }), symmetryDefect(csrOf(broken))]) {
      expect(defect.frobenius).toBeCloseTo(Math.sqrt(2 * 9 + 2 * 0.25), 6);
      expect([defect.row, defect.col]).toEqual([2, 5]);
      expect(defect.value - defect.mirror).toBeCloseTo(3, 6);
    }
  });
});
