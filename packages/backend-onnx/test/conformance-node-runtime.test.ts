import { describeConformance } from '@dproj/conformance';
import * as ortNode from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { onnxBackend } from '../src/index.ts';
import { defaultProviders } from '../src/runtime/execution-provider.ts';

// The whole suite again, with onnxruntime-node (native, CPU execution provider) injected in place of
// onnxruntime-web: the same graphs must give the same answers on the other runtime.
const factory = onnxBackend({ ort: ortNode, name: 'onnx-node' });

describe('onnxruntime-node injected', () => {
  it('runs on its cpu provider by default and says so in the name', async () => {
    expect(defaultProviders(ortNode)).toEqual(['cpu']);
    expect(defaultProviders(await import('onnxruntime-web'))).toEqual(['wasm']);
    const backend = await factory.create();
    try {
      expect(backend.name).toBe('onnx-node-cpu');
    } finally {
      await backend.dispose();
    }
  });
});

await describeConformance(factory);
