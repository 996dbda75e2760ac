// Shared by the e2e tests, the benchmark and the demo: launches Debian's
// Chromium with the built extension, and serves the fixture pages at the real
// sites' addresses through request interception, with a strict CSP like the
// sites send. Nothing is served from or sent to the network.
import { chromium } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from './unit/load-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The unpacked build under test: the test flavour, whose UI tests can read
 * (extension/build/build.mjs); `POSTLINT_EXTENSION_DIR` picks another one.
 */
export const EXTENSION_DIR = process.env.POSTLINT_EXTENSION_DIR ?? join(root, 'dist', 'test-chrome');
/** The build as shipped: closed shadow roots, no test hooks. */
export const SHIPPED_EXTENSION_DIR = join(dirname(EXTENSION_DIR), 'chrome');

/** The highlight registry's name of each level, from the extension's source. */
export const { HIGHLIGHT_NAMES } = await loadTs('extension/src/content/highlights.ts');
const FIXTURES = join(root, 'tests', 'fixtures');

/** Fixture pages at the addresses where the extension's content scripts run. */
export const PAGES = {
  x: 'https://x.com/compose/post',
  linkedin: 'https://www.linkedin.com/feed/',
  textarea: 'https://x.com/fixture/textarea',
  xProfile: 'https://x.com/settings/profile',
  linkedinProfile: 'https://www.linkedin.com/in/me/edit/intro/',
};

const HTML = {
  [PAGES.x]: 'pages/x.html',
  [PAGES.linkedin]: 'pages/linkedin.html',
  [PAGES.textarea]: 'pages/textarea.html',
  [PAGES.xProfile]: 'pages/x-profile.html',
  [PAGES.linkedinProfile]: 'pages/linkedin-profile.html',
};

/** Like the sites' own policies: no inline or eval'd script, no WebAssembly. */
export const FIXTURE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'";

export const CONTENT_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** The fixture file (relative to tests/fixtures) served at `url`, or null. */
export function fixtureFile(url) {
  const { origin, pathname } = new URL(url);
  const page = HTML[`${origin}${pathname}`];
  if (page) return page;
  const asset = pathname.match(/^\/__fixture\/([a-z]+\.(?:js|css))$/);
  return asset ? `dist/${asset[1]}` : null;
}

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * Starts Chromium with the extension. `requests` collects every http(s)
 * request the browser makes, from pages and from the extension; fixture
 * requests are marked `served`. `locale` (e.g. `de-DE`) sets the browser's
 * UI language (what `chrome.i18n` follows) and `navigator.language`;
 * `extensionDir` loads another build (e.g. a deliberately broken one);
 * `viewport` sets the pages' size.
 * `userDataDir` reuses a profile (and keeps it on close), to restart the
 * browser; `passThrough` lists URL prefixes that go to the real (loopback)
 * network instead of being blocked. `intercept: false` serves no fixtures and
 * leaves requests alone, which keeps the browser's HTTP cache on (Playwright
 * turns it off while it intercepts).
 */
export async function launch({ headless = true, locale, viewport, extensionDir = EXTENSION_DIR, userDataDir, passThrough = [], intercept = true } = {}) {
  // The fixtures are needed only where they are served.
  for (const needed of [join(extensionDir, 'manifest.json'), ...(intercept ? [join(FIXTURES, 'dist', 'x.js')] : [])]) {
    if (!existsSync(needed)) throw new Error(`missing ${needed}: run npm run build && npm run build:fixtures`);
  }
  const profile = userDataDir ?? (await mkdtemp(join(tmpdir(), 'postlint-chromium-')));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    ...(viewport ? { viewport } : {}),
    ...(locale ? { locale, env: { ...process.env, LANGUAGE: locale.replace('-', '_'), LANG: `${locale.replace('-', '_')}.UTF-8` } } : {}),
    args: [
      ...(locale ? [`--lang=${locale}`] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-gpu',
    ],
  });
  const requests = [];
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('http:') || url.startsWith('https:')) requests.push({ url, served: fixtureFile(url) !== null, serviceWorker: request.serviceWorker() !== null });
  });
  if (intercept) await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (passThrough.some((prefix) => url.startsWith(prefix))) return route.continue();
    const file = url.startsWith('https:') ? fixtureFile(url) : null;
    if (!file) {
      // Not a fixture: there is no network here, and nothing else may load.
      if (url.startsWith('http:') || url.startsWith('https:')) return route.abort('blockedbyclient');
      return route.fallback();
    }
    const ext = file.slice(file.lastIndexOf('.'));
    await route.fulfill({
      status: 200,
      headers: { 'content-type': CONTENT_TYPES[ext], 'content-security-policy': FIXTURE_CSP },
      body: await readFile(join(FIXTURES, file)),
    });
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  const close = async () => {
    await context.close();
    if (!userDataDir) await rm(profile, { recursive: true, force: true });
  };
  return { context, extensionId, requests, close };
}

/** The extension's service worker, waking it if it was stopped. */
export async function serviceWorker(context, extensionId) {
  const prefix = `chrome-extension://${extensionId}/`;
  const running = context.serviceWorkers().find((w) => w.url().startsWith(prefix));
  return running ?? context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(prefix) });
}

/**
 * Stops the extension's service worker through the browser's DevTools
 * protocol, and waits until its target is gone. (Playwright's own Worker
 * object does not notice the stop, so the protocol's target list decides.)
 */
export async function stopServiceWorkers(context, extensionId) {
  const page = context.pages()[0] ?? (await context.newPage());
  const session = await context.newCDPSession(page);
  const running = async () =>
    (await session.send('Target.getTargets')).targetInfos.some(
      (target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${extensionId}/`),
    );
  if (!(await running())) throw new Error('the extension has no running service worker to stop');
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  const deadline = Date.now() + 5000;
  while (await running()) {
    if (Date.now() > deadline) throw new Error('the service worker did not stop');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await session.detach();
}

/**
 * Installs, in the page, a recorder of the extension's `postlint:painted`
 * events, so tests can wait for the highlights of a given text.
 */
export async function openFixture(context, name) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__painted = [];
    document.addEventListener('postlint:painted', (event) => window.__painted.push(JSON.parse(event.detail)));
  });
  await page.goto(PAGES[name]);
  return page;
}

/**
 * The highlights Postlint registered, by mark (level, or `overflow` for the
 * text past the length limit), as the text each range
 * covers, in registration order (the findings' order). `within` limits them
 * to ranges inside the first element matching that selector. Suggestions
 * (`campaign`) are listed only when there are some, so that expectations
 * about problems need not name them.
 */
export function readHighlights(page, within) {
  return page.evaluate(([within, names]) => {
    const container = within ? document.querySelector(within) : null;
    const out = {};
    for (const [mark, name] of Object.entries(names)) {
      const highlight = CSS.highlights.get(name);
      out[mark] = highlight
        ? [...highlight].filter((range) => !within || (container && container.contains(range.startContainer))).map((range) => range.toString())
        : [];
    }
    if (out.campaign?.length === 0) delete out.campaign;
    return out;
  }, [within ?? null, HIGHLIGHT_NAMES]);
}
