// The toolbar popup, opened for real (`chrome.action.openPopup`) over a
// fixture tab: it says the site is supported, lists the findings of the box
// just checked, and shows where the policy comes from. Playwright does not
// expose an action popup as a page, so the test reads it through the
// DevTools protocol.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFixture } from '../harness.mjs';
import { evaluateInPopup, findingsFor } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the popup lists the findings of the box just checked, and the policy source', async () => {
  const page = await openFixture(browser.context, 'x');
  const text = 'Spenden an IBAN DE89 3704 0044 0532 0130 00, you idiot.';
  await page.click('[data-testid="tweetTextarea_0"]');
  await page.keyboard.type(text);
  const findings = findingsFor(text, 'x', 'post');
  assert.ok(findings.length >= 2, JSON.stringify(findings));
  await page.waitForFunction((count) => window.__painted.some((event) => event.findings === count), findings.length);

  const shown = await evaluateInPopup(browser, page, 'document.body.innerText', (body) => / findings\b/.test(body) && body.includes('Source'));
  assert.match(shown, /Postlint checks your posts on x\.com\./);
  assert.match(shown, new RegExp(`\\b${findings.length} findings\\b`), 'the count, in the plural');
  assert.match(shown, /Ctrl\+\./, 'the shortcut is named');
  for (const finding of findings) assert.ok(shown.includes(finding.message), `${finding.message} in ${shown}`);
  assert.match(shown, /built-in default/);
  await page.close();
});
