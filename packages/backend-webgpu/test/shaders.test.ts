import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpuContext } from '../src/device/gpu-context.ts';
import { Job } from '../src/device/job.ts';
import type { KernelSource } from '../src/device/pipeline-cache.ts';
import { runLinear } from '../src/ops/linear-kernels.ts';
import { matmul, view } from '../src/ops/matmul.ts';
import { fusedAttentionKernel } from '../src/shaders/attention-fused.wgsl.ts';
import type { MaskFlags } from '../src/shaders/attention-mask.wgsl.ts';
import { attentionWeightsKernel } from '../src/shaders/attention-weights.wgsl.ts';
import { gatherColumnsKernel } from '../src/shaders/gather-columns.wgsl.ts';
import { gatherPairsKernel } from '../src/shaders/gather-pairs.wgsl.ts';
import { groupSumKernel } from '../src/shaders/group-sum.wgsl.ts';
import { matmulKernel } from '../src/shaders/matmul.wgsl.ts';
import { bitonicStepKernel, compactKernel, pairCountKernel, weightedRunsKernel } from '../src/shaders/pair-count.wgsl.ts';
import { distanceKernelKernel, offsetProjectionKernel } from '../src/shaders/positional.wgsl.ts';
import { selectRowsKernel } from '../src/shaders/select-rows.wgsl.ts';
import { sparseProductKernel } from '../src/shaders/sparse-product.wgsl.ts';
import { maxDiff, openTestContext } from './helpers.ts';

let ctx: GpuContext;
beforeAll(async () => {
  ctx = await openTestContext();
});
afterAll(() => ctx.destroy());

const masks: MaskFlags[] = [false, true].flatMap((causal) =>
  [false, true].flatMap((keep) => [false, true].map((bias) => ({ causal, keep, bias }))),
);
const directions = ['forward', 'backward', 'symmetric'] as const;

/** Every kernel variant the backend can ask for. */
const variants: KernelSource[] = [
  ...[8, 16].flatMap((tile) => [false, true].flatMap((transB) => [false, true].map((accumulate) => matmulKernel({ tile, transB, accumulate })))),
  ...masks.flatMap((mask) => [
    attentionWeightsKernel(mask),
    fusedAttentionKernel({ dkCap: 4, dvCap: 4, keyTile: 64, mask }),
  ]),
  // The widest fused kernel, once: its 256-wide private arrays take seconds to compile in software.
  fusedAttentionKernel({ dkCap: 256, dvCap: 256, keyTile: 8, mask: { causal: true, keep: true, bias: true } }),
  ...directions.flatMap((direction) => [
    gatherPairsKernel({ storage: 'dense', direction }),
    gatherPairsKernel({ storage: 'csr', direction }),
    selectRowsKernel(direction),
  ]),
  gatherColumnsKernel(),
  groupSumKernel(),
  sparseProductKernel(),
  distanceKernelKernel(),
  offsetProjectionKernel(),
  pairCountKernel(),
  compactKernel(),
  bitonicStepKernel(),
  weightedRunsKernel(),
];

describe('WGSL kernels', () => {
  it('have one distinct key per variant', () => {
    const keys = variants.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(variants.map((k) => [k.key, k] as const))('%s compiles', async (_key, kernel) => {
    await expect(ctx.pipelines.get(kernel)).resolves.toBeDefined();
  });

  it('matmul: C = A B and C += A Bᵀ across tile edges', async () => {
    const [m, n, k] = [17, 33, 9];
    const a = Float32Array.from({ length: m * k }, (_, i) => ((i * 7) % 11) - 5);
    const b = Float32Array.from({ length: k * n }, (_, i) => ((i * 5) % 13) - 6);
    const want = new Float32Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let t = 0; t < k; t++) want[i * n + j] += a[i * k + t] * b[t * n + j];
    // Bᵀ stored n×k.
    const bt = new Float32Array(n * k);
    for (let t = 0; t < k; t++) for (let j = 0; j < n; j++) bt[j * k + t] = b[t * n + j];
    const job = new Job(ctx, 'attention');
    try {
      const c = job.scratch(m * n * 4);
      const aBuf = job.upload(a);
      await matmul(job, view(aBuf, k), view(job.upload(b), n), view(c, n), m, n, k);
      expect(maxDiff(await job.readFloats(c, m * n), want)).toBe(0);
      await matmul(job, view(aBuf, k), view(job.upload(bt), k), view(c, n), m, n, k, { transB: true, accumulate: true });
      expect(maxDiff(await job.readFloats(c, m * n), want.map((x) => 2 * x))).toBe(0);
    } finally {
      job.finish();
    }
    expect(ctx.pool.stats().liveBuffers).toBe(0);
  });

  it('bitonic steps sort keys ascending with padding (0) last, carrying the counts along', async () => {
    const size = 256;
    const keys = Uint32Array.from({ length: size }, (_, i) => (i < 200 ? ((i * 2654435761) >>> 8) + 1 : 0));
    const counts = Uint32Array.from({ length: size }, (_, i) => keys[i] % 1000);
    const job = new Job(ctx, 'cooccurrence');
    try {
      const keyBuf = job.upload(keys);
      const countBuf = job.upload(counts);
      for (let k = 2; k <= size; k *= 2) {
        for (let j = k / 2; j >= 1; j /= 2) await runLinear(job, bitonicStepKernel(), size, job.uniform([size, j, k]), [keyBuf, countBuf]);
      }
      const [sortedKeys, sortedCounts] = (await job.read([{ buffer: keyBuf, bytes: size * 4 }, { buffer: countBuf, bytes: size * 4 }])).map(
        (d) => new Uint32Array(d),
      );
      const want = Array.from(keys.subarray(0, 200)).sort((x, y) => x - y);
      expect(Array.from(sortedKeys.subarray(0, 200))).toEqual(want);
      expect(Array.from(sortedKeys.subarray(200))).toEqual(new Array(56).fill(0));
      expect(Array.from(sortedCounts.subarray(0, 200))).toEqual(want.map((key) => key % 1000));
    } finally {
      job.finish();
    }
  });
});
