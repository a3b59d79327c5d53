import { isCsr } from '@dproj/core';
import type { CsrMatrix, Operator, ProjectionInput } from '@dproj/core';
import type { Wasm } from '../runtime/wasm.ts';

/** How a projection reads its operator: S as given, Sᵀ, or S + Sᵀ (SPEC B.9). */
export type Direction = NonNullable<ProjectionInput['direction']>;

/** S_dir placed in wasm memory: `ptr` to the descriptor `Op` of csrc/operator.h. */
export interface WasmOperator {
  readonly ptr: number;
  readonly rows: number;
  readonly cols: number;
  /** A dense S_dir's row-major rows×cols block (stride cols); undefined for a sparse one. */
  readonly dense?: number;
}

const OP_CSR = 0;
const OP_DENSE = 1;

/** A CSR matrix's three arrays copied into the arena. */
export function copyCsr(wasm: Wasm, s: CsrMatrix, what: string): { rp: number; ci: number; val: number } {
  return {
    rp: wasm.arena.copyIn(s.rowPtr, `${what}.rowPtr`),
    ci: wasm.arena.copyIn(s.colIdx, `${what}.colIdx`),
    val: wasm.arena.copyIn(s.values, `${what}.values`),
  };
}

/**
 * S_dir in wasm for `direction`: a sparse S stays sparse (its transpose is built by the counting
 * transpose kernel, and `symmetric` reads S and Sᵀ as two parts whose rows add); a dense S is copied,
 * transposed, or summed with its transpose into one dense matrix.
 */
export function placeOperator(wasm: Wasm, s: Operator, direction: Direction): WasmOperator {
  const { arena, kernels } = wasm;
  const rows = direction === 'backward' ? s.cols : s.rows;
  const cols = direction === 'backward' ? s.rows : s.cols;
  const desc = arena.alloc(11 * 4, 'operator descriptor');
  const fields = new Uint32Array(11);
  fields[1] = rows;
  fields[2] = cols;
  if (isCsr(s)) {
    const parts: { rp: number; ci: number; val: number }[] = [];
    const given = copyCsr(wasm, s, 's');
    if (direction !== 'backward') parts.push(given);
    if (direction !== 'forward') {
      const nnz = s.rowPtr[s.rows];
      const t = {
        rp: arena.alloc((s.cols + 1) * 4, 'sᵀ.rowPtr'),
        ci: arena.alloc(nnz * 4, 'sᵀ.colIdx'),
        val: arena.alloc(nnz * 4, 'sᵀ.values'),
      };
      const next = arena.alloc(s.cols * 4, 'transpose scratch');
      kernels.csr_transpose_f32(s.rows, s.cols, given.rp, given.ci, given.val, t.rp, t.ci, t.val, next);
      parts.push(t);
    }
    fields[0] = OP_CSR;
    fields[3] = parts.length;
    parts.forEach((part, k) => {
      fields[4 + k] = part.rp;
      fields[6 + k] = part.ci;
      fields[8 + k] = part.val;
    });
  } else {
    let dense = arena.copyIn(s.data, 's');
    if (direction === 'backward') {
      const t = arena.alloc(s.rows * s.cols * 4, 'sᵀ');
      kernels.transpose_f32(dense, s.cols, s.rows, s.cols, t, s.rows);
      dense = t;
    } else if (direction === 'symmetric') {
      const sum = arena.alloc(s.rows * s.cols * 4, 's + sᵀ');
      kernels.dense_add_transpose(dense, s.rows, sum);
      dense = sum;
    }
    fields[0] = OP_DENSE;
    fields[10] = dense;
  }
  arena.u32(desc, 11).set(fields);
  return fields[0] === OP_DENSE ? { ptr: desc, rows, cols, dense: fields[10] } : { ptr: desc, rows, cols };
}
