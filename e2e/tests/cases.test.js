// Cases, the contact log and fault reports in the browser: a case officer opens the cases,
// the late ones, a late bygglov and the handling times; the contact centre logs a call; a
// resident reports a fault on a phone. Every page passes axe-core's WCAG 2.1 A/AA rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BD, axeViolations, mailLinks, menu, signedIn, withDemo } from './support.js';

let lots;
let browser;
withDemo((started) => ({ lots, browser } = started));

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

test('a case file is uploaded, previewed with its bad line and imported; the pages pass axe', async () => {
  const { context, page } = await signedIn(browser, lots, BD);
  await page.getByRole('link', { name: 'Ärenden', exact: true }).click();
  await page.getByRole('link', { name: 'Importera ärenden' }).click();
  assert.deepEqual(await axeViolations(page), [], 'the case upload');
  await page.getByLabel('Fil (CSV eller Excel)').setInputFiles({
    name: 'arenden.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Diarienummer;Område;Inkom;Beslutsdatum\n' +
      'BN 2026/7001;Bygglov;2026-09-01;2026-10-15\n' +
      'BN 2026/7002;Bygglov;2026-09-10;2026-09-01\n',
    ),
  });
  await page.getByRole('button', { name: 'Förhandsgranska' }).click();
  assert.match(await page.locator('main').textContent(), /1 går att importera, 1 avvisas/);
  assert.deepEqual(await axeViolations(page), [], 'the case preview');
  await page.getByRole('button', { name: /Importera 1 ärenden/ }).click();
  assert.match(await page.getByRole('status').textContent(), /1 nya ärenden/);
  await context.close();
});

test('the contact centre logs a call in one form; the log and its statistics pass axe', async () => {
  const { context, page } = await signedIn(browser, lots, 'moa.jakobsson@upplands-bro.example');
  await menu(page).getByRole('link', { name: 'Kontaktlogg' }).click();
  assert.deepEqual(await axeViolations(page), [], 'contact log');
  const started = Date.now();
  await page.getByLabel('Varför?').selectOption({ label: 'Starta eller etablera företag' });
  await page.getByLabel('Företag (om det är känt)').fill('Brunna Logistik AB');
  await page.getByRole('button', { name: 'Logga kontakten' }).click();
  await page.waitForURL(/sparad=1/);
  assert.ok(Date.now() - started < 5000, 'logging a call takes seconds');
  assert.match(await page.locator('table').textContent(), /Brunna Logistik AB/);
  assert.deepEqual(await axeViolations(page), [], 'contact log after logging');
  await page.getByRole('link', { name: 'Varför företagen hör av sig' }).click();
  assert.match(await page.locator('main').textContent(), /Förbättra det lokala näringslivsklimatet/);
  assert.deepEqual(await axeViolations(page), [], 'contact statistics');
  await context.close();
});

test('a resident reports a fault on a phone; the queue and the report pass axe', async () => {
  const phone = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 700 } });
  const form = await phone.newPage();
  await form.goto(`${lots.base}/felanmalan/0139`);
  assert.deepEqual(await axeViolations(form), [], 'choosing a fault');
  await form.getByRole('link', { name: 'Hål eller skada i gata' }).click();
  await form.getByRole('button', { name: 'Skicka felanmälan' }).click();
  assert.match(await form.locator('.error-summary').textContent(), /Skriv var felet finns/);
  assert.deepEqual(await axeViolations(form), [], 'fault form with errors');
  await form.getByLabel('Mindre än en handflata').check();
  await form.getByLabel('Var finns felet?').fill('Enköpingsvägen vid Bro centrum');
  await form.getByLabel('E-postadress').fill('boende@example.se');
  // A photo as a phone's camera writes it, with where it was taken in its EXIF block.
  const exif = Buffer.from('Exif\0\0GPSLatitude59');
  const jpeg = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x07, 0x4a, 0x46, 0x49, 0x46, 0x00]),
    Buffer.from([0xff, 0xe1, 0x00, exif.length + 2]), exif,
    Buffer.from([0xff, 0xda, 0x00, 0x04, 1, 1, 0x12, 0x34, 0xff, 0xd9]),
  ]);
  await form.getByLabel('Bilder').setInputFiles({ name: 'hal.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  const before = new Set(mailLinks(lots.mailDir, '/felanmalan/foljning/'));
  await form.getByRole('button', { name: 'Skicka felanmälan' }).click();
  await form.waitForURL(/\/tack\//);
  const reportId = form.url().split('/').pop();
  assert.deepEqual(await axeViolations(form), [], 'fault thanks');
  const overflow = await form.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  // The receipt's link opens the reporter's own page of the report, on the same phone.
  let link;
  for (let i = 0; i < 100 && !link; i++) {
    link = mailLinks(lots.mailDir, '/felanmalan/foljning/').find((l) => !before.has(l));
    if (!link) await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok(link, 'a receipt with a link was mailed');
  await form.goto(`${lots.base}${link}`);
  assert.match(await form.locator('h1').textContent(), /Din felanmälan \d+/);
  assert.deepEqual(await axeViolations(form), [], 'following a fault report');
  const sideways = await form.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(sideways <= 0, `the reporter's page scrolls sideways by ${sideways}px`);
  await phone.close();

  const { context, page } = await signedIn(browser, lots, 'ahmed.hassan@upplands-bro.example');
  await page.goto(`${lots.base}/felanmalningar?enhet=alla`);
  assert.deepEqual(await axeViolations(page), [], 'fault queue');
  await page.locator('main table a').first().click();
  assert.deepEqual(await axeViolations(page), [], 'a fault report');
  // The photo the resident sent, shown to staff without its EXIF block.
  await page.goto(`${lots.base}/felanmalningar/${reportId}`);
  const photo = page.getByRole('img', { name: `Bild 1 till felanmälan ${reportId}` });
  const served = await page.request.get(`${lots.base}${await photo.getAttribute('src')}`);
  assert.equal(served.headers()['content-type'], 'image/jpeg');
  assert.ok(!(await served.body()).includes('GPSLatitude'), 'the location is removed');
  assert.deepEqual(await axeViolations(page), [], 'a fault report with a photo');
  await context.close();
});
