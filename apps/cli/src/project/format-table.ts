import type { Matrix } from '@dproj/core';

/**
 * A number with 3 significant digits for tables: "0" for zero, "0.333", "12.0"; integers from 1000
 * to 10⁷ are rounded ("4312") rather than written "4.31e+3", which reads worse in a column.
 */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size >= 1e3 && size < 1e7) return String(Math.round(value));
  return value.toPrecision(3);
}

/**
 * An aligned text table: a header row of column labels, then one row per row label with its cells
 * right-aligned under the labels. Cells come from `cell(i, j)` already formatted.
 */
export function formatTable(
  rowLabels: readonly string[],
  columnLabels: readonly string[],
  cell: (i: number, j: number) => string,
): string {
  const cells = rowLabels.map((_, i) => columnLabels.map((_, j) => cell(i, j)));
  const labelWidth = Math.max(0, ...rowLabels.map((l) => l.length));
  const widths = columnLabels.map((label, j) => Math.max(label.length, ...cells.map((row) => row[j]!.length)));
  const line = (label: string, row: readonly string[]): string =>
    `${label.padEnd(labelWidth)}  ${row.map((c, j) => c.padStart(widths[j]!)).join('  ')}`.trimEnd();
  return [line('', columnLabels), ...rowLabels.map((label, i) => line(label, cells[i]!))].join('\n');
}

/** A square matrix (M, attention weights) as a table with the sentence's words on both sides. */
export function squareMatrixTable(m: Matrix, labels: readonly string[]): string {
  return formatTable(labels, labels, (i, j) => formatNumber(m.data[i * m.cols + j]!));
}
