// Events, networks and training in the browser: a business developer creates an event with
// 20 places and invites the register; 25 companies register through their links (20 get a
// place, 5 wait), one cancels and the first waiting gets the place and an e-mail; a case
// officer checks people in on a phone. Every page passes axe-core's WCAG 2.1 A/AA rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BD, alsoOnAPhone, axeViolations, mailLinks, mails, menu, signedIn, withDemo } from './support.js';

let lots;
let browser;
withDemo((started) => ({ lots, browser } = started));

async function eventLinks(atLeast) {
  for (let i = 0; i < 120; i++) {
    const links = [...new Set(mailLinks(lots.mailDir, '/evenemang/svar/'))];
    if (links.length >= atLeast) return links;
    await new Promise((ok) => setTimeout(ok, 500));
  }
  throw new Error(`fewer than ${atLeast} event links were mailed`);
}

function inTwoWeeks() {
  const d = new Date(Date.now() + 14 * 86400000);
  return d.toISOString().slice(0, 10);
}

test('an event with 20 places: 25 register, 5 wait, one cancels, check-in on a phone', async () => {
  const { context, page } = await signedIn(browser, lots, BD);
  await page.getByRole('link', { name: 'Evenemang', exact: true }).click();
  assert.match(await page.locator('main').textContent(), /Kompetensmässan/);
  assert.deepEqual(await axeViolations(page), [], 'event list');
  await page.getByRole('link', { name: 'Nytt evenemang' }).click();
  await page.getByRole('button', { name: 'Spara evenemanget' }).click();
  assert.match(await page.locator('.error-summary').textContent(), /Skriv evenemangets namn/);
  assert.deepEqual(await axeViolations(page), [], 'event form with errors');
  await page.getByLabel('Namn').fill('Frukostmöte om rekrytering');
  await page.getByLabel('Sort').selectOption('breakfast');
  await page.getByLabel('Dag', { exact: true }).fill(inTwoWeeks());
  await page.getByLabel('Börjar').fill('07:30');
  await page.getByLabel('Slutar').fill('09:00');
  await page.getByLabel('Plats', { exact: true }).fill('Kommunhuset, Kungsängen');
  await page.getByLabel('Antal platser').fill('20');
  await page.getByRole('button', { name: 'Spara evenemanget' }).click();
  await page.waitForURL(/\/evenemang\/\d+$/);
  const eventPath = new URL(page.url()).pathname;
  assert.deepEqual(await axeViolations(page), [], 'a new event');

  const before = new Set(mailLinks(lots.mailDir, '/evenemang/svar/'));
  await page.getByRole('link', { name: 'Bjud in företag' }).click();
  assert.deepEqual(await axeViolations(page), [], 'inviting companies');
  await page.getByRole('button', { name: 'Skicka inbjudningarna' }).click();
  assert.match(await page.locator('.notice').textContent(), /företag bjöds in/);
  assert.deepEqual(await axeViolations(page), [], 'invitation receipt');
  await alsoOnAPhone(page, 'the event invitation receipt');
  const links = (await eventLinks(before.size + 25)).filter((l) => !before.has(l)).slice(0, 25);
  assert.equal(links.length, 25);

  // The companies answer on their phones, without signing in.
  const phone = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 700 } });
  const answer = await phone.newPage();
  for (const [i, link] of links.entries()) {
    await answer.goto(`${lots.base}${link}`);
    if (i === 0) assert.deepEqual(await axeViolations(answer), [], 'an invitation');
    await answer.getByRole('button', { name: /Anmäl mig|Ställ mig på väntelistan/ }).click();
    await answer.waitForURL(`${lots.base}${link}`);
    if (i === 0) {
      assert.match(await answer.locator('main').textContent(), /Du är anmäld/);
      assert.deepEqual(await axeViolations(answer), [], 'registered');
    }
  }
  assert.match(await answer.locator('main').textContent(), /Du står på väntelistan, plats 5/);
  assert.deepEqual(await axeViolations(answer), [], 'on the waiting list');
  const overflow = await answer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);

  await page.goto(`${lots.base}${eventPath}`);
  const stats = await page.locator('.stats').textContent();
  assert.match(stats, /20 \/ 20\s+anmälda/);
  assert.match(stats, /5\s+på väntelistan/);

  // The third cancels; the first on the waiting list moves up and is told by e-mail.
  await answer.goto(`${lots.base}${links[2]}`);
  await answer.getByRole('button', { name: 'Avboka' }).click();
  assert.match(await answer.locator('main').textContent(), /Din anmälan är avbokad/);
  await answer.goto(`${lots.base}${links[20]}`);
  assert.match(await answer.locator('main').textContent(), /Du är anmäld/);
  let told = false;
  for (let i = 0; i < 60 && !told; i++) {
    told = mails(lots.mailDir).some((m) => /En plats har blivit ledig|A place has come free/.test(m));
    if (!told) await new Promise((ok) => setTimeout(ok, 250));
  }
  assert.ok(told, 'the first waiting was told by e-mail');
  await phone.close();
  await page.goto(`${lots.base}${eventPath}`);
  assert.match(await page.locator('.stats').textContent(), /4\s+på väntelistan/);
  await context.close();

  // Check-in at the door, on a phone.
  const officer = await signedIn(browser, lots, 'ahmed.hassan@upplands-bro.example', { width: 375, height: 740 });
  await officer.page.goto(`${lots.base}${eventPath}/incheckning`);
  assert.deepEqual(await axeViolations(officer.page), [], 'check-in');
  await officer.page.getByRole('button', { name: /^Checka in/ }).first().click();
  await officer.page.waitForURL(/incheckning/);
  assert.match(await officer.page.locator('main').textContent(), /1 av 20 anmälda har kommit/);
  assert.deepEqual(await axeViolations(officer.page), [], 'check-in after one');
  const sideways = await officer.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(sideways <= 0, `check-in scrolls sideways by ${sideways}px`);
  await officer.context.close();
});

test('networks, training and its coverage pass axe', async () => {
  const { context, page } = await signedIn(browser, lots, BD);
  await page.getByRole('link', { name: 'Nätverk', exact: true }).click();
  assert.deepEqual(await axeViolations(page), [], 'networks');
  await page.getByRole('link', { name: 'Trafiknätverket i Brunna' }).click();
  assert.match(await page.locator('main').textContent(), /Brunna Logistik AB/);
  assert.deepEqual(await axeViolations(page), [], 'a network');
  await page.getByRole('link', { name: 'Utbildning', exact: true }).click();
  assert.deepEqual(await axeViolations(page), [], 'training');
  await page.locator('main table a[href^="/utbildning/tillfallen/"]').first().click();
  assert.deepEqual(await axeViolations(page), [], 'a training session');
  await page.goto(`${lots.base}/utbildning/tackning`);
  assert.match(await page.locator('main').textContent(), /Samhällsbyggnadskontoret\s*\d+\s*\d+\s*\d+ %/);
  assert.deepEqual(await axeViolations(page), [], 'coverage');
  await context.close();
});

test('a visit campaign is created and planned; its pages pass axe', async () => {
  const { context, page } = await signedIn(browser, lots, BD);
  await menu(page).getByRole('link', { name: 'Besökskampanjer' }).click();
  assert.deepEqual(await axeViolations(page), [], 'campaigns');
  await page.getByLabel('Namn').fill('Besök hos logistikföretagen');
  await page.getByLabel('Sista dagen').fill('2027-04-30');
  await page.getByLabel('Besök per handläggare').fill('1');
  await page.getByLabel('Livsmedelsenheten').check();
  await page.getByLabel('SNI-kod').fill('52');
  await page.getByRole('button', { name: 'Förhandsvisa urvalet' }).click();
  assert.match(await page.getByRole('status').filter({ hasText: 'Urvalet:' }).textContent(), /Urvalet: 6 företag/);
  assert.deepEqual(await axeViolations(page), [], 'the selection previewed');
  await page.getByRole('button', { name: 'Skapa kampanjen' }).click();
  await page.waitForURL(/\/kampanjer\/\d+$/);
  assert.deepEqual(await axeViolations(page), [], 'a new campaign');
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await page.getByRole('button', { name: 'Planera besöken' }).click();
  // Planned, the campaign opens on its visits, one part of the campaign's page.
  await page.waitForURL(/\?del=besok$/);
  assert.match(await page.getByRole('region', { name: 'Planen' }).textContent(), /besöker/);
  assert.deepEqual(await axeViolations(page), [], 'a planned campaign');
  const visitPath = await page.getByRole('region', { name: 'Planen' }).locator('a[href*="/besok/"]').first().getAttribute('href');
  await page.getByRole('navigation', { name: 'Kampanjens delar' }).getByRole('link', { name: 'Plan', exact: true }).click();

  // Times are offered and each company gets a booking link; one books on a phone.
  const before = new Set(mailLinks(lots.mailDir, '/besok/boka/'));
  await page.getByRole('button', { name: 'Föreslå tider och skicka bokningslänkar' }).click();
  // The receipt counts the companies that got a booking link and names any left out.
  assert.match(await page.locator('.notice').textContent(), /fick tider att välja bland/);
  assert.deepEqual(await axeViolations(page), [], 'the booking offers receipt');
  await alsoOnAPhone(page, 'the booking offers receipt');
  let link;
  for (let i = 0; i < 100 && !link; i++) {
    link = mailLinks(lots.mailDir, '/besok/boka/').find((l) => !before.has(l));
    if (!link) await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok(link, 'a booking link was mailed');
  const company = await browser.newContext({ viewport: { width: 375, height: 740 }, bypassCSP: true });
  const booking = await company.newPage();
  await booking.goto(`${lots.base}${link}`);
  assert.deepEqual(await axeViolations(booking), [], 'the booking page');
  await booking.locator('input[name="slot"]').first().check();
  await booking.getByRole('button', { name: 'Boka besöket' }).click();
  await booking.waitForURL(/klart=bokat$/);
  assert.match(await booking.locator('main').textContent(), /Besöket är bokat/);
  assert.deepEqual(await axeViolations(booking), [], 'a booked visit');
  await company.close();
  let calendarSent = false;
  for (let i = 0; i < 100 && !calendarSent; i++) {
    calendarSent = mails(lots.mailDir).some((m) => /besok\.ics/.test(m));
    if (!calendarSent) await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok(calendarSent, 'the booking was confirmed with a calendar file');
  await page.goto(`${lots.base}/kampanjer`);
  await page.getByRole('link', { name: 'Vårens företagsbesök 2026' }).click();
  assert.match(await page.locator('main').textContent(), /50\s*genomförda/);
  assert.deepEqual(await axeViolations(page), [], 'the spring campaign');
  // What the companies said is a part of the campaign itself, not only of its report.
  await page.getByRole('link', { name: 'Vad företagen sa' }).click();
  assert.match(await page.locator('main h2').first().textContent(), /Vad företagen sa/);
  assert.deepEqual(await axeViolations(page), [], 'what the companies said');
  await page.getByRole('navigation', { name: 'Kampanjens delar' }).getByRole('link', { name: 'Översikt' }).click();
  await page.getByRole('link', { name: /Rapport till nämnden/ }).click();
  assert.match(await page.locator('main').textContent(), /Vad företagen sa/);
  assert.deepEqual(await axeViolations(page), [], 'the campaign report');

  // The checklist the offices took; a new one starts from the campaign's findings.
  await page.goBack();
  await page.getByRole('link', { name: /Punktlista: Punktlista efter vårens företagsbesök/ }).click();
  assert.match(await page.getByRole('region', { name: /Enheternas kvittens/ }).textContent(), /Per Sandberg/);
  assert.deepEqual(await axeViolations(page), [], 'a checklist');
  // Printed, it is the points and the units' acknowledgements: no menus, forms or versions.
  const editing = page.getByRole('heading', { name: 'Ändra punkterna' });
  const versions = page.getByRole('heading', { name: 'Versioner' });
  assert.ok(await editing.isVisible() && await versions.isVisible(), 'on screen, the forms show');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('ol.checklist li').first().isVisible(), 'the points print');
  assert.ok(await page.getByRole('region', { name: /Enheternas kvittens/ }).isVisible(), 'the acknowledgements print');
  for (const hidden of [editing, versions, page.locator('nav').first(), page.locator('main form').first()]) {
    assert.equal(await hidden.isVisible(), false, 'menus and forms stay off paper');
  }
  await page.emulateMedia({ media: 'screen' });
  await page.goBack();
  await page.getByRole('link', { name: 'Gör en punktlista av kampanjens resultat' }).click();
  assert.match(await page.getByLabel('Punkter').inputValue(), /Trafiknätverket i Brunna/);
  assert.deepEqual(await axeViolations(page), [], 'a suggested checklist');
  await context.close();

  // The food unit's manager acknowledges it from the overview.
  const manager = await signedIn(browser, lots, 'oskar.wikstrom@upplands-bro.example');
  await manager.page.getByRole('link', { name: 'Punktlista efter vårens företagsbesök' }).click();
  await manager.page.getByRole('button', { name: 'Kvittera för Livsmedelsenheten' }).click();
  assert.match(await manager.page.getByRole('region', { name: /Enheternas kvittens/ }).textContent(), /Oskar Wikström/);
  assert.deepEqual(await axeViolations(manager.page), [], 'an acknowledged checklist');
  await manager.context.close();

  // The visit is recorded on a phone, with a referral to the traffic network in Brunna.
  const phone = await signedIn(browser, lots, BD, { width: 375, height: 740 });
  await phone.page.goto(`${lots.base}${visitPath}`);
  assert.deepEqual(await axeViolations(phone.page), [], 'recording a visit');
  await phone.page.getByLabel('Anteckningar').fill('Vill ha bättre skyltning till lagret.');
  await phone.page.getByLabel('Till ett nätverk').check();
  await phone.page.getByLabel('Nätverk', { exact: true }).selectOption({ label: 'Trafiknätverket i Brunna' });
  await phone.page.getByRole('button', { name: 'Spara besöket' }).click();
  await phone.page.waitForURL(`${lots.base}${visitPath}`);
  assert.match(await phone.page.locator('main').textContent(), /registrerat som genomfört/);
  assert.match(await phone.page.locator('main').textContent(), /Trafiknätverket i Brunna/);
  assert.deepEqual(await axeViolations(phone.page), [], 'a recorded visit');
  const sideways = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(sideways <= 0, `the visit page scrolls sideways by ${sideways}px`);
  await phone.context.close();
});
