// A business developer signs in, sees the start page and signs out; every page on the way
// passes axe-core's WCAG 2.1 A/AA rules, at desktop width and at 320 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, BD, PASSWORD, axeViolations, withDemo } from './support.js';

let lots;
let browser;
withDemo((started) => ({ lots, browser } = started));

async function newPage(width = 1280) {
  const context = await browser.newContext({
    bypassCSP: true,
    viewport: { width, height: 900 },
    locale: 'sv-SE',
  });
  return context.newPage();
}

async function signIn(page, email) {
  await page.goto(`${lots.base}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(`${lots.base}/oversikt`);
}

test('the business developer signs in, sees the start page and signs out', async () => {
  const page = await newPage();
  await page.goto(`${lots.base}/`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Logga in');
  assert.deepEqual(await axeViolations(page), [], 'sign-in page');

  await signIn(page, BD);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Översikt');
  assert.match(await page.locator('main').textContent(), /Sara Holmberg/);
  assert.match(await page.locator('main').textContent(), /Upplands-Bro/);
  assert.deepEqual(await axeViolations(page), [], 'start page');

  await page.getByRole('link', { name: 'Organisation' }).click();
  assert.match(await page.locator('main').textContent(), /Bygglovsenheten/);
  assert.deepEqual(await axeViolations(page), [], 'organisation page');

  await page.getByRole('link', { name: 'Personal', exact: true }).click();
  assert.match(await page.locator('main').textContent(), /133 personer/);
  assert.deepEqual(await axeViolations(page), [], 'staff page');

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.waitForURL(/\/logga-in\?utloggad=1$/);
  assert.match(await page.locator('main').textContent(), /Du är utloggad/);
  await page.context().close();
});

test('a failed sign-in shows an accessible error summary that links to the field', async () => {
  const page = await newPage();
  await page.goto(`${lots.base}/logga-in`);
  await page.getByRole('button', { name: 'Logga in' }).click();
  const summary = page.locator('.error-summary');
  assert.match(await summary.textContent(), /Skriv din e-postadress/);
  assert.deepEqual(await axeViolations(page), [], 'sign-in page with errors');
  await summary.getByRole('link', { name: 'Skriv din e-postadress.' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'email');
  await page.context().close();
});

test('the first Tab reaches the skip link, and nothing scrolls sideways at 320 px', async () => {
  const page = await newPage(320);
  await signIn(page, ADMIN);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Hoppa till innehållet');
  for (const path of ['/oversikt', '/personal', '/admin/granskningslogg', '/admin/api-nycklar']) {
    const response = await page.goto(`${lots.base}${path}`);
    assert.equal(response.status(), 200, path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 320 px`);
    assert.deepEqual(await axeViolations(page), [], `${path} at 320 px`);
  }
  await page.context().close();
});

test('the interface speaks English on request', async () => {
  const page = await newPage();
  await page.goto(`${lots.base}/logga-in`);
  await page.getByRole('link', { name: 'In English' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign in');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.deepEqual(await axeViolations(page), [], 'English sign-in page');
  await page.context().close();
});
