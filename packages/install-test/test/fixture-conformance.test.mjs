import { jsBackend } from '@dproj/backend-js';
import { onnxBackend } from '@dproj/backend-onnx';
import { wasmBackend } from '@dproj/backend-wasm';
import { webgpuBackend } from '@dproj/backend-webgpu';
import { describeConformance } from '@dproj/conformance';

await describeConformance(jsBackend(), { level: 'modest' });
await describeConformance(onnxBackend(), { level: 'modest' });
await describeConformance(wasmBackend(), { level: 'modest' });
await describeConformance(webgpuBackend(), { level: 'modest' });
