// The fault form's map where the installation names a tile server: a tile server of the
// test's own on loopback stands in for OpenStreetMap. On a 375 px phone the map loads its
// tiles under the page's own policy (which lets that server's images in), a tap on the map
// and "Välj kartans mitt" after moving it with the buttons fill the coordinates, and the
// page passes axe with no sideways scrolling.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { axeViolations, withDemo } from './support.js';

// One 1×1 PNG for every tile; the map draws it 256 px square.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const requested = [];
const tiles = createServer((req, res) => {
  requested.push(req.url);
  res.writeHead(200, { 'content-type': 'image/png' });
  res.end(PNG);
});
after(() => tiles.close());

let lots;
let browser;
withDemo(
  (started) => ({ lots, browser } = started),
  () => new Promise((ready) => tiles.listen(0, '127.0.0.1', () => ready({
    LOTS_MAP_TILES: `http://127.0.0.1:${tiles.address().port}/{z}/{x}/{y}.png`,
    LOTS_MAP_ATTRIBUTION: '© OpenStreetMaps bidragsgivare',
  }))),
);

test('a resident marks the fault on the map on a phone', async () => {
  const phone = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await phone.newPage();
  await page.goto(`${lots.base}/felanmalan/0139?tjanst=hal-i-gatan`);
  const map = page.locator('#map');
  await map.waitFor({ state: 'visible' });
  await page.waitForFunction(() => [...document.querySelectorAll('#map img')]
    .some((img) => img.complete && img.naturalWidth > 0));
  assert.ok(requested.some((u) => /^\/13\/\d+\/\d+\.png$/.test(u)), requested.join(' '));
  assert.match(await page.locator('.map-attribution').textContent(), /OpenStreetMaps/);

  await map.click({ position: { x: 60, y: 80 } });
  const lat = parseFloat(await page.locator('#lat').inputValue());
  const lon = parseFloat(await page.locator('#long').inputValue());
  assert.ok(lat > 59.3 && lat < 59.8 && lon > 17.4 && lon < 18.1, `${lat}, ${lon}`);
  assert.match(await page.locator('#map-status').textContent(), /Platsen är markerad/);
  assert.equal(await page.locator('.map-marker').count(), 1);

  // Without a pointer: move the map north, zoom in and choose its centre.
  await page.getByRole('button', { name: 'Flytta kartan norrut' }).click();
  await page.getByRole('button', { name: 'Zooma in' }).click();
  await page.getByRole('button', { name: 'Välj kartans mitt' }).click();
  const north = parseFloat(await page.locator('#lat').inputValue());
  assert.ok(north > lat - 0.05 && north < 59.8, `${north}`);
  assert.ok(requested.some((u) => u.startsWith('/14/')), 'zoomed tiles');

  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(sideways <= 0, `the page scrolls sideways by ${sideways}px`);
  await phone.close();

  // axe is injected as a script of its own, which the page's policy refuses: a second
  // phone without it, once the map shows.
  const checked = await browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 800 } });
  const again = await checked.newPage();
  await again.goto(`${lots.base}/felanmalan/0139?tjanst=hal-i-gatan`);
  await again.locator('#map').waitFor({ state: 'visible' });
  await again.locator('#map').click({ position: { x: 60, y: 80 } });
  assert.deepEqual(await axeViolations(again), [], 'fault form with its map');
  await checked.close();
});
