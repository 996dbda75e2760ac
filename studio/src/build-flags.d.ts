/**
 * Where the page and its worker load the checker from, relative to the page
 * (studio/build.mjs): beside it on a web server, the extension's own copy
 * one folder up inside the extension.
 */
declare const POSTLINT_STUDIO_WASM: string;
