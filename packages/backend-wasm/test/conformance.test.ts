import { describeConformance } from '@dproj/conformance';
import { wasmBackend } from '../src/index.ts';

// The whole suite, no skips.
await describeConformance(wasmBackend());
