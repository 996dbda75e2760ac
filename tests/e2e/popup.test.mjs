// The toolbar popup, opened for real (`chrome.action.openPopup`) over a
// fixture tab: it says the site is supported, lists the findings of the box
// just checked, and shows where the policy comes from. Playwright does not
// expose an action popup as a page, so the test reads it through the
// DevTools protocol.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFixture, serviceWorker } from '../harness.mjs';
import { findingsFor } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the action popup over `page` and returns the popup's text once `ready` holds for it. */
async function popupText(page, ready) {
  const worker = await serviceWorker(browser.context, browser.extensionId);
  await page.bringToFront();
  await worker.evaluate(() => chrome.action.openPopup());
  const session = await browser.context.newCDPSession(page);
  try {
    let target;
    const deadline = Date.now() + 15_000;
    while (!target) {
      const { targetInfos } = await session.send('Target.getTargets');
      target = targetInfos.find((info) => info.url === `chrome-extension://${browser.extensionId}/popup.html`);
      if (!target && Date.now() > deadline) throw new Error('the popup did not open');
      if (!target) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const answers = new Map();
    session.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message);
      answers.get(message.id)?.(message);
    });
    let id = 0;
    const text = () =>
      new Promise((resolve) => {
        id += 1;
        answers.set(id, (message) => resolve(message.result?.result?.value ?? ''));
        void session.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression: 'document.body.innerText', returnByValue: true } }),
        });
      });
    for (;;) {
      const shown = await text();
      if (ready(shown)) return shown;
      if (Date.now() > deadline) assert.fail(`popup: ${shown}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await session.detach();
  }
}

test('the popup lists the findings of the box just checked, and the policy source', async () => {
  const page = await openFixture(browser.context, 'x');
  const text = 'Spenden an IBAN DE89 3704 0044 0532 0130 00, you idiot.';
  await page.click('[data-testid="tweetTextarea_0"]');
  await page.keyboard.type(text);
  const findings = findingsFor(text, 'x', 'post');
  assert.ok(findings.length >= 2, JSON.stringify(findings));
  await page.waitForFunction((count) => window.__painted.some((event) => event.findings === count), findings.length);

  const shown = await popupText(page, (body) => body.includes('Findings:') && body.includes('Source'));
  assert.match(shown, /Postlint checks your posts on x\.com\./);
  assert.match(shown, new RegExp(`Findings: ${findings.length}\\b`));
  for (const finding of findings) assert.ok(shown.includes(finding.message), `${finding.message} in ${shown}`);
  assert.match(shown, /built-in default/);
  await page.close();
});
