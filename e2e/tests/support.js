// Starts the real `lots serve --demo` on a free port with a fresh SQLite file, and a
// headless Chromium from Debian driven by Playwright.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const BD = 'sara.holmberg@upplands-bro.example';
export const ADMIN = 'maja.lindqvist@upplands-bro.example';
export const PASSWORD = 'lots-demo';

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

export function lotsBinary() {
  if (process.env.LOTS_BIN) return process.env.LOTS_BIN;
  const target = process.env.CARGO_TARGET_DIR || resolve(import.meta.dirname, '..', '..', 'target');
  return join(target, 'debug', 'lots');
}

// A free port on 127.0.0.1 that nothing listens on (for a mail server that is not there).
export const unusedPort = freePort;

export async function startLots(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lots-e2e-'));
  const port = await freePort();
  const databaseUrl = `sqlite://${join(dir, 'lots.db')}`;
  const child = spawn(lotsBinary(), ['serve', '--demo'], {
    env: {
      ...process.env,
      LOTS_DATABASE_URL: databaseUrl,
      LOTS_LISTEN: `127.0.0.1:${port}`,
      LOTS_MAIL_TRANSPORT: 'directory',
      LOTS_MAIL_DIR: join(dir, 'mail'),
      LOTS_LOG: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) {
        return { base, databaseUrl, mailDir: join(dir, 'mail'), stop: () => child.kill('SIGTERM') };
      }
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`lots exited with ${child.exitCode}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  child.kill('SIGKILL');
  throw new Error('lots did not become ready');
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

// The e-mails written so far, oldest first, quoted-printable soft breaks undone.
export function mails(mailDir) {
  let files = [];
  try {
    files = readdirSync(mailDir).filter((f) => f.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  return files.map((f) => readFileSync(join(mailDir, f), 'utf8').replace(/=\r?\n/g, ''));
}

// The personal links under `prefix` (such as /enkat/) in the e-mails written so far.
export function mailLinks(mailDir, prefix = '/enkat/') {
  const pattern = new RegExp(`${prefix}([0-9a-f]{64})`, 'g');
  return mails(mailDir).flatMap((text) => [...text.matchAll(pattern)].map((m) => `${prefix}${m[1]}`));
}

export function surveyLinks(mailDir) {
  return mailLinks(mailDir, '/enkat/');
}

// The personal links under `prefix` (survey links by default) once no new e-mail has been
// written for half a second.
export async function settledSurveyLinks(mailDir, prefix = '/enkat/') {
  let links = mailLinks(mailDir, prefix);
  for (let i = 0; i < 60; i++) {
    await new Promise((ok) => setTimeout(ok, 500));
    const now = mailLinks(mailDir, prefix);
    if (now.length === links.length) return now;
    links = now;
  }
  return links;
}

// Runs axe-core for WCAG 2.1 A and AA and returns the violations. The page's strict CSP
// forbids inline script, so the test context bypasses CSP to inject axe.
export async function axeViolations(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

// A browser context signed in as `email` on the demo: { context, page }, on the start page.
export async function signedIn(browser, lots, email, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ bypassCSP: true, viewport });
  const page = await context.newPage();
  await page.goto(`${lots.base}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(`${lots.base}/oversikt`);
  return { context, page };
}

// The page as it stands (a receipt, which only a POST shows) on a 375 px phone too: axe
// clean and nothing scrolls sideways; then back at the width it had.
export async function alsoOnAPhone(page, what) {
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 800 });
  assert.deepEqual(await axeViolations(page), [], `${what} at 375 px`);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(sideways <= 0, `${what} scrolls sideways by ${sideways}px at 375 px`);
  await page.setViewportSize(wide);
}

// Runs the lots command line against the running server's database; returns its stdout.
export function lotsCli(lots, args) {
  return execFileSync(lotsBinary(), args, {
    env: { ...process.env, LOTS_DATABASE_URL: lots.databaseUrl, LOTS_LOG: 'error' },
  }).toString().trim();
}

// The demo and a browser for one test file: started before its tests and stopped after
// them; `ready` receives both once they run. `env` may be a function that gives it once
// what it names is running (a server of the test's own).
export function withDemo(ready, env = {}) {
  let started = {};
  before(async () => {
    const vars = typeof env === 'function' ? await env() : env;
    started = { lots: await startLots(vars), browser: await launchBrowser() };
    ready(started);
  });
  after(async () => {
    await started.browser?.close();
    started.lots?.stop();
  });
}

// The main menu, where a test follows a menu item rather than a start page's own link.
export function menu(page) {
  return page.getByRole('navigation', { name: 'Huvudmeny' });
}
