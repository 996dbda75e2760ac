// axe-core on everything Postlint shows an employee: the card, the review,
// the badge's list, the options page and the popup, in English and German
// and in light and dark mode. No serious or critical violation may remain
// (contrast included: WCAG AA, 4.5:1 for text).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launch } from '../harness.mjs';
import { EDITORS, typeChecked } from './helpers.mjs';

/** A warning with a fix, and a hint. */
const TEXT = { en: 'Honestly, that plan is bullshit. WHAT A DAY!', de: 'Ehrlich, der Plan ist bullshit. WAS FÜR EIN TAG!' };

const LOCALES = { en: 'en-US', de: 'de-DE' };
const browsers = {};
before(async () => {
  for (const [lang, locale] of Object.entries(LOCALES)) browsers[lang] = await launch({ locale });
});
after(async () => {
  for (const browser of Object.values(browsers)) await browser.close();
});

/** The serious and critical violations axe finds inside `include` (a shadow host and what is inside it, or a page part). */
async function violations(page, include) {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary}`).join('; ')}`);
}

for (const lang of Object.keys(LOCALES)) {
  for (const scheme of ['light', 'dark']) {
    test(`${lang}, ${scheme}: the card, the badge's list and the review`, async () => {
      const editor = EDITORS.draft;
      const page = await typeChecked(browsers[lang].context, editor, TEXT[lang]);
      await page.emulateMedia({ colorScheme: scheme });
      const word = TEXT[lang].indexOf('bullshit') + 3;
      for (let i = TEXT[lang].length; i > word; i -= 1) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Control+.');
      await page.locator('[data-test-ui="card"] [role="dialog"]').waitFor({ timeout: 10000 });
      await page.locator('[data-test-ui="card"] summary').click();
      assert.deepEqual(await violations(page, ['[data-test-ui="card"]', '[role="dialog"]']), [], 'card');
      await page.keyboard.press('Escape');

      await page.locator('[data-test-ui="badge"] .badge:visible').click();
      await page.locator('[data-test-ui="badge"] [role="dialog"]').waitFor();
      assert.deepEqual(await violations(page, ['[data-test-ui="badge"]', '.badge']), [], 'badge');
      assert.deepEqual(await violations(page, ['[data-test-ui="badge"]', '[role="dialog"]']), [], "badge's list");
      await page.keyboard.press('Escape');

      await page.click(editor.post);
      await page.locator('[data-test-ui="review"] [role="alertdialog"]').waitFor({ timeout: 10000 });
      assert.deepEqual(await violations(page, ['[data-test-ui="review"]', '[role="alertdialog"]']), [], 'review');
      await page.close();
    });

    test(`${lang}, ${scheme}: the options page and the popup`, async () => {
      const { context, extensionId } = browsers[lang];
      for (const name of ['options', 'popup']) {
        const page = await context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`chrome-extension://${extensionId}/${name}.html`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(500);
        assert.deepEqual(await violations(page, 'body'), [], name);
        await page.close();
      }
    });
  }
}
