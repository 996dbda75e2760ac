// The local demo: Chromium with the built extension, and the fixture pages
// (real Draft.js and Quill editors) opened at x.com and linkedin.com
// addresses, served locally, so Postlint runs exactly as on the real sites,
// without an account or a network.
//
//   npm run demo                          a browser window with three tabs
//   npm run demo -- --screenshot FILE     headless: type an example post on the
//                                         X fixture and save a screenshot
import { launch, openFixture } from './harness.mjs';

const SAMPLE = [
  'Grüße aus Köln! 👋 Heute startet unser neues Produkt.',
  '',
  'Fragen? Schreibt mir an jane.doe@example.com oder ruft an: +49 40 555 0199.',
  'Spenden bitte an IBAN DE89 3704 0044 0532 0130 00. THIS IS SO EXCITING!!!',
].join('\n');

const screenshotAt = process.argv.indexOf('--screenshot');
const screenshot = screenshotAt === -1 ? null : process.argv[screenshotAt + 1];

const browser = await launch({ headless: screenshot !== null });
if (screenshot) {
  const page = await openFixture(browser.context, 'x');
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
