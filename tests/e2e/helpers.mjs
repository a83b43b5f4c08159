// Shared pieces of the browser tests: the run's context (written by run.mjs), Chromium, and pages
// that fail their test on any console error, uncaught page error or Rust panic.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** URLs, keys and the seed manifest that run.mjs prepared (see run.mjs for the shape). */
export function e2eContext() {
  const file = process.env.E2E_CONTEXT;
  if (!file) throw new Error('E2E_CONTEXT is not set: run the browser tests through `node tests/e2e/run.mjs`');
  return JSON.parse(readFileSync(file, 'utf8'));
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic',
    ],
  });
}

/**
 * A page in a fresh browser context (empty storage) on `baseURL`. Any console error, uncaught page
 * error or text mentioning "panicked" fails the test `t` when it ends; the context closes then too.
 */
/** What each page from newPage reported (console errors, panics, page errors), for assertNoCrash. */
const reported = new WeakMap();

export async function newPage(t, browser, baseURL) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  reported.set(page, problems);
  page.on('console', (message) => {
    const text = message.text();
    // Chromium itself logs every 4xx/5xx answer as a console error; the app cannot prevent that, and
    // the tests provoke such answers on purpose (bad key, injected faults). Everything else counts.
    // So does a connection that closed without an answer (net::ERR_EMPTY_RESPONSE, the fault tests).
    if (/^Failed to load resource: (the server responded with a status of \d+|net::ERR_[A-Z_]+)/.test(text)) return;
    if (message.type() === 'error' || /panicked/.test(text)) problems.push(`console.${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  t.after(async () => {
    // A panic can also end up in the page instead of the console.
    const body = await page.locator('body').innerText({ timeout: 1000 }).catch(() => '');
    if (/panicked/.test(body)) problems.push(`page text: ${body.slice(0, 500)}`);
    await context.close();
    assert.deepEqual(problems, [], `the page reported errors:\n${problems.join('\n')}`);
  });
  return page;
}

/** No crash banner on `page`; when there is one, the message quotes what the page reported first. */
export async function assertNoCrash(page) {
  const banners = await page.locator('.crash-banner').count();
  const problems = reported.get(page) ?? [];
  assert.equal(banners, 0, `no crash (${problems.length} reported; the first: ${problems[0]})`);
}

/** sessionStorage and localStorage of the page's origin, as plain objects. */
export async function storage(page) {
  return page.evaluate(() => ({
    session: Object.fromEntries(Object.entries(sessionStorage)),
    local: Object.fromEntries(Object.entries(localStorage)),
  }));
}

/** True when any stored value (either storage) contains `secret`. */
export async function stores(page, secret) {
  const { session, local } = await storage(page);
  return [...Object.values(session), ...Object.values(local)].some((v) => v.includes(secret));
}

/** Fills the connect form and presses Connect. `n8nUrl` is optional (same origin by default). */
export async function connect(page, apiKey, { n8nUrl } = {}) {
  await page.goto('/connect');
  if (n8nUrl) await page.getByRole('textbox', { name: 'n8n URL' }).fill(n8nUrl);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Connect' }).click();
}

/** Connects and waits for the workflows list to be loaded. */
export async function signIn(page, apiKey) {
  await connect(page, apiKey);
  await page.waitForURL('**/workflows**');
  await page.getByRole('heading', { level: 1, name: 'Workflows' }).waitFor();
  await page.locator('table[aria-busy="false"]').waitFor();
}

/** Arms a fault in the fake n8n (see tests/fake-n8n/server.mjs). */
export async function fakeFault(fakeUrl, fault) {
  const res = await fetch(`${fakeUrl}/__fake/faults`, {
    method: fault ? 'POST' : 'DELETE',
    headers: { 'content-type': 'application/json' },
    body: fault && JSON.stringify(fault),
  });
  assert.ok(res.ok, `arming a fault: ${res.status}`);
}

/**
 * The requests the page sends with `method` to a path matching `pattern`, from now on (a live array):
 * how the double-click tests count what one action sent.
 */
export function countRequests(page, method, pattern) {
  const seen = [];
  page.on('request', (r) => {
    if (r.method() === method && pattern.test(new URL(r.url()).pathname)) seen.push(r.url());
  });
  return seen;
}

/**
 * Holds every request for which `which(request)` is true `ms` in the browser before it goes out;
 * answers the requests held so far (a live array of their URLs).
 */
export async function holdRequests(page, which, ms = 500) {
  const held = [];
  await page.route('**/*', async (route) => {
    if (which(route.request())) {
      held.push(route.request().url());
      await new Promise((ok) => setTimeout(ok, ms));
    }
    await route.fallback();
  });
  return held;
}

/**
 * Holds every request that may change data (any method but GET) `ms` in the browser before it goes
 * out, so that the second click of a double click certainly comes while the first one's request is
 * out: that is the moment a console must not send it again.
 */
export const holdWrites = (page, ms = 500) => holdRequests(page, (request) => request.method() !== 'GET', ms);

/** Calls `read` until two results 150 ms apart agree (the list has finished re-rendering); returns it. */
export async function stableRead(read) {
  let previous = await read();
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 150));
    const now = await read();
    if (JSON.stringify(now) === JSON.stringify(previous)) return now;
    previous = now;
  }
  return previous;
}

/** Waits until a list is idle: its table not busy, or its empty state (text matching `empty`) shown. */
export async function listSettled(page, empty) {
  await page.locator('table[aria-busy="false"]').or(page.getByText(empty)).first().waitFor();
}

/**
 * Runs `action` (a filter or paging change), waits until the list's table shows what came after it
 * (its `data-loads` count moved, in this document or a new one; or the table gave way to an error),
 * then for the list to settle.
 */
export async function listAction(page, empty, action) {
  // The list's table counts what came (`data-loads`): a page fetched ahead comes with no request.
  const shown = () => page.evaluate(() => `${performance.timeOrigin}:${document.querySelector('table[data-loads]')?.dataset.loads}`);
  const before = await shown().catch(() => 'none');
  await action();
  await page.waitForFunction((was) => {
    const table = document.querySelector('table[data-loads]');
    return !table || (`${performance.timeOrigin}:${table.dataset.loads}` !== was && table.getAttribute('aria-busy') === 'false');
  }, before, { polling: 'raf' });
  await listSettled(page, empty);
}

/** The pager's "Page N" text. */
export const pageLabel = (page, n) => page.getByText(new RegExp(`\\bPage ${n}\\b`)).first();

/**
 * From the current page to the last one with `Next page`: what `read(page)` gives on each page.
 * `act(page, action)` runs a paging click and waits for its request and rendering (see listAction).
 */
export async function collectPages(page, read, act) {
  const next = page.getByRole('button', { name: 'Next page', exact: true });
  const pages = [];
  for (let n = 1; ; n++) {
    await pageLabel(page, n).waitFor();
    pages.push(await read(page));
    if (await next.isDisabled()) return pages;
    assert.ok(n < 50, 'Next page never became disabled');
    await act(page, () => next.click());
  }
}

/** The text of what the field's aria-describedby / aria-errormessage point at (its error, if any). */
export const fieldMessage = (field) => field.evaluate((input) => ['aria-describedby', 'aria-errormessage']
  .flatMap((a) => (input.getAttribute(a) ?? '').split(/\s+/).filter(Boolean))
  .map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim());

/** Waits (up to 10 s) until the field's own error (see fieldMessage) matches `pattern`; returns it. */
export async function fieldError(field, pattern) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = await fieldMessage(field);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) {
      assert.fail(`the field shows an error matching ${pattern} (aria-describedby/aria-errormessage): "${text}"`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * What the console should offer on n8n `version` (the release notes' facts, in
 * ../shared/notes/n8n-versions.md): the tests' own expectations, independent of the console's
 * detection, so a wrong detection fails them.
 */
export function expectedFeatures(version) {
  const have = version.split('.').map(Number);
  const atLeast = (...want) => {
    for (let i = 0; i < 3; i++) if ((have[i] ?? 0) !== want[i]) return (have[i] ?? 0) > want[i];
    return true;
  };
  return {
    archive: atLeast(2, 15, 1),
    publish: atLeast(2, 33, 0),
    stop: atLeast(2, 10, 0),
    dateRange: atLeast(2, 37, 11),
    pagedKeys: atLeast(2, 27, 5), // {items, counts, ...}, Mine / All, each key's owner
    rotateInPlace: atLeast(2, 28, 6), // POST /rest/api-keys/:id/rotate, lastUsedAt
    scopesEnforced: atLeast(2, 0, 0), // 1.x Community ignores key scopes
    moreStatuses: atLeast(2, 13, 0), // status=crashed|new|unknown
    listCredentials: atLeast(2, 8, 4), // GET /credentials (1.x has only POST)
  };
}

/** Waits until the console has learned what the instance offers (the shell's `data-capabilities`). */
export async function capabilitiesKnown(page) {
  await page.locator('[data-capabilities="known"]').waitFor();
}

/** A name as the console quotes it in sentences: curly quotes around a bidi-isolated name (format::quoted). */
export const quoted = (name) => `“\u2068${name}\u2069”`;
