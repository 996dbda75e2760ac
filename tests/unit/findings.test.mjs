// The DOM-free decisions behind the card, the badge list, the fixes and the
// pre-submit review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const f = await loadTs('extension/src/content/findings.ts');

function finding(rule, level, span, { quote, overridable = true, suggestions = [], category = 'netiquette' } = {}) {
  return {
    rule,
    category,
    level,
    overridable,
    span: span ? { start: span[0], end: span[1] } : null,
    quote: quote ?? (span ? `q${span[0]}` : null),
    message: rule,
    explanation: '',
    link: null,
    suggestions,
  };
}

test('the list puts block before warn before hint, text order within a level, document-level last', () => {
  const list = [
    finding('hint-early', 'hint', [0, 3]),
    finding('doc-warn', 'warn', null),
    finding('warn-late', 'warn', [20, 25]),
    finding('block', 'block', [30, 31]),
    finding('warn-early', 'warn', [5, 9]),
  ];
  assert.deepEqual(f.listOrder(list).map((x) => x.rule), ['block', 'warn-early', 'warn-late', 'doc-warn', 'hint-early']);
});

test('counts by severity: a block the writer may override is "important", not a block', () => {
  const counts = f.countBySeverity([
    finding('a', 'warn', [0, 1]),
    finding('b', 'warn', null),
    finding('c', 'hint', [2, 3]),
    finding('d', 'block', [4, 5]),
    finding('e', 'block', [6, 7], { overridable: false }),
  ]);
  assert.deepEqual(counts, { hint: 1, warn: 2, important: 1, block: 1 });
});

test('findings on the same words share a card, most severe first; whole-post findings are listed apart', () => {
  const hint = finding('base.shouting', 'hint', [3, 10]);
  const warn = finding('base.insult', 'warn', [3, 10]);
  const elsewhere = finding('base.insult', 'warn', [12, 15]);
  const disclosure = finding('org.disclosure', 'warn', null);
  assert.deepEqual(f.onSameWords([hint, warn, elsewhere, disclosure], hint).map((x) => x.rule), ['base.insult', 'base.shouting']);
  assert.deepEqual(f.onSameWords([hint, warn, elsewhere], elsewhere), [elsewhere]);
  assert.deepEqual(f.wholePostFindings([hint, disclosure, warn]), [disclosure]);
});

test('the length limit is neither ignorable nor underlined; the remainder goes negative past it', () => {
  const overflow = { ...finding('base.length', 'warn', [280, 300]), category: 'length' };
  assert.equal(f.ignoreKey(overflow), null);
  assert.equal(f.isLengthOverflow(overflow), true);
  assert.equal(f.remainder({ platform: 'x', count: 307, limit: 280, unit: 'weighted' }), -27);
  assert.equal(f.remainder({ platform: 'x', count: 270, limit: 280, unit: 'weighted' }), 10);
});

test('whom to ask: the rule\'s own contact, else the support contact IT set, else the press office, else the first', () => {
  const press = { name: 'Press office', email: 'press@acme.example' };
  const support = { name: 'IT desk' };
  const social = { name: 'Social media team' };
  assert.equal(f.contactFor({ name: 'Acme', contacts: { social, press, support } }), support);
  assert.equal(f.contactFor({ name: 'Acme', contacts: { social, press } }), press);
  assert.equal(f.contactFor({ name: 'Acme', contacts: { social } }), social);
  assert.equal(f.contactFor(null), null);
  // A rule that names its own contact is answered by it, before all others.
  const organization = { name: 'Acme', contacts: { social, press, support }, ruleContacts: { 'acme.codenames': 'social' } };
  const codename = finding('acme.codenames', 'block', [0, 5], { overridable: false });
  assert.equal(f.contactFor(organization, [codename]), social);
  assert.equal(f.contactFor(organization, [finding('acme.other', 'block', [0, 5], { overridable: false })]), support);
});

test('ignore here covers one rule on one exact quote; document-level findings cannot be ignored', () => {
  const insult = finding('base.insult', 'warn', [0, 5], { quote: 'idiot' });
  const sameWordElsewhere = finding('base.insult', 'warn', [20, 25], { quote: 'idiot' });
  const otherWord = finding('base.insult', 'warn', [30, 34], { quote: 'Depp' });
  const otherRule = finding('base.shouting', 'hint', [0, 5], { quote: 'idiot' });
  const disclosure = finding('org.disclosure', 'warn', null);
  assert.equal(f.ignoreKey(disclosure), null);
  const ignored = new Set([f.ignoreKey(insult)]);
  assert.deepEqual(
    f.withoutIgnored([insult, sameWordElsewhere, otherWord, otherRule, disclosure], ignored).map((x) => `${x.rule}:${x.quote}`),
    ['base.insult:Depp', 'base.shouting:idiot', 'org.disclosure:null'],
  );
  // "idiot" and "Idiot" are different quotes: the key is exact.
  assert.notEqual(f.ignoreKey(insult), f.ignoreKey(finding('base.insult', 'warn', [0, 5], { quote: 'Idiot' })));
});

test('the finding at the caret: both ends count, the most severe then the narrowest wins', () => {
  const wide = finding('wide', 'warn', [0, 20]);
  const narrow = finding('narrow', 'warn', [5, 9]);
  const hint = finding('hint', 'hint', [5, 7]);
  const block = finding('block', 'block', [15, 20]);
  const list = [wide, narrow, hint, block];
  assert.equal(f.findingAt(list, 6).rule, 'narrow');
  assert.equal(f.findingAt(list, 9).rule, 'narrow', 'a caret right after the word');
  assert.equal(f.findingAt(list, 16).rule, 'block');
  assert.equal(f.findingAt(list, 2).rule, 'wide');
  assert.equal(f.findingAt(list, 21), null);
  assert.equal(f.findingAt([finding('doc', 'warn', null)], 0), null);
});

test('review: nothing for hints; warnings and overridable blocks may be posted; a non-overridable block may not', () => {
  const none = new Set();
  assert.equal(f.reviewOf([finding('h', 'hint', [0, 1])], none), null);
  assert.equal(f.reviewOf([], none), null);
  const warn = finding('w', 'warn', null);
  const soft = finding('soft', 'block', [3, 4]);
  const hard = finding('hard', 'block', [1, 2], { overridable: false });
  assert.deepEqual(f.reviewOf([warn, soft], none), { blocking: [], overridable: [soft, warn] });
  const review = f.reviewOf([warn, hard, finding('h', 'hint', [0, 1])], none);
  assert.deepEqual(review.blocking.map((x) => x.rule), ['hard']);
  assert.deepEqual(review.overridable.map((x) => x.rule), ['w']);
});

test('suggestions (category campaign) are no problems: not counted, listed last, never in the review', () => {
  const none = new Set();
  const careers = finding('org.careers', 'warn', null, { category: 'campaign' });
  const hashtag = finding('acme.hashtag', 'block', [0, 4], { category: 'campaign', overridable: false });
  const hint = finding('base.shouting', 'hint', [5, 9]);
  assert.equal(f.isSuggestion(careers), true);
  assert.equal(f.isSuggestion(hint), false);
  assert.deepEqual(f.countBySeverity([careers, hashtag, hint]), { hint: 1, warn: 0, important: 0, block: 0 });
  assert.deepEqual(f.listOrder([careers, hashtag, hint]).map((x) => x.rule), ['base.shouting', 'acme.hashtag', 'org.careers']);
  assert.equal(f.reviewOf([careers, hashtag], none), null, 'even at a blocking level, a suggestion holds nothing back');
  assert.deepEqual(f.reviewOf([careers, finding('w', 'warn', null)], none).overridable.map((x) => x.rule), ['w']);
});

test('a non-overridable block cannot be ignored, and holds the post even if its key was forged into the ignored set', () => {
  const hard = finding('acme.codenames', 'block', [0, 9], { quote: 'Polaris-9', overridable: false });
  const soft = finding('base.insult', 'block', [20, 25], { quote: 'idiot' });
  assert.equal(f.ignoreKey(hard), null, 'no "Ignore here" for a binding block');
  assert.notEqual(f.ignoreKey(soft), null, 'an overridable block stays the writer\'s choice');
  const ignored = new Set([`acme.codenames\u0000Polaris-9`, f.ignoreKey(soft)]);
  assert.deepEqual(f.reviewOf([hard, soft], ignored), { blocking: [hard], overridable: [] });
  assert.equal(f.reviewOf([soft], ignored), null, 'an ignored overridable block no longer asks');
});

test('a fix with a span replaces exactly that span; the caret lands after it', () => {
  const text = 'Das ist Schwachsinn!!!';
  const edit = f.planFix(text, { label: '', replacement: 'Unsinn', span: { start: 8, end: 19 } });
  assert.deepEqual(edit, { start: 8, end: 19, insert: 'Unsinn' });
  assert.equal(f.applyEdit(text, edit), 'Das ist Unsinn!!!');
  assert.equal(f.caretAfter(edit), 14);
  // A span past the end (the text shrank) is clamped, never thrown on.
  assert.deepEqual(f.planFix('abc', { label: '', replacement: 'x', span: { start: 5, end: 9 } }), { start: 3, end: 3, insert: 'x' });
});

test('an append goes after a space on one line, on a new paragraph after several, and adds nothing after whitespace', () => {
  const disclosure = { label: '', replacement: '#employee – views are my own', span: null };
  assert.equal(f.applyEdit('Love working at Acme', f.planFix('Love working at Acme', disclosure)), 'Love working at Acme #employee – views are my own');
  const twoLines = 'Big news!\nAcme launches today';
  assert.equal(f.applyEdit(twoLines, f.planFix(twoLines, disclosure)), 'Big news!\nAcme launches today\n\n#employee – views are my own');
  assert.equal(f.applyEdit('Acme rocks\n', f.planFix('Acme rocks\n', disclosure)), 'Acme rocks\n#employee – views are my own');
  assert.equal(f.applyEdit('', f.planFix('', disclosure)), '#employee – views are my own');
});

test('guideline links: https, http and mailto only', () => {
  assert.equal(f.safeLink('https://acme.example/social'), 'https://acme.example/social');
  assert.equal(f.safeLink('mailto:press@acme.example'), 'mailto:press@acme.example');
  assert.equal(f.safeLink('http://acme.example/'), 'http://acme.example/');
  assert.equal(f.safeLink('javascript:alert(1)'), null);
  assert.equal(f.safeLink(' JavaScript:alert(1)'), null);
  assert.equal(f.safeLink('data:text/html,<script>alert(1)</script>'), null);
  assert.equal(f.safeLink('/relative'), null);
  assert.equal(f.safeLink(null), null);
});

test('the contact to ask: the press office, else the first listed', () => {
  const press = { name: 'Press office', email: 'press@acme.example', phone: '+49 40 555 0100' };
  assert.equal(f.contactFor(null), null);
  assert.deepEqual(f.contactFor({ name: 'Acme', contacts: { legal: { email: 'legal@acme.example' }, press } }), press);
  assert.deepEqual(f.contactFor({ name: 'Acme', contacts: { legal: { email: 'legal@acme.example' } } }), { email: 'legal@acme.example' });
  assert.equal(f.contactLine(press, 'en'), 'Press office <press@acme.example>, +49 40 555 0100');
  assert.equal(f.contactLine({ email: 'legal@acme.example' }, 'de'), 'legal@acme.example');
  // A name per language: the reader's, else the other one.
  const localized = { name: { de: 'Pressestelle', en: 'Press office' }, email: 'presse@acme.example' };
  assert.equal(f.contactLine(localized, 'de'), 'Pressestelle <presse@acme.example>');
  assert.equal(f.contactLine(localized, 'en'), 'Press office <presse@acme.example>');
  assert.equal(f.contactLine({ name: { de: 'Pressestelle' } }, 'en'), 'Pressestelle');
});

test('contact names from the policy: a string, or one per language', async () => {
  const { organizationOf } = await loadTs('extension/src/background/organization.ts');
  const policy = {
    organization: {
      name: 'Acme',
      contacts: {
        press: { name: { de: 'Pressestelle', en: 'Press office', fr: 'Presse' }, email: 'presse@acme.example' },
        legal: { name: 'Legal', email: 'legal@acme.example' },
        hr: { name: { de: '' }, email: 'hr@acme.example' },
      },
    },
  };
  const organization = organizationOf(JSON.stringify(policy));
  assert.deepEqual(organization.contacts.press, { name: { de: 'Pressestelle', en: 'Press office' }, email: 'presse@acme.example' });
  assert.deepEqual(organization.contacts.legal, { name: 'Legal', email: 'legal@acme.example' });
  assert.deepEqual(organization.contacts.hr, { email: 'hr@acme.example' });
  assert.equal(f.contactLine(organization.contacts.press, 'de'), 'Pressestelle <presse@acme.example>');
});
