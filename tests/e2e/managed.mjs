// Managed configuration for the e2e tests: the Linux policy file that Debian's
// Chromium reads, the extension id it is keyed by, and expectations from the
// real engine compiled with the same policy.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { serviceWorker } from '../harness.mjs';

export const POLICY_DIR = process.env.POSTLINT_POLICY_DIR ?? '/etc/chromium/policies/managed';
export const POLICY_FILE = `${POLICY_DIR}/postlint.json`;

const manifest = JSON.parse(await readFile(new URL('../../manifest.json', import.meta.url), 'utf8'));

/** Chrome's id for an extension with a `key`: the key's SHA-256, first 16 bytes, as letters a–p. */
export function extensionIdFromKey(key) {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}
export const EXTENSION_ID = extensionIdFromKey(manifest.key);

/**
 * Writes the managed values exactly as `postlint deploy --browser chrome
 * --os linux --no-force-install` lays them out, atomically (Chromium may read
 * the folder at any moment).
 */
export async function writeManagedPolicy(values) {
  await mkdir(POLICY_DIR, { recursive: true });
  const body = JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: values } } }, null, 2);
  const temporary = `${POLICY_DIR}/.postlint.json.tmp`;
  await writeFile(temporary, body, { mode: 0o644 });
  await rename(temporary, POLICY_FILE);
}

export async function removeManagedPolicy() {
  await rm(POLICY_FILE, { force: true });
}

const pkg = new URL('../../checker-wasm/pkg/', import.meta.url);
const wasm = await import(new URL('checker_wasm.js', pkg));
wasm.initSync({ module: await readFile(new URL('checker_wasm_bg.wasm', pkg)) });

/** The engine's own rejection of a policy: its problems with JSON paths. */
export function problemsOf(policyText) {
  try {
    wasm.Checker.compile(policyText).free();
    return [];
  } catch (error) {
    return error.problems;
  }
}

/** The highlight texts by level that `policyText` finds in `text`. */
export function expectedWith(policyText, text, platform, surface = 'post') {
  const checker = wasm.Checker.compile(policyText);
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const expected = { hint: [], warn: [], block: [], overflow: [] };
  for (const finding of checker.check(text, { platform, surface, lang: 'en', date, attachments: [] }).findings) {
    const mark = finding.category === 'length' ? 'overflow' : finding.level;
    if (finding.span && finding.span.end > finding.span.start) expected[mark].push(text.slice(finding.span.start, finding.span.end));
  }
  checker.free();
  return expected;
}

/** A small company policy whose code-name rule blocks `term`. */
export function companyPolicy(organization, term, revision = '2026-11-27') {
  return JSON.stringify({
    version: 1,
    revision,
    fallback_language: 'en',
    organization: { name: organization },
    extends: ['base'],
    rules: [
      {
        id: 'company.codenames',
        kind: 'terms',
        category: 'confidential',
        level: 'block',
        message: { en: '"{quote}" is a confidential code name.', de: '„{quote}“ ist ein vertraulicher Codename.' },
        explanation: { en: 'Code names stay inside the company until launch.', de: 'Codenamen bleiben bis zum Launch im Haus.' },
        terms: [term],
      },
    ],
  });
}

/** The policy state the background published for the UI. */
export async function readStatus(context, extensionId) {
  const worker = await serviceWorker(context, extensionId);
  return worker.evaluate(async () => (await chrome.storage.local.get('policyStatus')).policyStatus ?? null);
}

/**
 * Waits until the published status satisfies `accept`. Chromium reloads
 * policy files when they change; if that has not reached the extension after
 * `reloadAfterMs`, the test presses "Reload policies" on chrome://policy,
 * what an admin does, and keeps waiting.
 */
export async function waitForStatus(context, extensionId, accept, { timeoutMs = 60_000, reloadAfterMs = 15_000, reloads } = {}) {
  const started = Date.now();
  let reloaded = false;
  let status;
  for (;;) {
    status = await readStatus(context, extensionId).catch(() => null);
    if (status && accept(status)) return status;
    if (!reloaded && Date.now() - started > reloadAfterMs) {
      reloaded = true;
      await reloadPolicies(context);
      reloads?.push(Date.now() - started);
    }
    if (Date.now() - started > timeoutMs) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`the policy status did not arrive in ${timeoutMs} ms: ${JSON.stringify(status)}`);
}

/** Presses "Reload policies" on chrome://policy. */
export async function reloadPolicies(context) {
  const page = await context.newPage();
  try {
    await page.goto('chrome://policy');
    await page.click('#reload-policies');
    await page.waitForTimeout(500);
  } finally {
    await page.close();
  }
}
