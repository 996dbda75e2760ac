// Engine images (extension/src/background/engine-instance.ts): a worker that
// Chrome stopped restores its compiled policy from a copy of the engine's
// memory. These tests restore images into fresh instances of the worker's
// real module (each import of the glue with another query is a separate
// instance) and compare every answer with the instance that compiled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadTs } from './load-ts.mjs';

const { EngineInstance, wasmBindgenBinding } = await loadTs('extension/src/background/engine-instance.ts');

const pkg = new URL('../../checker-wasm/pkg-worker/', import.meta.url);
const bytes = readFileSync(new URL('checker_wasm_bg.wasm', pkg));
const MODULE = 'the worker module of this build';
let instances = 0;

/** A new instance of the module, as a freshly started worker has. */
async function freshEngine(module = MODULE) {
  instances += 1;
  const glue = await import(new URL(`checker_wasm.js?instance=${instances}`, pkg));
  const exports = await glue.default({ module_or_path: bytes });
  return { glue, engine: new EngineInstance(exports, wasmBindgenBinding(glue.Checker), module) };
}

const corpusPolicy = readFileSync(new URL('../corpus/policy.json', import.meta.url), 'utf8');
const posts = readFileSync(new URL('../corpus/posts.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line));
const contextOf = (post) => ({ platform: post.platform, surface: post.surface, lang: post.lang, date: post.date, attachments: post.attachments });

test('a restored policy answers every corpus text as the compiled one does', async () => {
  const compiling = await freshEngine();
  const compiled = compiling.engine.compile(corpusPolicy);
  // As the worker does: a sample check first, so the image holds warm automata.
  compiling.engine.warmUp(compiled);
  const image = compiling.engine.image(compiled, corpusPolicy);
  assert.ok(image, 'an instance that has only compiled and checked the sample gives an image');
  const expected = posts.map((post) => compiled.checkJson(post.text, contextOf(post)));

  const restoring = await freshEngine();
  const restored = restoring.engine.restore(image, corpusPolicy);
  assert.ok(restored, 'a fresh instance of the same module restores it');
  assert.deepEqual(
    posts.map((post) => restored.checkJson(post.text, contextOf(post))),
    expected,
  );
  assert.ok(expected.some((report) => JSON.parse(report).findings.length > 0), 'the corpus has findings to compare');
  assert.equal(restored.timezone(), compiled.timezone());
  assert.deepEqual(restored.departments(), compiled.departments());

  // The restored heap is the engine's own: it compiles and frees as before.
  const another = restoring.engine.compile(restoring.glue.defaultPolicy());
  assert.ok(JSON.parse(another.checkJson('Spenden an IBAN DE89 3704 0044 0532 0130 00', { platform: 'x', surface: 'post' })).findings.length > 0);
  another.free();
  assert.deepEqual(restored.checkJson(posts[2].text, contextOf(posts[2])), expected[2]);
});

test('an image is used only for the policy text and the module it was taken with', async () => {
  const compiling = await freshEngine();
  const checker = compiling.engine.compile(corpusPolicy);
  const image = compiling.engine.image(checker, corpusPolicy);
  const changed = corpusPolicy.replace('"Kranich"', '"Reiher"');
  assert.notEqual(changed, corpusPolicy);

  const other = await freshEngine();
  assert.equal(other.engine.restore(image, changed), null, 'a changed policy is compiled, not restored');
  const otherModule = await freshEngine('another build of the module');
  assert.equal(otherModule.engine.restore(image, corpusPolicy), null, 'another module never reads the image');
  assert.equal(other.engine.restore(null, corpusPolicy), null);
});

test('no image is taken once text was checked, and none is restored over a compiled checker', async () => {
  const { engine, glue } = await freshEngine();
  const checker = engine.compile(glue.defaultPolicy());
  engine.check(checker, 'Ein Entwurf, der nie auf die Platte darf.', { platform: 'linkedin', surface: 'post' });
  assert.equal(engine.image(checker, glue.defaultPolicy()), null, 'freed memory could hold the draft');

  const source = await freshEngine();
  const image = source.engine.image(source.engine.compile(corpusPolicy), corpusPolicy);
  const busy = await freshEngine();
  const live = busy.engine.compile(busy.glue.defaultPolicy());
  assert.equal(busy.engine.restore(image, corpusPolicy), null, 'the copy would pull the memory from under a live checker');
  assert.ok(JSON.parse(live.checkJson('Spenden an IBAN DE89 3704 0044 0532 0130 00', { platform: 'x', surface: 'post' })).findings.length > 0);
});

test('calls before the restore (a policy that fails to compile) leave the instance fresh for an image', async () => {
  const source = await freshEngine();
  const compiled = source.engine.compile(corpusPolicy);
  source.engine.warmUp(compiled);
  const image = source.engine.image(compiled, corpusPolicy);
  const { engine, glue } = await freshEngine();
  // The worker reads the built-in policy and may try a broken managed one before it restores.
  assert.ok(glue.defaultPolicy().length > 0);
  assert.throws(() => engine.compile('{"version": 1, "rules": [{"kind": "nonsense"}]}'));
  const restored = engine.restore(image, corpusPolicy);
  assert.ok(restored);
  for (const post of posts.slice(0, 40)) assert.equal(restored.checkJson(post.text, contextOf(post)), compiled.checkJson(post.text, contextOf(post)), post.id);
  assert.equal(engine.image(restored, corpusPolicy), null, 'a restored instance is not imaged again');
});
