// Content injection (issue 10 §5): a managed policy whose messages,
// explanations, links, organization name, contacts and support contact carry
// HTML, <script>, <img onerror> and javascript: URLs is shown as text in the
// card and the review dialog (Postlint's shadow roots on the site), the
// options page and the popup: no element is made from it, no script runs,
// the markup appears literally, and a link is only ever https, http or mailto.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFixture } from '../harness.mjs';
import { evaluateInPopup, waitForHighlights } from './helpers.mjs';
import { EXTENSION_ID, expectedWith, problemsOf, removeManagedPolicy, waitForStatus, writeManagedPolicy } from './managed.mjs';

/** Each payload would set `window.__pwned` if it ever became markup. */
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const JS_URL = 'javascript:window.__pwned=3';
const ORGANIZATION = `${IMG}Acme<b>Corp</b>`;
const HOSTILE = JSON.stringify({
  version: 1,
  revision: 'hostile',
  fallback_language: 'en',
  organization: {
    name: ORGANIZATION,
    contacts: { press: { name: `<b>Press</b>${SCRIPT}`, email: `press@acme.example"><img src=x onerror="window.__pwned=4">` } },
  },
  extends: ['base'],
  rules: [
    {
      id: 'company.codenames',
      kind: 'terms',
      category: 'confidential',
      level: 'block',
      // Not overridable: the review then names whom to ask (the contacts).
      overridable: false,
      message: { en: `${IMG}{quote} is secret ${SCRIPT}`, de: `${IMG}{quote} ist geheim ${SCRIPT}` },
      explanation: { en: `<a href="${JS_URL}">Read this</a> or ask {contact.press} at {organization}.`, de: `<a href="${JS_URL}">Lies das</a>, frag {contact.press}.` },
      // No `link`: the engine rejects links that are not https:// (rule
      // links and `organization.guideline_url` alike); the javascript: URL
      // in the explanation must stay text.
      terms: ['Zephyrion'],
    },
    {
      id: 'company.products',
      kind: 'terms',
      category: 'brand',
      level: 'warn',
      message: { en: '<iframe src="https://evil.example"></iframe>Say {quote} right', de: '<iframe></iframe>{quote}' },
      explanation: { en: '<style>body * { display: none !important }</style>Brand names have one spelling.'.replace(/[{}]/g, ''), de: 'Markennamen.' },
      link: 'https://acme.example/brand"><script>window.__pwned=5</script>',
      terms: ['Roadrunr'],
    },
  ],
});
const SUPPORT = `<img src=x onerror="window.__pwned=6">IT desk ${SCRIPT}, it@acme.example`;
const TEXT = 'Zephyrion ships soon, and Roadrunr too.';
const BOX = '[data-testid="tweetTextarea_0"]';

/**
 * Runs in a page (or an extension page): what would show that markup from
 * the policy became elements, in the document and in Postlint's shadow roots.
 * Scripts the page ships itself (`src` from the extension) do not count.
 */
const INSPECT = `(() => {
  const roots = [document];
  for (const host of document.querySelectorAll('*')) if (host.shadowRoot) roots.push(host.shadowRoot);
  const out = { text: '', tags: [], links: [], pwned: window.__pwned ?? null };
  for (const root of roots) {
    out.text += ' ' + (root === document ? document.body.innerText : root.textContent);
    for (const element of root.querySelectorAll('script:not([src]), img, iframe, b, style:not([data-postlint])')) out.tags.push(element.outerHTML.slice(0, 80));
    // The extension's own pages link to each other (the popup to options.html).
    for (const link of root.querySelectorAll('a[href]')) if (!(location.protocol === 'chrome-extension:' && link.origin === location.origin)) out.links.push(link.getAttribute('href'));
  }
  return out;
})()`;

/** Asserts a rendering is inert: no element from the policy, no script ran, links only https/http/mailto. */
function assertInert(where, seen, literals) {
  assert.equal(seen.pwned, null, `${where}: no script from the policy ran`);
  for (const tag of seen.tags) assert.match(tag, /^<style/, `${where}: an element from the policy: ${tag}`);
  for (const href of seen.links) {
    assert.match(href, /^(https?|mailto):/i, `${where}: a link with another scheme: ${href}`);
  }
  for (const literal of literals) assert.ok(seen.text.includes(literal), `${where}: ${JSON.stringify(literal)} shown as text in ${seen.text.slice(seen.text.lastIndexOf('}') + 1)}`);
}

let browser;
before(async () => {
  assert.deepEqual(problemsOf(HOSTILE), [], 'the engine accepts the policy: rendering must make it harmless');
  const withRuleLink = JSON.parse(HOSTILE);
  withRuleLink.rules[0].link = JS_URL;
  assert.deepEqual(problemsOf(JSON.stringify(withRuleLink)).map((problem) => problem.path), ['/rules/0/link'], 'the engine itself refuses a javascript: rule link');
  await writeManagedPolicy({ policy: HOSTILE, supportContact: SUPPORT });
  browser = await launch();
  await waitForStatus(browser.context, EXTENSION_ID, (status) => status.source === 'managed' && status.revision === 'hostile');
});
after(async () => {
  try {
    await browser?.close();
  } finally {
    await removeManagedPolicy();
  }
});

test('the card and the review dialog show the policy’s markup as text', async () => {
  const page = await openFixture(browser.context, 'x');
  await page.click(BOX);
  // The pointer away from the text: resting on a highlight opens that card.
  await page.mouse.move(0, 0);
  await page.keyboard.type(TEXT);
  await waitForHighlights(page, expectedWith(HOSTILE, TEXT, 'x'), BOX, 15_000);
  // The caret into "Zephyrion", then its card from the keyboard.
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+.');
  const card = page.locator('[data-test-ui="card"] [role="dialog"]');
  await card.waitFor({ timeout: 10_000 });
  const inCard = await page.evaluate(INSPECT);
  assertInert('card', inCard, [`${IMG}Zephyrion is secret ${SCRIPT}`, `<a href="${JS_URL}">Read this</a>`]);
  assert.ok(!inCard.links.some((href) => href.startsWith('javascript')), 'the javascript: link is no link');
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });

  await page.click('[data-testid="tweetButtonInline"] >> nth=0');
  const dialog = page.locator('[data-test-ui="review"] [role="alertdialog"]');
  await dialog.waitFor({ timeout: 10_000 });
  const inReview = await page.evaluate(INSPECT);
  assertInert('review', inReview, [`${IMG}Zephyrion is secret ${SCRIPT}`, '<iframe src="https://evil.example"></iframe>Say Roadrunr right']);
  // The rule's explanation names the press contact: the review names it, as text.
  assert.ok(inReview.text.includes(`Contact: <b>Press</b>${SCRIPT} <press@acme.example"><img src=x onerror="window.__pwned=4">>.`), `the review names the rule's contact as text: ${inReview.text.slice(inReview.text.lastIndexOf('}'))}`);
  assert.deepEqual(await page.evaluate(() => window.__fixture.posted()), [], 'the block still holds the post');
  await page.close();
});

test('the options page shows the organization, rules and findings as text', async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.locator('#policy-status').filter({ hasText: 'Acme' }).waitFor({ timeout: 15_000 });
  await options.click('#try-box');
  await options.keyboard.type(TEXT);
  await options.locator('#try-findings li.level-block').first().waitFor({ timeout: 15_000 });
  const seen = await options.evaluate(INSPECT);
  assertInert('options page', seen, [ORGANIZATION, `${IMG}Zephyrion is secret ${SCRIPT}`]);
  await options.close();
});

test('the popup shows the findings and the policy as text', async () => {
  const page = await openFixture(browser.context, 'x');
  await page.click(BOX);
  await page.keyboard.type(TEXT);
  await waitForHighlights(page, expectedWith(HOSTILE, TEXT, 'x'), BOX, 15_000);
  const seen = await evaluateInPopup(browser, page, INSPECT, (result) => result.text.includes('Zephyrion'));
  assertInert('popup', seen, [`${IMG}Zephyrion is secret ${SCRIPT}`]);
  await page.close();
});

