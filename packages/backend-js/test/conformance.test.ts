import { describeConformance } from '@dproj/conformance';
import { jsBackend } from '../src/index.ts';

// The whole suite, no skips: backend-js is the fallback every other backend is measured beside.
await describeConformance(jsBackend());
