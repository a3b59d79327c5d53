// The page imports @dproj/conformance for its float64 reference backend only. The package's entry
// also carries describeConformance, which imports vitest; the bundle maps vitest here, to no-ops
// that are never called, so no test runner ends up in the page.
const none = (): void => undefined;

/** Never called in the page. */
export const describe = Object.assign(none, { skip: none, skipIf: () => none });
/** Never called in the page. */
export const it = Object.assign(none, { skip: none, skipIf: () => none });
/** Never called in the page. */
export const beforeAll = none;
/** Never called in the page. */
export const afterAll = none;
