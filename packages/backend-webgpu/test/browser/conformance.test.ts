import { describeConformance } from '@dproj/conformance';
import { webgpuBackend } from '../../src/index.ts';

// The same suite as in Node, here on the browser's navigator.gpu.
await describeConformance(webgpuBackend(), { level: 'modest' });
