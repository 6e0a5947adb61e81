// A business developer builds a round from the visit battery for companies in Brunna; a
// respondent answers on a phone-sized screen through the personal link, meeting the error
// summary first; the results pages pass axe-core's WCAG 2.1 A/AA rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BD, alsoOnAPhone, axeViolations, settledSurveyLinks, signedIn, surveyLinks, withDemo } from './support.js';

let lots;
let browser;
withDemo((started) => ({ lots, browser } = started));

test('build a round, answer it on a phone, read the results', async () => {
  const { context: staff, page } = await signedIn(browser, lots, BD);
  await page.getByRole('link', { name: 'Enkäter', exact: true }).click();
  assert.deepEqual(await axeViolations(page), [], 'survey list');
  await page.getByRole('link', { name: 'Ny enkätomgång' }).click();
  await page.getByLabel('Område').selectOption({ label: 'Brunna' });
  await page.getByRole('button', { name: 'Visa företagen' }).click();
  await page.waitForURL(/omrade=/);
  assert.deepEqual(await axeViolations(page), [], 'new round form');
  await page.getByLabel('Namn på omgången').fill('Uppföljning av besöken i Brunna');
  await page.getByLabel('Frågebatteri').selectOption({ label: 'Företagsbesök (version 1)' });
  await page.getByLabel('Stänger').fill('2099-12-31');
  // The demo's Insikt batch after closed cases has just asked many companies.
  await page.getByLabel('Karenstid i månader').fill('0');
  // The demo's own rounds have written invitations already: this round's are the new ones.
  const before = new Set(await settledSurveyLinks(lots.mailDir));
  await page.getByRole('button', { name: 'Skapa omgången och skicka inbjudningar' }).click();
  // The receipt counts the invited companies and names each one left out.
  assert.match(await page.locator('.notice').textContent(), /företag bjöds in/);
  assert.deepEqual(await axeViolations(page), [], 'invitation receipt');
  await alsoOnAPhone(page, 'the survey invitation receipt');
  await page.getByRole('link', { name: 'Tillbaka till Uppföljning av besöken i Brunna' }).click();
  await page.waitForURL(/\/enkater\/\d+$/);
  assert.match(await page.locator('main').textContent(), /Uppföljning av besöken i Brunna/);
  assert.deepEqual(await axeViolations(page), [], 'round page');

  let links = [];
  for (let i = 0; i < 100 && links.length === 0; i++) {
    links = surveyLinks(lots.mailDir).filter((l) => !before.has(l));
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok(links.length > 0, 'an invitation was written');

  const phone = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 700 } });
  const form = await phone.newPage();
  await form.goto(`${lots.base}${links[0]}`);
  assert.deepEqual(await axeViolations(form), [], 'respondent form');
  const overflow = await form.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the form scrolls sideways by ${overflow}px`);
  await form.getByRole('button', { name: 'Skicka svaren' }).click();
  assert.match(await form.locator('.error-summary').textContent(), /Svara på frågan/);
  assert.deepEqual(await axeViolations(form), [], 'respondent form with errors');
  for (const [question, value] of [
    ['f_bemotande', 5], ['f_tillganglighet', 4], ['f_information', 6],
    ['nki_overall', 6], ['nki_expectations', 5], ['nki_ideal', 5],
  ]) {
    await form.check(`#q_${question}_${value}`);
  }
  await form.getByLabel('Vilka är företagets största utmaningar just nu?').fill('Kompetensförsörjning.');
  await form.getByRole('button', { name: 'Skicka svaren' }).click();
  await form.waitForURL(/\/tack$/);
  assert.match(await form.locator('h1').textContent(), /Tack för dina svar/);
  assert.deepEqual(await axeViolations(form), [], 'thank-you page');
  await phone.close();

  await page.goto(`${lots.base}/enkater`);
  await page.getByRole('link', { name: /Insikt 2025/ }).click();
  assert.match(await page.locator('main').textContent(), /Prioriteringsmatris/);
  assert.deepEqual(await axeViolations(page), [], 'results of the Insikt round');
  await page.goto(`${lots.base}/enkater/resultat?batteri=insikt-nki&fran=2024-01-01&till=2025-12-31`);
  assert.match(await page.locator('main').textContent(), /Prioriteringsmatris/);
  assert.deepEqual(await axeViolations(page), [], 'results over a period');
  await page.goto(`${lots.base}/fragebatterier`);
  assert.deepEqual(await axeViolations(page), [], 'battery list');
  await page.getByRole('link', { name: 'Företagsbesök' }).click();
  assert.deepEqual(await axeViolations(page), [], 'battery');
  await page.getByRole('button', { name: 'Gör en ny version' }).click();
  await page.waitForURL(/\/andra$/);
  await page.getByRole('button', { name: 'Lägg till frågan' }).click();
  assert.match(await page.locator('.error-summary').textContent(), /Skriv frågan på svenska/);
  assert.deepEqual(await axeViolations(page), [], 'battery editor with an error');
  await staff.close();
});

test("the organiser's comparison and joint measurements pass axe", async () => {
  const { context, page } = await signedIn(browser, lots, 'elias.sjoberg@sba.example');
  await page.getByRole('link', { name: 'NKI i medlemskommunerna' }).click();
  assert.match(await page.locator('main').textContent(), /Upplands-Bro/);
  assert.deepEqual(await axeViolations(page), [], 'member comparison');

  await page.getByRole('link', { name: 'Gemensamma mätningar' }).first().click();
  assert.deepEqual(await axeViolations(page), [], 'joint measurements');
  await page.getByRole('button', { name: 'Starta mätningen i de valda kommunerna' }).click();
  assert.match(await page.locator('.error-summary').textContent(), /Ge omgången ett namn/);
  assert.deepEqual(await axeViolations(page), [], 'joint measurement form with errors');
  await page.getByLabel('Namn på mätningen').fill('Insikt 2027');
  await page.getByLabel('Stänger').fill('2099-12-31');
  await page.getByRole('button', { name: 'Starta mätningen i de valda kommunerna' }).click();
  await page.waitForURL(/matning=\d+/);
  assert.match(await page.locator('h1').textContent(), /Insikt 2027/);
  assert.deepEqual(await axeViolations(page), [], 'a joint measurement');
  await context.close();

  // The member's business developer finds its part and invites companies to it.
  const { context: member, page: staff } = await signedIn(browser, lots, BD);
  await staff.goto(`${lots.base}/enkater`);
  await staff.getByRole('link', { name: 'Insikt 2027' }).click();
  assert.match(await staff.locator('main').textContent(), /gemensamma mätningen/);
  await staff.getByRole('link', { name: 'Bjud in företag' }).click();
  assert.deepEqual(await axeViolations(staff), [], 'inviting companies to a round');
  await member.close();
});
