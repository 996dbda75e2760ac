/**
 * True only in the test flavour of the extension (see
 * extension/build/build.mjs); esbuild replaces it with a literal, so the
 * shipped build carries none of the code it guards.
 */
declare const POSTLINT_TEST_BUILD: boolean;
