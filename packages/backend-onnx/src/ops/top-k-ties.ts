/**
 * Orders the ids of equal scores within each row's top-k by increasing id (the contract: ties keep the
 * lower id first). The runtime's TopK picks the lower ids among equal values on its CPU kernel, but
 * its order within a run of equal scores is not specified, so each run is sorted here (k·log k).
 */
export function orderTies(ids: Uint32Array, scores: Float32Array, k: number): void {
  const rows = k === 0 ? 0 : ids.length / k;
  for (let i = 0; i < rows; i++) {
    let start = i * k;
    const end = start + k;
    while (start < end) {
      let stop = start + 1;
      while (stop < end && scores[stop] === scores[start]) stop++;
      if (stop - start > 1) ids.subarray(start, stop).sort();
      start = stop;
    }
  }
}
