// Builds the extension for Chrome/Edge and Firefox from one source:
//   dist/chrome/, dist/firefox/        unpacked extensions, as shipped
//   dist/postlint-chrome.zip, dist/postlint-firefox.zip
//   dist/test-chrome/, dist/test-firefox/
//                                      the test flavour (see below)
// Each extension folder carries Postlint Studio as an extension page
// (`studio/index.html`, linked from the options page), so it works on an
// employee's machine without a server.
// The service worker's WebAssembly checker comes from checker-wasm/pkg-worker
// (built without the Studio's exports, so a cold start compiles less); the
// Studio page inside the package gets the full checker-wasm/pkg beside it.
// `POSTLINT_DIST` puts everything in another folder than dist/.
//
// The test flavour is the shipped build with `POSTLINT_TEST_BUILD` true: its
// UI's shadow roots are open and named, so browser tests can read and click
// them, and it announces each paint on the page for the latency benchmark.
// The shipped build contains neither (esbuild drops the dead branches, and
// a build test greps dist/ for the hooks).

import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { copyFile, cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStudio } from '../../studio/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = process.env.POSTLINT_DIST ?? join(root, 'dist');
const source = join(root, 'extension', 'src');
const wasm = join(root, 'checker-wasm', 'pkg-worker', 'checker_wasm_bg.wasm');

if (!existsSync(wasm)) {
  console.error(`missing ${relative(root, wasm)}: build the checker first (./dev build)`);
  process.exit(1);
}

const sourceManifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));

/** Chrome/Edge: a service worker; no Gecko settings. */
function chromeManifest(manifest) {
  const { browser_specific_settings: _gecko, ...rest } = manifest;
  const { scripts: _scripts, ...background } = manifest.background;
  return { ...rest, background };
}

/**
 * Firefox: a background script (Firefox MV3 has no service worker); no
 * Chrome-only keys. Firefox reads managed values from policies.json without
 * a schema, so `storage.managed_schema` (unknown to it) goes too.
 */
function firefoxManifest(manifest) {
  const { key: _key, minimum_chrome_version: _minimum, storage: _storage, ...rest } = manifest;
  const { service_worker: _worker, ...background } = manifest.background;
  return { ...rest, background };
}

const targets = [
  { name: 'chrome', manifest: chromeManifest(sourceManifest), testBuild: false },
  { name: 'firefox', manifest: firefoxManifest(sourceManifest), testBuild: false },
  { name: 'test-chrome', manifest: chromeManifest(sourceManifest), testBuild: true },
  { name: 'test-firefox', manifest: firefoxManifest(sourceManifest), testBuild: true },
];

/**
 * Bundles the worker package's glue where the source imports the full
 * package's: both export the same names for what the background uses, and
 * esbuild fails the build if the background imports a Studio-only one.
 */
const workerPackage = {
  name: 'checker-wasm-worker-package',
  setup(build) {
    build.onResolve({ filter: /checker-wasm\/pkg\/checker_wasm\.js$/ }, () => ({ path: join(root, 'checker-wasm', 'pkg-worker', 'checker_wasm.js') }));
  },
};

/** Names the module's build, for the engine images the worker keeps (background/engine-instance.ts). */
const wasmBuild = createHash('sha256').update(await readFile(wasm)).digest('hex');

await rm(dist, { recursive: true, force: true });
for (const target of targets) {
  const out = join(dist, target.name);
  await mkdir(out, { recursive: true });
  // minifySyntax folds the constant, so the shipped build drops what it guards.
  const flavour = { define: { POSTLINT_TEST_BUILD: String(target.testBuild), POSTLINT_WASM_BUILD: JSON.stringify(wasmBuild) }, minifySyntax: true };
  await build({
    ...flavour,
    entryPoints: {
      background: join(source, 'background', 'index.ts'),
      options: join(source, 'options', 'index.ts'),
      popup: join(source, 'popup', 'index.ts'),
    },
    plugins: [workerPackage],
    outdir: out,
    bundle: true,
    format: 'esm',
    target: ['chrome120', 'firefox140'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Content scripts are classic scripts, hence an IIFE.
  await build({
    ...flavour,
    entryPoints: { content: join(source, 'content', 'index.ts') },
    outdir: out,
    bundle: true,
    format: 'iife',
    target: ['chrome120', 'firefox140'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  await copyFile(join(source, 'content', 'highlights.css'), join(out, 'highlights.css'));
  for (const page of ['options/options.html', 'options/options.css', 'popup/popup.html', 'popup/popup.css']) {
    await copyFile(join(source, page), join(out, page.slice(page.indexOf('/') + 1)));
  }
  // Chrome and Edge validate managed storage against it.
  if (target.manifest.storage?.managed_schema) await copyFile(join(root, 'extension', 'managed-schema.json'), join(out, target.manifest.storage.managed_schema));
  await copyFile(wasm, join(out, 'checker_wasm_bg.wasm'));
  await cp(join(root, 'extension', '_locales'), join(out, '_locales'), { recursive: true });
  await buildStudio(join(out, 'studio'));
  await writeFile(join(out, 'manifest.json'), JSON.stringify(target.manifest, null, 2) + '\n');
  if (target.testBuild) {
    console.log(`built ${relative(root, out)} (test flavour)`);
    continue;
  }

  const files = {};
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    const path = join(entry.parentPath, entry.name);
    files[relative(out, path).split(sep).join('/')] = new Uint8Array(await readFile(path));
  }
  await writeFile(join(dist, `postlint-${target.name}.zip`), zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
  console.log(`built ${relative(root, out)} and ${relative(root, join(dist, `postlint-${target.name}.zip`))}`);
}
