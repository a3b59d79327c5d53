/** True when score x at id a ranks before score y at id b: higher score first, then lower id. */
function ranksBefore(x: number, a: number, y: number, b: number): boolean {
  return x > y || (x === y && a < b);
}

/**
 * The k largest entries of a row, highest score first; equal scores keep the lower id first
 * (the contract's tie rule for top-k prediction). Insertion into a sorted list of k, so a 50 000-wide
 * row costs one pass.
 */
export function topKOfRow(row: ArrayLike<number>, k: number): { ids: number[]; scores: number[] } {
  const ids: number[] = [];
  for (let b = 0; b < row.length; b++) {
    const last = ids.length - 1;
    if (ids.length === k && !ranksBefore(row[b], b, row[ids[last]], ids[last])) continue;
    let p = ids.length;
    while (p > 0 && ranksBefore(row[b], b, row[ids[p - 1]], ids[p - 1])) p--;
    ids.splice(p, 0, b);
    if (ids.length > k) ids.pop();
  }
  return { ids, scores: ids.map((b) => row[b]) };
}
