import { jsBackend } from '@dproj/backend-js';
import { webgpuBackend } from '@dproj/backend-webgpu';
import { describeConformance } from '@dproj/conformance';

await describeConformance(jsBackend(), { level: 'modest' });
await describeConformance(webgpuBackend(), { level: 'modest' });
