import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { loadTs } from './load-ts.mjs';

const { ADAPTERS, adapterForHost, boxAttributes, boxRule, classifyBox, boxSelector } = await loadTs('extension/src/sites/adapters.ts');

function page(html) {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
}

test('hosts pick their adapter; unknown hosts get the generic one', () => {
  assert.equal(adapterForHost(ADAPTERS, 'x.com').platform, 'x');
  assert.equal(adapterForHost(ADAPTERS, 'twitter.com').platform, 'x');
  assert.equal(adapterForHost(ADAPTERS, 'www.linkedin.com').platform, 'linkedin');
  assert.equal(adapterForHost(ADAPTERS, 'intranet.example').platform, 'generic');
});

test('X: post composer, conversation reply, and direct message', () => {
  const doc = page(`
    <div data-testid="tweetTextarea_0" contenteditable="true" role="textbox" id="post"></div>
    <div data-testid="cellInnerDiv"><div data-testid="tweetTextarea_1" contenteditable="true" role="textbox" id="reply"></div></div>
    <div data-testid="dmComposerTextInput" contenteditable="true" role="textbox" id="dm"></div>
    <textarea data-testid="tweetTextarea_0" id="legacy"></textarea>
    <div contenteditable="true" id="other"></div>`);
  const x = ADAPTERS.x;
  assert.equal(classifyBox(x, doc.getElementById('post')), 'post');
  assert.equal(classifyBox(x, doc.getElementById('reply')), 'reply');
  assert.equal(classifyBox(x, doc.getElementById('dm')), 'message');
  assert.equal(classifyBox(x, doc.getElementById('legacy')), 'post');
  assert.equal(classifyBox(x, doc.getElementById('other')), null);
});

test('LinkedIn: share box, comment, reply to a comment, messaging', () => {
  const doc = page(`
    <div class="share-box"><div class="ql-editor" contenteditable="true" id="post"></div></div>
    <div class="comments-comment-box"><div class="ql-editor" contenteditable="true" id="comment"></div></div>
    <article class="comments-comment-entity"><div class="comments-comment-box"><div class="ql-editor" contenteditable="true" id="reply"></div></div></article>
    <div class="msg-form__contenteditable" contenteditable="true" id="dm"></div>`);
  const linkedin = ADAPTERS.linkedin;
  assert.equal(classifyBox(linkedin, doc.getElementById('post')), 'post');
  assert.equal(classifyBox(linkedin, doc.getElementById('comment')), 'comment');
  assert.equal(classifyBox(linkedin, doc.getElementById('reply')), 'reply');
  assert.equal(classifyBox(linkedin, doc.getElementById('dm')), 'message');
});

test('profiles: X\'s edit-profile dialog and LinkedIn\'s intro and about forms, each box with its field', () => {
  const x = page(`
    <div role="dialog"><input name="displayName" id="name"><textarea name="description" id="bio"></textarea><input name="location" id="location">
      <button data-testid="Profile_Save_Button">Save</button></div>
    <form><input name="displayName" id="elsewhere"></form>`);
  const field = (adapter, doc, id) => {
    const rule = boxRule(adapter, doc.getElementById(id));
    return rule && [rule.surface, rule.field];
  };
  assert.deepEqual(field(ADAPTERS.x, x, 'name'), ['profile', 'name']);
  assert.deepEqual(field(ADAPTERS.x, x, 'bio'), ['profile', 'bio']);
  assert.deepEqual(field(ADAPTERS.x, x, 'location'), ['profile', 'location']);
  // An input of that name outside the edit-profile dialog is not a profile field.
  assert.equal(boxRule(ADAPTERS.x, x.getElementById('elsewhere')), null);
  const prefix = 'single-line-text-form-component-profileEditFormElement-TOP-CARD-profile-ACoAA';
  const linkedin = page(`
    <input id="${prefix}-firstName"><input id="${prefix}-headline">
    <textarea id="multiline-text-form-component-profileEditFormElement-SUMMARY-profile-ACoAA-summary"></textarea>
    <input id="${prefix}-website">`);
  assert.deepEqual(field(ADAPTERS.linkedin, linkedin, `${prefix}-headline`), ['profile', 'headline']);
  assert.deepEqual(field(ADAPTERS.linkedin, linkedin, `${prefix}-firstName`), ['profile', 'name']);
  assert.deepEqual(field(ADAPTERS.linkedin, linkedin, 'multiline-text-form-component-profileEditFormElement-SUMMARY-profile-ACoAA-summary'), ['profile', 'about']);
  assert.equal(boxRule(ADAPTERS.linkedin, linkedin.getElementById(`${prefix}-website`)), null);
  // Only profile rules name a field.
  for (const adapter of Object.values(ADAPTERS)) for (const rule of adapter.boxes) assert.equal(rule.field !== undefined, rule.surface === 'profile');
});

test('the discovery selector finds every kind of box of the adapter', () => {
  const doc = page(`<div class="share-box"><div class="ql-editor" contenteditable="true"></div></div><div class="msg-form__contenteditable" contenteditable="true"></div><div class="ql-editor" contenteditable="false"></div>`);
  assert.equal(doc.querySelectorAll(boxSelector(ADAPTERS.linkedin)).length, 2);
});

test('the content script watches exactly the attributes the box selectors test', () => {
  assert.deepEqual(boxAttributes(ADAPTERS.x).sort(), ['contenteditable', 'data-testid', 'name']);
  assert.deepEqual(boxAttributes(ADAPTERS.linkedin), ['contenteditable', 'id']);
  assert.deepEqual(boxAttributes(ADAPTERS.generic), ['contenteditable']);
});

test('the editor kind follows the element: textarea, Draft.js, Quill, other', async () => {
  const { editorKind } = await loadTs('extension/src/sites/adapters.ts');
  const doc = page(`
    <textarea id="t"></textarea>
    <div id="d" contenteditable="true" class="notranslate public-DraftEditor-content"><div data-contents="true"></div></div>
    <div id="q" class="ql-editor" contenteditable="true"><p><br></p></div>
    <div id="c" contenteditable="true"></div>`);
  assert.equal(editorKind(doc.getElementById('t')), 'textarea');
  assert.equal(editorKind(doc.getElementById('d')), 'draft');
  assert.equal(editorKind(doc.getElementById('q')), 'quill');
  assert.equal(editorKind(doc.getElementById('c')), 'contenteditable');
});
