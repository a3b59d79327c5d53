import { describeConformance, referenceBackend } from '../src/index.ts';

// The suite checks itself against its own float64 reference: a broken case fails here first,
// before it blames a backend.
await describeConformance(referenceBackend());
