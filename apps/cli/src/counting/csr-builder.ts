import type { CsrMatrix } from '@dproj/core';

/** Builds a CSR matrix from entries given in (row, col) order, growing its arrays as needed. */
export class CsrBuilder {
  private colIdx = new Uint32Array(1 << 16);
  private values = new Float32Array(1 << 16);
  private readonly rowPtr: Uint32Array;
  private nnz = 0;
  private row = 0;

  constructor(
    private readonly rows: number,
    private readonly cols: number,
  ) {
    this.rowPtr = new Uint32Array(rows + 1);
  }

  /** Appends entry (row, col); rows must not decrease, and columns must increase within a row. */
  push(row: number, col: number, value: number): void {
    while (this.row < row) this.rowPtr[++this.row] = this.nnz;
    if (this.nnz === this.colIdx.length) {
      const colIdx = new Uint32Array(this.nnz * 2);
      colIdx.set(this.colIdx);
      const values = new Float32Array(this.nnz * 2);
      values.set(this.values);
      this.colIdx = colIdx;
      this.values = values;
    }
    this.colIdx[this.nnz] = col;
    this.values[this.nnz++] = value;
  }

  /** The matrix; the builder must not be used after. */
  build(): CsrMatrix {
    while (this.row < this.rows) this.rowPtr[++this.row] = this.nnz;
    return {
      rows: this.rows,
      cols: this.cols,
      rowPtr: this.rowPtr,
      colIdx: this.colIdx.slice(0, this.nnz),
      values: this.values.slice(0, this.nnz),
    };
  }
}
