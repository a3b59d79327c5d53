// The page runs conformance cases directly (allCases + runCase); describeConformance, the one part of
// @dproj/conformance that imports vitest, is never called there, so its imports can be no-ops.
const none = (): void => undefined;
export const describe = Object.assign(none, { skip: none });
export const it = Object.assign(none, { skip: none });
export const beforeAll = none;
export const afterAll = none;
