// A business developer searches the register with a typo, opens the company's journey and
// writes a note; the list and the journey page pass axe-core's WCAG 2.1 A/AA rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BD, axeViolations, signedIn, withDemo } from './support.js';

let lots;
let browser;
withDemo((started) => ({ lots, browser } = started));

test('search with a typo, open the journey, write a note', async () => {
  const { context, page } = await signedIn(browser, lots, BD);

  await page.getByRole('link', { name: 'Företag', exact: true }).click();
  assert.deepEqual(await axeViolations(page), [], 'company list');
  await page.getByLabel('Sök företag').fill('brunna logsitik');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await page.waitForURL(/q=brunna/);
  assert.deepEqual(await axeViolations(page), [], 'search results');

  await page.getByRole('link', { name: 'Brunna Logistik AB' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Brunna Logistik AB');
  assert.match(await page.locator('main').textContent(), /Företagets resa/);
  assert.deepEqual(await axeViolations(page), [], 'journey page');

  await page.getByLabel('Ny anteckning').fill('Vill gå med i trafiknätverket i Brunna.');
  await page.getByRole('button', { name: 'Spara anteckningen' }).click();
  assert.match(await page.locator('.timeline').textContent(), /trafiknätverket i Brunna/);
  await context.close();
});

test('every page of the registry passes axe, at 320 px too', async () => {
  for (const width of [1280, 320]) {
    const { context, page } = await signedIn(browser, lots, BD, { width, height: 900 });
    await page.goto(`${lots.base}/foretag?q=brunna`);
    const first = await page.getByRole('link', { name: 'Brunna Logistik AB' }).getAttribute('href');
    await page.goto(`${lots.base}${first}`);
    const contact = await page.locator('.people a').first().getAttribute('href');
    for (const path of [
      '/foretag', '/foretag/nytt', `${first}/andra`, `${first}/kontakter/ny`, contact,
      `${contact}/registerutdrag`, `${contact}/radera`, '/foretag/import', '/foretag/dubbletter',
      '/kontakter/granska?ar=0',
    ]) {
      const response = await page.goto(`${lots.base}${path}`);
      assert.equal(response.status(), 200, path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at ${width} px`);
      assert.deepEqual(await axeViolations(page), [], `${path} at ${width} px`);
    }
    // A form with errors.
    await page.goto(`${lots.base}/foretag/nytt`);
    await page.getByRole('button', { name: 'Registrera företaget' }).click();
    assert.match(await page.locator('.error-summary').textContent(), /Kontrollsiffran|Numret saknas/);
    assert.deepEqual(await axeViolations(page), [], `company form with errors at ${width} px`);
    await context.close();
  }
});
