import { onnxBackend } from '@dproj/backend-onnx';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { dprojAdapter } from '../src/dproj.mjs';
import { directRunner, recordingRuntime } from '../src/onnx-overhead.mjs';
import { benchCases } from '../src/workloads/index.mjs';

// The overhead benchmark is only fair if the direct runs are the very graphs the backend ran, on the
// same inputs: replaying what was recorded must give the backend's own answer.
describe('the recording runtime of the onnx overhead benchmark', () => {
  it('records the sessions of a call, and running them directly gives the same output', async () => {
    const recorder = recordingRuntime(ort);
    const adapter = await dprojAdapter(onnxBackend({ ort: recorder.module }));
    try {
      const attention = benchCases('quick', ['attention'])[0];
      const { input } = await attention.load();
      const { run } = await adapter.prepare('attention', input);
      const viaDproj = (await run()) as { out: Float32Array };
      const recorded = await recorder.record(run);
      expect(recorded).toHaveLength(1);
      const [{ session, inputs }] = recorded;
      const feeds = Object.fromEntries(inputs.map((i) => [i.name, new ort.Tensor(i.type as 'float32', i.data as Float32Array, i.dims)]));
      const out = Object.values(await session.run(feeds));
      expect(Array.from(out[0].data as Float32Array)).toEqual(Array.from(viaDproj.out));
      // Outside `record`, nothing is recorded; the direct runner replays without error.
      expect(await recorder.record(async () => {})).toHaveLength(0);
      await directRunner(ort, recorded)();
    } finally {
      await adapter.dispose();
    }
  });
});
