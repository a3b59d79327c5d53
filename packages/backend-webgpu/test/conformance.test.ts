import { describeConformance } from '@dproj/conformance';
import { webgpuBackend } from '../src/index.ts';

// The whole suite, no skips, at the modest level: software adapters are exact but slow.
await describeConformance(webgpuBackend(), { level: 'modest' });
