// Boxes are found wherever and whenever they appear, checked with their own
// surface, independently of each other, and forgotten when they go.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFixture, readHighlights } from '../harness.mjs';
import { allQuotes, expectedHighlights, waitForHighlights } from './helpers.mjs';

const POST = 'Ab heute bei Acme 🎉 — schickt Spenden an DE89 3704 0044 0532 0130 00';
const REPLY = 'WHAT A STUPID IDEA THIS IS, you idiot.';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('X: the post box and the reply box are checked independently', async () => {
  const page = await openFixture(browser.context, 'x');
  const post = '[data-testid="tweetTextarea_0"]';
  const reply = '[data-testid="tweetTextarea_1"]';
  await page.click(post);
  await page.keyboard.type(POST);
  await page.click(reply);
  await page.keyboard.type(REPLY);
  const expectedPost = expectedHighlights(POST, 'x', 'post');
  const expectedReply = expectedHighlights(REPLY, 'x', 'reply');
  assert.ok(allQuotes(expectedPost).length > 0 && allQuotes(expectedReply).length > 0);
  await waitForHighlights(page, expectedPost, post);
  await waitForHighlights(page, expectedReply, reply);

  // Clearing the reply removes only the reply's highlights.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitForHighlights(page, { hint: [], warn: [], block: [], overflow: [] }, reply);
  await waitForHighlights(page, expectedPost, post);
  assert.equal(await page.evaluate(() => window.__fixture.draftText('tweetTextarea_0')), POST);
  assert.equal(await page.evaluate(() => window.__fixture.draftText('tweetTextarea_1')), '');
  await page.close();
});

test('X: a thread box added after load is picked up, and its highlights go with it', async () => {
  const page = await openFixture(browser.context, 'x');
  await page.click('#add-box');
  const added = '[data-testid="tweetTextarea_2"]';
  await page.click(added);
  await page.keyboard.type(REPLY);
  const expected = expectedHighlights(REPLY, 'x', 'post');
  assert.ok(allQuotes(expected).length > 0);
  await waitForHighlights(page, expected, added);

  await page.click('[aria-label="Remove post"]');
  await page.waitForSelector(added, { state: 'detached' });
  const everywhere = await readHighlights(page);
  assert.deepEqual(allQuotes(everywhere), [], 'no highlight outlives its box');
  await page.close();
});

test('LinkedIn: a reply box opened after load is checked as a reply, beside the share box', async () => {
  const page = await openFixture(browser.context, 'linkedin');
  await page.click('.share-box .ql-editor');
  await page.keyboard.type(POST);
  await page.click('#add-box');
  const reply = '.comments-comment-entity .ql-editor';
  await page.click(reply);
  await page.keyboard.type(REPLY);
  const expectedPost = expectedHighlights(POST, 'linkedin', 'post');
  const expectedReply = expectedHighlights(REPLY, 'linkedin', 'reply');
  assert.ok(allQuotes(expectedPost).length > 0 && allQuotes(expectedReply).length > 0);
  await waitForHighlights(page, expectedPost, '.share-box .ql-editor');
  await waitForHighlights(page, expectedReply, reply);
  assert.equal(await page.evaluate(() => window.__fixture.quillText('reply-1')), `${REPLY}\n`);
  await page.close();
});

test('textarea: removing the box removes its overlay and highlights', async () => {
  const page = await openFixture(browser.context, 'textarea');
  const box = '[data-testid="tweetTextarea_0"]';
  await page.click(box);
  await page.keyboard.type(REPLY);
  const expected = expectedHighlights(REPLY, 'x', 'post');
  assert.ok(allQuotes(expected).length > 0);
  await waitForHighlights(page, expected, '[data-test-ui="mirror"]');
  await page.$eval(box, (textarea) => textarea.remove());
  await page.waitForSelector('[data-test-ui="mirror"]', { state: 'detached' });
  assert.deepEqual(allQuotes(await readHighlights(page)), []);
  await page.close();
});
