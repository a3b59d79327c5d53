import { jsBackend } from '@dproj/backend-js';
import { describeConformance } from '@dproj/conformance';

await describeConformance(jsBackend(), { level: 'modest' });
