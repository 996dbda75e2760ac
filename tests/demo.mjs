// The local demo: Chromium with the built extension, and the fixture pages
// (real Draft.js and Quill editors) opened at x.com and linkedin.com
// addresses, served locally, so Postlint runs exactly as on the real sites,
// without an account or a network.
//
//   npm run demo                          a browser window with three tabs
//   npm run demo -- --screenshot FILE     headless: type an example post on the
//                                         X fixture and save a screenshot
//   npm run demo -- --card FILE           headless: the explanation card, opened
//                                         with Ctrl+. on a highlight
//   npm run demo -- --review FILE         headless: the review after a click on Post
//   npm run demo -- --options FILE        headless: the options page
//   npm run demo -- --nudge FILE          headless: a suggestion (the careers
//                                         link) under the example policy, which
//                                         it writes as Chromium's managed policy
//                                         (root; run it under
//                                         flock /tmp/postlint-managed.lock)
//   … --dark                              the same in dark mode
//
// The window runs the build as shipped; the screenshots use the test
// flavour, whose paint events say when there is something to show.
import { readFile } from 'node:fs/promises';
import { SHIPPED_EXTENSION_DIR, launch, openFixture } from './harness.mjs';

const SAMPLE = [
  'Grüße aus Köln! 👋 Heute startet unser neues Produkt.',
  '',
  'Fragen? Schreibt mir an jane.doe@example.com oder ruft an: +49 40 555 0199.',
  'Spenden bitte an IBAN DE89 3704 0044 0532 0130 00. THIS IS SO EXCITING!!!',
].join('\n');

function option(name) {
  const at = process.argv.indexOf(name);
  return at === -1 ? null : process.argv[at + 1];
}
const screenshot = option('--screenshot');
const cardShot = option('--card');
const reviewShot = option('--review');
const optionsShot = option('--options');
const nudgeShot = option('--nudge');
const colorScheme = process.argv.includes('--dark') ? 'dark' : 'light';

/** A post with a warning, for the card and the review. */
const WARNED = ['Honestly, whoever planned this launch is moronic.', 'Still, we shipped it!!!'].join('\n');

const headless = screenshot !== null || cardShot !== null || reviewShot !== null || optionsShot !== null || nudgeShot !== null;
const managed = nudgeShot ? await import('./e2e/managed.mjs') : null;
if (managed) await managed.writeManagedPolicy({ policy: await readFile(new URL('../examples/policy.json', import.meta.url), 'utf8') });
const browser = await launch(headless ? {} : { headless: false, extensionDir: SHIPPED_EXTENSION_DIR });
if (nudgeShot) {
  const page = await openFixture(browser.context, 'linkedin');
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width: 720, height: 300 });
  await page.click('.share-box .ql-editor');
  await page.keyboard.type('Wir suchen Verstärkung für das CityFlow-Team in Berlin! Meldet euch gern bei mir. #LumenTeam');
  await page.locator('[data-test-ui="badge"] .whole p.idea').waitFor({ timeout: 15000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: nudgeShot });
  console.log(`saved ${nudgeShot}`);
  await browser.close();
  await managed.removeManagedPolicy();
} else if (optionsShot) {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width: 820, height: 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.locator('#rules-list table').first().waitFor();
  await page.locator('#rules').scrollIntoViewIfNeeded();
  await page.screenshot({ path: optionsShot });
  console.log(`saved ${optionsShot}`);
  await browser.close();
} else if (cardShot || reviewShot) {
  for (const [file, show] of [[cardShot, 'card'], [reviewShot, 'review']]) {
    if (!file) continue;
    const page = await openFixture(browser.context, 'x');
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 720, height: 460 });
    await page.click('[data-testid="tweetTextarea_0"]');
    await page.keyboard.type(WARNED);
    await page.waitForFunction(() => window.__painted.some((event) => event.findings > 0));
    if (show === 'card') {
      // Into "moronic" at the end of the first line, then the shortcut.
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Control+.');
      await page.locator('[data-test-ui="card"] [role="dialog"]').waitFor();
    } else {
      await page.click('[data-testid="tweetButtonInline"] >> nth=0');
      await page.locator('[data-test-ui="review"] [role="alertdialog"]').waitFor();
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: file });
    console.log(`saved ${file}`);
    await page.close();
  }
  await browser.close();
} else if (screenshot) {
  const page = await openFixture(browser.context, 'x');
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width: 720, height: 420 });
  await page.click('[data-testid="tweetTextarea_0"]');
  await page.keyboard.type(SAMPLE);
  await page.waitForFunction(() => window.__painted.some((event) => event.findings > 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshot });
  console.log(`saved ${screenshot}`);
  await browser.close();
} else {
  for (const fixture of ['x', 'linkedin', 'textarea']) await openFixture(browser.context, fixture);
  console.log('Type into the compose boxes; close the browser window to end the demo.');
  browser.context.on('close', () => browser.close());
}
