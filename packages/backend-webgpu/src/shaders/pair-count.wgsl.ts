import type { KernelSource } from '../device/pipeline-cache.ts';
import { linearMain } from './common.wgsl.ts';

/** Marks a document boundary in the token stream: windows stop there. */
export const SENTINEL = 0xffffffff;

/**
 * Counts co-occurring pairs (SPEC B.2) into a GPU hash table of integer counts: thread t reads token
 * a = s_t and, for k = 1..w until the stream or its document ends, b = s_{t+k}, and adds 1 to the count
 * of the key (a, b, k, 0) when a is in this pass's row range [a0, a1); in symmetric mode it also adds
 * the transposed pair (b, a, k, dirs − 1) when b is in range, so S = F + Fᵀ needs no second pass.
 *
 * Keys are ((((a − a0)·V + b)·w + k − 1)·dirs + d) + 1 in one u32 (0 marks an empty slot; the host sizes
 * the row range so every key fits). Slots are claimed with atomicCompareExchangeWeak (linear probing;
 * the table is at most half full) and counted with atomicAdd on `atomic<u32>`: counts stay exact
 * integers, and the weights f(k) are applied afterwards, since WGSL has no float atomics.
 * Bindings: 0 params, 1 stream, 2 keys, 3 counts.
 */
export function pairCountKernel(): KernelSource {
  const code = /* wgsl */ `
struct Params { tokens: u32, vocab: u32, window: u32, dirs: u32, a0: u32, a1: u32, mask: u32, symmetric: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> stream: array<u32>;
@group(0) @binding(2) var<storage, read_write> keys: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read_write> counts: array<atomic<u32>>;

fn slotOf(key: u32) -> u32 {
  var h = key;
  h ^= h >> 16u;
  h *= 0x7feb352du;
  h ^= h >> 15u;
  h *= 0x846ca68bu;
  h ^= h >> 16u;
  return h & p.mask;
}

fn insert(key: u32) {
  var s = slotOf(key);
  loop {
    let r = atomicCompareExchangeWeak(&keys[s], 0u, key);
    if (r.exchanged || r.old_value == key) {
      atomicAdd(&counts[s], 1u);
      return;
    }
    // A weak exchange may fail spuriously on an empty slot: try the same slot again.
    if (r.old_value != 0u) { s = (s + 1u) & p.mask; }
  }
}

fn keyOf(row: u32, col: u32, k: u32, d: u32) -> u32 {
  return (((row - p.a0) * p.vocab + col) * p.window + k - 1u) * p.dirs + d + 1u;
}
${linearMain()}
  if (idx >= p.tokens) { return; }
  let a = stream[idx];
  if (a == ${SENTINEL}u) { return; }
  for (var k = 1u; k <= p.window; k++) {
    let at = idx + k;
    if (at >= p.tokens) { break; }
    let b = stream[at];
    if (b == ${SENTINEL}u) { break; }
    if (a >= p.a0 && a < p.a1) { insert(keyOf(a, b, k, 0u)); }
    if (p.symmetric == 1u && b >= p.a0 && b < p.a1) { insert(keyOf(b, a, k, p.dirs - 1u)); }
  }
}`;
  return { key: 'pair-count', code };
}

/**
 * Moves the occupied slots of the hash table to the front of (key, count) arrays, in no particular
 * order; `counter[0]` ends as the number of distinct keys. Bindings: 0 params, 1 keys, 2 counts,
 * 3 counter, 4 out keys, 5 out counts.
 */
export function compactKernel(): KernelSource {
  const code = /* wgsl */ `
struct Params { slots: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> keys: array<u32>;
@group(0) @binding(2) var<storage, read> counts: array<u32>;
@group(0) @binding(3) var<storage, read_write> counter: array<atomic<u32>>;
@group(0) @binding(4) var<storage, read_write> outKeys: array<u32>;
@group(0) @binding(5) var<storage, read_write> outCounts: array<u32>;
${linearMain()}
  if (idx >= p.slots) { return; }
  let key = keys[idx];
  if (key == 0u) { return; }
  let at = atomicAdd(&counter[0], 1u);
  outKeys[at] = key;
  outCounts[at] = counts[idx];
}`;
  return { key: 'compact', code };
}

/**
 * One compare-and-swap step (j, k) of a bitonic sort of (key, count) pairs by key, over a power-of-two
 * length; key 0 (padding) sorts last because keys are compared as key − 1 (wrapping). The host runs the
 * log₂(P)(log₂(P) + 1)/2 steps in order. Bindings: 0 params (size, j, k), 1 keys, 2 counts.
 */
export function bitonicStepKernel(): KernelSource {
  const code = /* wgsl */ `
struct Params { size: u32, j: u32, k: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> keys: array<u32>;
@group(0) @binding(2) var<storage, read_write> counts: array<u32>;
${linearMain()}
  if (idx >= p.size) { return; }
  let other = idx ^ p.j;
  if (other <= idx) { return; }
  let ascending = (idx & p.k) == 0u;
  let a = keys[idx];
  let b = keys[other];
  if ((a - 1u > b - 1u) == ascending) {
    keys[idx] = b;
    keys[other] = a;
    let c = counts[idx];
    counts[idx] = counts[other];
    counts[other] = c;
  }
}`;
  return { key: 'bitonic-step', code };
}

/**
 * The weighted sums S_ab (or F_ab) = Σ f(k) · count(a, b, k, d) over the run of sorted keys sharing the
 * pair (a, b) (SPEC B.2: F = Σ_k f(k) C⁽ᵏ⁾, S = F + Fᵀ): the first entry of each run gets the sum, the
 * others 0. f(k) = 1/k (harmonic) or 1. Bindings: 0 params, 1 keys, 2 counts, 3 values.
 */
export function weightedRunsKernel(): KernelSource {
  const code = /* wgsl */ `
struct Params { entries: u32, window: u32, dirs: u32, harmonic: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> keys: array<u32>;
@group(0) @binding(2) var<storage, read> counts: array<u32>;
@group(0) @binding(3) var<storage, read_write> values: array<f32>;
${linearMain()}
  if (idx >= p.entries) { return; }
  let per = p.window * p.dirs;
  let pair = (keys[idx] - 1u) / per;
  if (idx > 0u && (keys[idx - 1u] - 1u) / per == pair) {
    values[idx] = 0.0;
    return;
  }
  var sum = 0.0;
  for (var e = idx; e < p.entries; e++) {
    let key = keys[e] - 1u;
    if (key / per != pair) { break; }
    let k = (key / p.dirs) % p.window + 1u;
    var f = 1.0;
    if (p.harmonic == 1u) { f = 1.0 / f32(k); }
    sum += f * f32(counts[e]);
  }
  values[idx] = sum;
}`;
  return { key: 'weighted-runs', code };
}
