// The Studio's completion and hover read the engine's own policy schema
// (the one `postlint policy schema` prints): the keys and values offered at
// a place are the ones the engine accepts there, with their documentation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadTs } from './load-ts.mjs';

const pkg = new URL('../../checker-wasm/pkg/', import.meta.url);
const wasm = await import(new URL('checker_wasm.js', pkg));
wasm.initSync({ module: await readFile(new URL('checker_wasm_bg.wasm', pkg)) });
const schema = wasm.policySchema();
const { keysAt, valuesAt, documentationAt } = await loadTs('studio/src/schema-assist.ts');

const names = (options) => options.map((option) => option.name);
const values = (options) => options.map((option) => JSON.parse(option.json));

test('the document offers its top-level keys, `version` required', () => {
  const keys = keysAt(schema, { steps: [], kinds: [] });
  assert.ok(names(keys).includes('extends'));
  assert.ok(names(keys).includes('organization'));
  assert.equal(keys.find((key) => key.name === 'version').required, true);
  assert.equal(keys.find((key) => key.name === 'rules').required, false);
});

test('a rule offers the keys of its kind: `terms` has `match`, `pattern` has `pattern`, not the other way round', () => {
  const terms = names(keysAt(schema, { steps: ['rules', 0], kinds: [undefined, undefined], kind: 'terms' }));
  const pattern = names(keysAt(schema, { steps: ['rules', 0], kinds: [undefined, undefined], kind: 'pattern' }));
  assert.ok(terms.includes('match') && terms.includes('level') && !terms.includes('pattern'));
  assert.ok(pattern.includes('pattern') && pattern.includes('level') && !pattern.includes('match'));
  // Before `kind` is written, every kind's keys are offered.
  const any = names(keysAt(schema, { steps: ['rules', 0], kinds: [undefined, undefined] }));
  assert.ok(any.includes('match') && any.includes('pattern') && any.includes('kind'));
});

test('values: levels with what each means, categories, booleans, the kinds', () => {
  const level = valuesAt(schema, { steps: ['rules', 0, 'level'], kinds: [undefined, undefined, 'terms'] });
  assert.deepEqual(values(level), ['hint', 'warn', 'block']);
  assert.match(level.find((option) => option.json === '"block"').description, /held back/);
  assert.ok(values(valuesAt(schema, { steps: ['rules', 3, 'category'], kinds: [undefined, undefined, 'terms'] })).includes('confidential'));
  assert.deepEqual(values(valuesAt(schema, { steps: ['rules', 0, 'overridable'], kinds: [undefined, undefined, 'terms'] })), [true, false]);
  assert.ok(values(valuesAt(schema, { steps: ['rules', 0, 'kind'], kinds: [undefined, undefined, undefined] })).includes('substitute'));
  assert.deepEqual(values(valuesAt(schema, { steps: ['extends'], kinds: [undefined] })), []);
});

test('hover documentation follows references into nested objects', () => {
  assert.match(documentationAt(schema, { steps: ['organization', 'name'], kinds: [undefined, undefined] }), /\S/);
  assert.match(documentationAt(schema, { steps: ['rules', 0, 'level'], kinds: [undefined, undefined, 'terms'] }), /hint/);
  assert.equal(documentationAt(schema, { steps: ['no-such-key'], kinds: [undefined] }), '');
});
