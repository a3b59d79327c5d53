import { jsBackend } from '@dproj/backend-js';
import { wasmBackend } from '@dproj/backend-wasm';
import { describeConformance } from '@dproj/conformance';

await describeConformance(jsBackend(), { level: 'modest' });
await describeConformance(wasmBackend(), { level: 'modest' });
