import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { loadTs } from './load-ts.mjs';

const { extractText, domPosition, textOffset } = await loadTs('extension/src/text/extract.ts');

function editor(html) {
  const { document } = parseHTML(`<!doctype html><html><body><div id="e">${html}</div></body></html>`);
  return document.getElementById('e');
}

/** The text a DOM range from the mapped offsets covers, read from the DOM. */
function textBetween(extracted, start, end) {
  const from = domPosition(extracted, start, 'start');
  const to = domPosition(extracted, end, 'end');
  // Walk the segments in order, as a DOM Range's toString would.
  let out = '';
  let inside = false;
  for (const { node } of extracted.segments) {
    const data = node.data;
    const s = node === from.node ? from.offset : 0;
    if (node === from.node) inside = true;
    if (!inside) continue;
    const e = node === to.node ? to.offset : data.length;
    out += data.slice(s, e);
    if (node === to.node) break;
  }
  return out;
}

test('Quill paragraphs, with an empty line, become lines', () => {
  const root = editor('<p>Hallo Welt</p><p><br></p><p>Zweiter Absatz</p>');
  assert.equal(extractText(root).text, 'Hallo Welt\n\nZweiter Absatz');
});

test('an empty Quill editor is empty text', () => {
  assert.equal(extractText(editor('<p><br></p>')).text, '');
});

test('a trailing <br> in a paragraph adds no line; a <br> between text does', () => {
  assert.equal(extractText(editor('<p>a<br></p><p>b</p>')).text, 'a\nb');
  assert.equal(extractText(editor('<div>a<br>b</div>')).text, 'a\nb');
  assert.equal(extractText(editor('<br><br>b')).text, '\n\nb');
});

test('Draft.js blocks, nested divs and an empty block', () => {
  const block = (key, inner) =>
    `<div data-block="true" data-editor="e" data-offset-key="${key}-0-0"><div data-offset-key="${key}-0-0" class="public-DraftStyleDefault-block public-DraftStyleDefault-ltr">${inner}</div></div>`;
  const root = editor(
    `<div data-contents="true">` +
      block('a', '<span data-offset-key="a-0-0"><span data-text="true">Grüße 👋🏽 an </span></span><span data-offset-key="a-1-0"><a href="/acme"><span data-text="true">@acme</span></a></span>') +
      block('b', '<span data-offset-key="b-0-0"><br data-text="true"></span>') +
      block('c', '<span data-offset-key="c-0-0"><span data-text="true">#Mitarbeiter</span></span>') +
      `</div>`,
  );
  const extracted = extractText(root);
  assert.equal(extracted.text, 'Grüße 👋🏽 an @acme\n\n#Mitarbeiter');
  // Offsets are UTF-16: the emoji with skin tone is 4 code units.
  const mention = extracted.text.indexOf('@acme');
  assert.equal(mention, 14);
  assert.equal(textBetween(extracted, mention, mention + 5), '@acme');
  const tag = extracted.text.indexOf('#Mitarbeiter');
  assert.equal(textBetween(extracted, tag, tag + 12), '#Mitarbeiter');
});

test('a span across a link boundary maps into both nodes', () => {
  const root = editor('<p>schreib <a href="#">#hashtag</a> jetzt</p>');
  const extracted = extractText(root);
  const start = extracted.text.indexOf('b #');
  assert.equal(textBetween(extracted, start, start + 11), 'b #hashtag ');
});

test('a span ending on a paragraph break ends in the paragraph before', () => {
  const root = editor('<p>eins</p><p>zwei</p>');
  const extracted = extractText(root);
  const end = domPosition(extracted, 5, 'end'); // after the "\n"
  assert.equal(end.node.data, 'eins');
  assert.equal(end.offset, 4);
  const start = domPosition(extracted, 4, 'start'); // on the "\n"
  assert.equal(start.node.data, 'zwei');
  assert.equal(start.offset, 0);
  assert.equal(textBetween(extracted, 0, 9), 'einszwei');
});

test('a start at the end of one span and beginning of the next goes to the next', () => {
  const root = editor('<p><span>ab</span><span>cd</span></p>');
  const extracted = extractText(root);
  const start = domPosition(extracted, 2, 'start');
  assert.equal(start.node.data, 'cd');
  assert.equal(start.offset, 0);
  const end = domPosition(extracted, 2, 'end');
  assert.equal(end.node.data, 'ab');
  assert.equal(end.offset, 2);
});

test('non-breaking spaces read as spaces and keep the length', () => {
  const root = editor('<p>a\u00a0\u00a0b</p>');
  assert.equal(extractText(root).text, 'a  b');
});

test('ignored elements (Quill cursor) and scripts are left out', () => {
  const root = editor('<p>ab<span class="ql-cursor"><span class="ql-cursor-inner">\ufeff</span></span>cd</p><style>p{}</style>');
  const extracted = extractText(root, { ignoreSelector: '.ql-cursor, .ql-ui' });
  assert.equal(extracted.text, 'abcd');
  assert.equal(textBetween(extracted, 1, 3), 'bc');
});

test('offsets after emoji, umlauts and line breaks point at the right characters', () => {
  const root = editor('<p>Ä😀ö</p><p>IBAN DE89</p>');
  const extracted = extractText(root);
  assert.equal(extracted.text, 'Ä😀ö\nIBAN DE89');
  const at = extracted.text.indexOf('DE89');
  assert.equal(at, 10);
  assert.equal(textBetween(extracted, at, at + 4), 'DE89');
  assert.equal(textBetween(extracted, 1, 3), '😀');
});

test('no text nodes: no positions', () => {
  const extracted = extractText(editor('<p><br></p>'));
  assert.equal(domPosition(extracted, 0, 'start'), null);
});

test('textOffset maps a caret back to the extracted text, across emoji, links and paragraphs', () => {
  const root = editor('<p>Grüße 👋🏽 an <a href="#">@acme</a> heute</p><p><br></p><p>Zweite Zeile</p>');
  const extracted = extractText(root);
  assert.equal(extracted.text, 'Grüße 👋🏽 an @acme heute\n\nZweite Zeile');
  for (const offset of [0, 3, 6, 10, 13, 15, 20, extracted.text.length]) {
    const position = domPosition(extracted, offset, 'start');
    assert.equal(textOffset(extracted, position.node, position.offset), offset, `offset ${offset} round-trips`);
  }
  // A caret between elements counts as the start of the next text.
  const paragraphs = root.querySelectorAll('p');
  assert.equal(textOffset(extracted, root, 2), extracted.text.indexOf('Zweite'));
  assert.equal(textOffset(extracted, paragraphs[0], 0), 0);
  // After all the text.
  assert.equal(textOffset(extracted, root, 3), extracted.text.indexOf('Zweite') + 'Zweite Zeile'.length);
  // A text node outside the editor's text is no position in it.
  const stray = root.ownerDocument.createTextNode('x');
  assert.equal(textOffset(extracted, stray, 0), null);
});
