import { describeConformance } from '@dproj/conformance';
import { onnxBackend } from '../src/index.ts';

// The whole suite, no skips, on onnxruntime-web's wasm execution provider.
await describeConformance(onnxBackend({ executionProviders: ['wasm'] }));
