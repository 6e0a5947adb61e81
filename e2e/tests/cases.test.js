// A case officer opens the cases, the ones running late, a late bygglov with its fee
// reduction and the handling times: every page passes axe-core's WCAG 2.1 A/AA rules.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launchBrowser, signedIn, startLots } from './support.js';

let lots;
let browser;

before(async () => {
  lots = await startLots();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  lots?.stop();
});

test('cases, late cases, one case and handling times pass axe', async () => {
  const { context, page } = await signedIn(browser, lots, 'ahmed.hassan@upplands-bro.example');
  await page.getByRole('link', { name: 'Ärenden', exact: true }).click();
  assert.deepEqual(await axeViolations(page), [], 'case list');
  await page.getByRole('link', { name: 'Ärenden som är sena' }).click();
  assert.match(await page.locator('main').textContent(), /dagar sent/);
  assert.deepEqual(await axeViolations(page), [], 'late cases');
  await page.locator('main table a[href^="/arenden/"]').first().click();
  assert.match(await page.locator('main').textContent(), /Tidsfrist för beslut/);
  assert.deepEqual(await axeViolations(page), [], 'a case');
  await page.goto(`${lots.base}/arenden/handlaggningstider?per=unit`);
  assert.match(await page.locator('main').textContent(), /Bygglovsenheten/);
  assert.deepEqual(await axeViolations(page), [], 'handling times');
  await context.close();
});
