// Loads one of the extension's TypeScript modules into Node for unit tests:
// esbuild bundles it in memory and the result is imported from a data: URL.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export async function loadTs(relativeToRepo) {
  const entry = fileURLToPath(new URL(`../../${relativeToRepo}`, import.meta.url));
  // As in the shipped build (extension/build/build.mjs).
  const define = { POSTLINT_TEST_BUILD: 'false' };
  const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'error', define });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}
