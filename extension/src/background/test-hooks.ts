/**
 * What only the test flavour of the background does (`POSTLINT_TEST_BUILD`;
 * callers guard every call, so esbuild drops this from the shipped build).
 */

/** The worker's global the browser tests read through the DevTools protocol. */
interface TestGlobals {
  postlintKeepAlives?: number;
}

/** Counts the keep-alive pings this worker received, for tests/e2e/keep-alive.test.mjs. */
export function countKeepAlive(): void {
  const globals = globalThis as TestGlobals;
  globals.postlintKeepAlives = (globals.postlintKeepAlives ?? 0) + 1;
}
