import type { Mask } from '@dproj/core';
import type { Job } from '../device/job.ts';
import type { MaskFlags } from '../shaders/attention-mask.wgsl.ts';

/** A mask as the attention kernels take it: static flags and the buffers they read. */
export interface MaskBuffers {
  readonly flags: MaskFlags;
  /** Keep bytes and/or finite bias, in binding order after the kernel's own bindings. */
  readonly buffers: readonly GPUBuffer[];
}

/**
 * Uploads a mask over the n×m scores. A `bias` mask becomes finite values plus keep bytes (−∞ → keep 0,
 * value 0): the kernels never see an infinity, which shader compilers are allowed to assume away.
 */
export function uploadMask(job: Job, mask: Mask | undefined): MaskBuffers {
  if (mask === undefined) return { flags: { causal: false, keep: false, bias: false }, buffers: [] };
  if (mask.kind === 'causal') return { flags: { causal: true, keep: false, bias: false }, buffers: [] };
  if (mask.kind === 'keep') return { flags: { causal: false, keep: true, bias: false }, buffers: [job.upload(mask.keep, 'mask.keep')] };
  const keep = new Uint8Array(mask.bias.length);
  const finite = new Float32Array(mask.bias.length);
  let hides = false;
  for (let t = 0; t < mask.bias.length; t++) {
    const v = mask.bias[t];
    if (v === Number.NEGATIVE_INFINITY) {
      hides = true;
    } else {
      keep[t] = 1;
      finite[t] = v;
    }
  }
  const bias = job.upload(finite, 'mask.bias');
  if (!hides) return { flags: { causal: false, keep: false, bias: true }, buffers: [bias] };
  return { flags: { causal: false, keep: true, bias: true }, buffers: [job.upload(keep, 'mask.bias'), bias] };
}
