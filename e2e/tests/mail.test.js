// Mail that cannot go out: with the SMTP server away, the administrator's list of undelivered
// mail and an anonymous round's page, at desktop width and on a phone, pass axe-core and do
// not scroll sideways.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, BD, axeViolations, launchBrowser, signedIn, startLots, unusedPort } from './support.js';

let lots;
let browser;

before(async () => {
  const port = await unusedPort();
  lots = await startLots({
    LOTS_MAIL_TRANSPORT: 'smtp',
    LOTS_SMTP_HOST: '127.0.0.1',
    LOTS_SMTP_PORT: String(port),
    LOTS_SMTP_TLS: 'none',
    LOTS_LOG: 'error',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  lots?.stop();
});

async function signedInAt(email, width) {
  const { page } = await signedIn(browser, lots, email, { width, height: 800 });
  return page;
}

async function fitsAndPasses(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} scrolls sideways by ${overflow}px`);
  assert.deepEqual(await axeViolations(page), [], what);
}

test('an invitation that cannot go out is listed with its reason and can be sent again', async () => {
  const admin = await signedInAt(ADMIN, 1280);
  await admin.goto(`${lots.base}/personal/bjud-in`);
  await admin.getByLabel('Namn', { exact: true }).fill('Nora Ek');
  await admin.getByLabel('E-postadress').fill('nora.ek@upplands-bro.example');
  await admin.getByLabel('Handläggare').check();
  await admin.getByRole('button', { name: 'Skicka inbjudan' }).click();
  let row;
  for (let i = 0; i < 100; i++) {
    await admin.goto(`${lots.base}/admin/utskick`);
    row = admin.getByRole('row').filter({ hasText: 'nora.ek@upplands-bro.example' });
    if ((await row.count()) > 0) break;
    await admin.waitForTimeout(200);
  }
  assert.equal(await row.count(), 1, 'the invitation is listed');
  assert.match(await row.textContent(), /Nytt försök/);
  await fitsAndPasses(admin, 'undelivered mail at 1280 px');
  for (const width of [375, 320]) {
    await admin.setViewportSize({ width, height: 800 });
    await fitsAndPasses(admin, `undelivered mail at ${width} px`);
  }
  await row.getByRole('button', { name: 'Skicka igen' }).click();
  assert.match(await admin.getByRole('status').textContent(), /köades igen/);
  await admin.context().close();
});

test("an anonymous round's page says what it keeps to itself, on a phone too", async () => {
  const bd = await signedInAt(BD, 375);
  await bd.goto(`${lots.base}/enkater`);
  await bd.getByRole('link', { name: /^Insikt 2025/ }).first().click();
  assert.match(await bd.locator('main').textContent(), /Omgången är anonym/);
  await fitsAndPasses(bd, 'an anonymous round at 375 px');
  await bd.context().close();
});
