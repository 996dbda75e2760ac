/**
 * True only in the test flavour of the extension (see
 * extension/build/build.mjs); esbuild replaces it with a literal, so the
 * shipped build carries none of the code it guards.
 */
declare const POSTLINT_TEST_BUILD: boolean;

/**
 * SHA-256 of the service worker's WebAssembly module, hex (see
 * extension/build/build.mjs): an image of the engine's memory is restored
 * only into the module it was taken from.
 */
declare const POSTLINT_WASM_BUILD: string;
