// Builds Postlint Studio, a static web app, into dist/studio/ (or
// $POSTLINT_DIST/studio): the page, its script and the corpus worker (ES
// modules), the stylesheet, the WebAssembly checker, and the policy
// templates. Any static web server can host the folder; `postlint studio`
// serves it on 127.0.0.1. Run after the extension's build, which empties
// the dist folder first.
//
// The extension's build calls `buildStudio` too, for the copy packaged as an
// extension page (`studio/` inside each extension folder), which uses the
// extension's own checker one folder up rather than a second copy.

import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'studio');
const wasm = join(root, 'checker-wasm', 'pkg', 'checker_wasm_bg.wasm');

/**
 * Builds the Studio into `out`. `wasmPath` is where the page and its worker
 * find the checker, relative to the page; without it the checker is copied
 * beside the page.
 */
export async function buildStudio(out, { wasmPath } = {}) {
  if (!existsSync(wasm)) throw new Error(`missing ${relative(root, wasm)}: build the checker first (./dev build, or wasm-pack build checker-wasm --target web --release)`);
  await rm(out, { recursive: true, force: true });
  await mkdir(join(out, 'templates'), { recursive: true });
  await build({
    entryPoints: {
      studio: join(source, 'src', 'main.ts'),
      'corpus-worker': join(source, 'src', 'corpus-worker.ts'),
    },
    outdir: out,
    bundle: true,
    format: 'esm',
    target: ['chrome120', 'firefox140', 'safari17'],
    // The extension's card is shared as shipped: closed shadow roots, no test hooks.
    define: { POSTLINT_TEST_BUILD: 'false', POSTLINT_STUDIO_WASM: JSON.stringify(wasmPath ?? 'checker_wasm_bg.wasm') },
    legalComments: 'none',
    logLevel: 'warning',
  });
  await copyFile(join(source, 'index.html'), join(out, 'index.html'));
  await copyFile(join(source, 'studio.css'), join(out, 'studio.css'));
  if (!wasmPath) await copyFile(wasm, join(out, 'checker_wasm_bg.wasm'));
  // The documented example policy is the template, so it is never a copy that drifts.
  await copyFile(join(root, 'examples', 'policy.json'), join(out, 'templates', 'example-policy.json'));
  await copyFile(join(source, 'templates', 'skeleton.json'), join(out, 'templates', 'skeleton.json'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = join(process.env.POSTLINT_DIST ?? join(root, 'dist'), 'studio');
  try {
    await buildStudio(out);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log(`built ${relative(root, out) || out}`);
}
