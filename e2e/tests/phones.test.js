// Every demo role on a 375 px phone: the menu folds behind one link and opens without
// script, and every page the role reaches from its start page (one of each kind of address)
// fits the screen without sideways scrolling and passes axe-core's WCAG 2.1 A/AA rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, BD, axeViolations, menu, signedIn, withDemo } from './support.js';

let lots;
let browser;
withDemo((started) => ({ lots, browser } = started));

const ROLES = [
  ['case officer', 'ahmed.hassan@upplands-bro.example'],
  ['business developer', BD],
  ['contact centre', 'moa.jakobsson@upplands-bro.example'],
  ['manager', 'oskar.wikstrom@upplands-bro.example'],
  ['administrator', ADMIN],
  ['organiser', 'elias.sjoberg@sba.example'],
];

// How many pages of each role are visited at the most (one per kind of address).
const PAGES_PER_ROLE = 80;

// One address of each kind: ids become N, the query is kept only by its keys.
function kind(url) {
  const keys = [...url.searchParams.keys()].sort().join('&');
  return `${url.pathname.replace(/\d+/g, 'N')}?${keys}`;
}

// Pages worth a visit: this site's HTML pages, not downloads, calendars, the API or sign-out.
function visitable(url) {
  return url.origin === new URL(lots.base).origin
    && !/\.(csv|xlsx|ics|json|svg|png)$/.test(url.pathname)
    && !/^\/(api|kalender|static|logga-ut|besok\/boka|evenemang\/svar|enkat)(\/|$)/.test(url.pathname);
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('every page of every role fits a 375 px phone and passes axe', async () => {
  const problems = [];
  for (const [role, email] of ROLES) {
    const { context, page } = await signedIn(browser, lots, email, { width: 375, height: 740 });
    // The menu is folded: its links show only once "Meny" is followed.
    const nav = menu(page);
    if (await nav.count()) {
      assert.equal(await nav.getByRole('link', { name: 'Översikt' }).isVisible(), false, `${role}: menu folded`);
      await page.getByRole('link', { name: 'Meny', exact: true }).click();
      assert.equal(await nav.getByRole('link', { name: 'Översikt' }).isVisible(), true, `${role}: menu opens`);
    }
    const seen = new Set();
    const queue = [`${lots.base}/oversikt`];
    let visited = 0;
    while (queue.length && visited < PAGES_PER_ROLE) {
      const address = queue.shift();
      const response = await page.goto(address);
      visited += 1;
      if (!response || response.status() >= 400 || !(response.headers()['content-type'] || '').includes('text/html')) {
        continue;
      }
      const wide = await overflow(page);
      if (wide > 0) problems.push(`${role}: ${address} scrolls sideways by ${wide}px`);
      for (const v of await axeViolations(page)) {
        problems.push(`${role}: ${address} axe ${v.id}: ${v.nodes.slice(0, 3).join(', ')}`);
      }
      const hrefs = await page.$$eval('main a[href], nav a[href]', (as) => as.map((a) => a.href));
      for (const href of hrefs) {
        const url = new URL(href);
        url.hash = '';
        if (!visitable(url) || seen.has(kind(url))) continue;
        seen.add(kind(url));
        queue.push(url.toString());
      }
    }
    assert.ok(visited > 3, `${role} reaches more than its start page`);
    await context.close();
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});
