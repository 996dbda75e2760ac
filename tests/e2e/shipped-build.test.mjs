// The shipped packages (dist/chrome, dist/firefox and their zips) carry no
// test hook: no paint event for the page to hear, no names for tests, no open
// shadow roots. The test flavour beside them has each, which shows that the
// strings searched for are the ones the hooks use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { EXTENSION_DIR, SHIPPED_EXTENSION_DIR } from '../harness.mjs';

const dist = join(SHIPPED_EXTENSION_DIR, '..');

/** What would let a page hear or find Postlint, or tests reach into it. */
const HOOKS = [/postlint:painted/, /data-test-ui/, /mode:\s*"open"/, /POSTLINT_TEST_BUILD/, /data-postlint/];

async function scripts(dir) {
  const files = {};
  for (const name of await readdir(dir, { recursive: true })) {
    if (/\.(js|css|html|json)$/.test(name)) files[name] = await readFile(join(dir, name), 'utf8');
  }
  return files;
}

function hooksIn(files) {
  const found = [];
  for (const [name, text] of Object.entries(files)) for (const hook of HOOKS) if (hook.test(text)) found.push(`${name}: ${hook}`);
  return found;
}

for (const flavour of ['chrome', 'firefox']) {
  test(`dist/${flavour} and its zip contain no test hooks`, async () => {
    assert.deepEqual(hooksIn(await scripts(join(dist, flavour))), []);
    const zipped = unzipSync(new Uint8Array(await readFile(join(dist, `postlint-${flavour}.zip`))));
    const texts = Object.fromEntries(Object.entries(zipped).filter(([name]) => /\.(js|css|html|json)$/.test(name)).map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]));
    assert.deepEqual(hooksIn(texts), []);
  });
}

test('the test flavour has the hooks the search looks for', async () => {
  const content = (await scripts(EXTENSION_DIR))['content.js'];
  for (const hook of [/postlint:painted/, /data-test-ui/, /mode:\s*"open"/]) assert.match(content, hook);
});
