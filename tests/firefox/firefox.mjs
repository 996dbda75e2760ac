// Launches Debian's firefox-esr with the Firefox package, driven by
// puppeteer-core over WebDriver BiDi, and serves the fixture pages at the
// real sites' addresses through BiDi request interception
// (network.addIntercept + network.provideResponse): nothing is served from or
// sent to the network.
import puppeteer from 'puppeteer-core';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_CSP, fixtureFile, CONTENT_TYPES } from '../harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The test flavour (extension/build/build.mjs): the smoke test waits for its paint events.
export const FIREFOX_EXTENSION_DIR = join(root, 'dist', 'test-firefox');
const FIXTURES = join(root, 'tests', 'fixtures');
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

/**
 * There is no internet here: no updates, telemetry, captive portal or remote
 * settings. Whatever still tries to connect goes to a proxy on a closed local
 * port and fails at once; intercepted requests are answered before any
 * connection is made, so the fixtures do not need the proxy.
 */
const QUIET_PREFS = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.share_proxy_settings': true,
  'network.proxy.no_proxies_on': '',
  'network.proxy.allow_hijacking_localhost': true,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'app.update.enabled': false,
  'app.update.auto': false,
  'extensions.update.enabled': false,
  'extensions.update.autoUpdateDefault': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'browser.ping-centre.telemetry': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.search.update': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'services.settings.server': 'data:,',
  'messaging-system.rsexperimentloader.enabled': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
};

/**
 * Starts firefox-esr headless with a fresh profile and the extension
 * installed as a temporary add-on. `prefs` adds or overrides Firefox prefs.
 */
export async function launchFirefox({ prefs = {} } = {}) {
  for (const needed of [join(FIREFOX_EXTENSION_DIR, 'manifest.json'), join(FIXTURES, 'dist', 'linkedin.js')]) {
    if (!existsSync(needed)) throw new Error(`missing ${needed}: run npm run build && npm run build:fixtures`);
  }
  if (!existsSync(FIREFOX)) throw new Error(`missing ${FIREFOX}: install Debian's firefox-esr (sudo apt-get install -y firefox-esr)`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    timeout: 120_000,
    protocolTimeout: 120_000,
    extraPrefsFirefox: { ...QUIET_PREFS, ...prefs },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  async function newPage() {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', async (request) => {
      const url = request.url();
      if (!url.startsWith('http:') && !url.startsWith('https:')) return request.continue();
      const file = url.startsWith('https:') ? fixtureFile(url) : null;
      // Not a fixture: there is no network here, and nothing else may load.
      if (!file) return request.abort('blockedbyclient');
      const ext = file.slice(file.lastIndexOf('.'));
      await request.respond({
        status: 200,
        headers: { 'content-security-policy': FIXTURE_CSP },
        contentType: CONTENT_TYPES[ext],
        body: await readFile(join(FIXTURES, file)),
      });
    });
    return page;
  }
  return { browser, newPage, close: () => browser.close() };
}
