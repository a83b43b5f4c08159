// What the fault tests share (faults-lists, faults-details and faults-writes .test.mjs): the fault-injecting
// gateways (tests/support/gateway.mjs, `faults`) in front of real n8n and of the fake n8n, their request
// logs, and the console signed in through each.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { assertNoCrash, connect, e2eContext, launchBrowser, newPage, stableRead } from './helpers.mjs';

export const { real, fake } = e2eContext();

/** One Chromium for the file's tests. */
export function useBrowser() {
  const holder = {};
  before(async () => { holder.browser = await launchBrowser(); });
  after(async () => { await holder.browser?.close(); });
  return holder;
}

/** One fault-injecting gateway's controls: its faults, its request log, and a signed-in console on it. */
function gatewayAt(url, apiKey) {
  async function control(method, path, body) {
    const res = await fetch(`${url}/__gateway/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    assert.ok(res.ok, `gateway ${method} ${path}: ${res.status}`);
    return res.json();
  }
  const gw = {
    url,
    arm: (fault) => control('POST', 'faults', fault),
    disarm: () => control('DELETE', 'faults'),
    forgetRequests: () => control('DELETE', 'requests'),
    requests: async () => (await control('GET', 'requests')).requests,
    /** Waits until every request the gateway saw has been answered, and none came for 300 ms (up to
     * 30 s: one slow answer of a busy n8n is not a console that keeps sending). */
    async quiet() {
      let log = [];
      for (let i = 0; i < 300; i++) {
        log = await gw.requests();
        const last = Math.max(0, ...log.map((r) => r.at));
        if (log.every((r) => r.status !== undefined) && Date.now() - last > 300) return;
        await sleep(100);
      }
      const open = log.filter((r) => r.status === undefined).map((r) => `${r.method} ${r.path}`);
      const latest = log.slice(-5).map((r) => `${r.method} ${r.path} ${r.status ?? 'open'} at ${r.at}`);
      assert.fail(`the console kept sending requests (unanswered: ${open.join(', ') || 'none'}; latest: ${latest.join('; ')}; now ${Date.now()})`);
    },
    /** A page on this gateway, signed in; faults are cleared when `t` ends. */
    async openConsole(t, browser) {
      t.after(gw.disarm);
      const page = await newPage(t, browser, url);
      await connect(page, apiKey);
      await page.getByRole('heading', { level: 1, name: 'Workflows' }).waitFor();
      await page.locator('[data-capabilities="known"]').waitFor();
      return page;
    },
  };
  return gw;
}

/** Real n8n behind the fault gateway, and the fake n8n (the seeds' `/api/v1/api-keys`) behind its own. */
export const GATEWAYS = { real: gatewayAt(real.faultUrl, real.apiKey), fake: gatewayAt(fake.url, fake.apiKey) };
export const { arm, disarm, forgetRequests, requests, quiet, openConsole } = GATEWAYS.real;

export const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
export const table = (page, name) => page.getByRole('table', { name, exact: true });

/** The row headers of a table, once two reads agree and it is not busy. */
export async function rowHeaders(page, name) {
  await table(page, name).and(page.locator('[aria-busy="false"]')).waitFor();
  return stableRead(() => table(page, name).locator('tbody th').allInnerTexts());
}

/** The n8n sign-in of the API keys page, where it asks (real n8n manages keys in its editor). */
export async function signInToEditor(page) {
  const email = page.getByRole('textbox', { name: 'Email', exact: true });
  const keys = table(page, 'API keys');
  await email.or(keys).first().waitFor({ timeout: 15_000 });
  if (await email.isVisible()) {
    await email.fill(real.email);
    await page.getByLabel('Password', { exact: true }).fill(real.password);
    await page.getByRole('button', { name: 'Sign in to n8n', exact: true }).click();
  }
  await keys.waitFor();
}

/** The alert a failed load shows: it says something, and nothing of a raw body. */
export async function assertReadableAlert(page) {
  const alert = page.getByRole('alert').first();
  await alert.waitFor({ timeout: 20_000 });
  const text = await alert.innerText();
  assert.match(text, /\w{3,}/, 'the alert says something');
  for (const raw of ['<html', '<body', 'SQLITE_BUSY', '{"']) {
    assert.ok(!text.includes(raw), `no raw body in the alert ("${raw}"): ${text}`);
  }
  await assertNoCrash(page);
  return text;
}

/**
 * Every page: how to get there from another page in-app (so no reload re-learns the instance),
 * the request its content comes from, and what on it must be right.
 */
export const PAGES = [
  // `from`: a page that reads nothing the target's request pattern matches.
  { name: 'Workflows', api: '^/api/v1/workflows$', from: 'Variables', go: (page) => nav(page, 'Workflows'), read: (page) => rowHeaders(page, 'Workflows') },
  {
    name: 'Workflow detail', api: '^/api/v1/workflows/[^/]+$', from: 'Workflows',
    go: (page) => table(page, 'Workflows').locator('tbody th a').first().click(),
    read: async (page) => { await page.getByRole('heading', { level: 2, name: /^Nodes/ }).waitFor(); return page.getByRole('heading', { level: 1 }).innerText(); },
  },
  { name: 'Executions', api: '^/api/v1/executions$', from: 'Workflows', go: (page) => nav(page, 'Executions'), read: (page) => rowHeaders(page, 'Executions') },
  {
    name: 'Execution detail', api: '^/api/v1/executions/[^/]+$', from: 'Executions',
    go: (page) => table(page, 'Executions').locator('tbody th a').first().click(),
    read: async (page) => { await page.getByRole('heading', { level: 2, name: /^Nodes/ }).waitFor(); return page.getByRole('heading', { level: 1 }).innerText(); },
  },
  { name: 'Tags', api: '^/api/v1/tags$', from: 'Workflows', go: (page) => nav(page, 'Tags'), read: (page) => rowHeaders(page, 'Tags') },
  {
    // Real n8n without a licence refuses variables (403): the licence notice is the right content.
    name: 'Variables', api: '^/api/v1/variables$', from: 'Workflows', go: (page) => nav(page, 'Variables'),
    read: async (page) => {
      const notice = page.getByText(/licen[cs]e/i).first();
      const settledRows = table(page, 'Variables').and(page.locator('[aria-busy="false"]'));
      await notice.or(settledRows).first().waitFor({ timeout: 15_000 });
      return (await notice.isVisible()) ? 'licence notice' : rowHeaders(page, 'Variables');
    },
  },
  {
    name: 'API keys', api: '^/rest/api-keys$', from: 'Workflows',
    go: async (page) => { await nav(page, 'API keys'); },
    read: async (page) => { await signInToEditor(page); return rowHeaders(page, 'API keys'); },
  },
  {
    // The seeds' API key endpoints, which only the fake n8n has.
    name: 'API keys (fake n8n)', gateway: 'fake', api: '^/api/v1/api-keys$', from: 'Workflows',
    go: (page) => nav(page, 'API keys'), read: (page) => rowHeaders(page, 'API keys'),
  },
];

/** Each fault, and whether the console gets the right content in the end by itself (retries). */
export const FAULTS = [
  { name: '429 with Retry-After: 2', fault: { kind: 'status', status: 429, headers: { 'retry-after': '2' }, times: 1 }, recovers: true, notice: /n8n is rate limiting; retrying in [12] s/ },
  { name: '429 without Retry-After', fault: { kind: 'status', status: 429, times: 2 }, recovers: true },
  { name: '500 every time', fault: { kind: 'status', status: 500, body: { message: 'SQLITE_BUSY: database is locked' } }, recovers: false },
  { name: '502 twice (an HTML proxy page)', fault: { kind: 'status', status: 502, contentType: 'text/html', body: '<html><body>Bad Gateway</body></html>', times: 2 }, recovers: true },
  { name: '503 every time', fault: { kind: 'status', status: 503, body: { message: 'busy' } }, recovers: false },
  { name: 'a dropped connection', fault: { kind: 'drop' }, recovers: false },
  { name: 'a body cut off mid-JSON', fault: { kind: 'truncate' }, recovers: false },
  { name: 'HTML with status 200', fault: { kind: 'html' }, recovers: false },
  { name: 'a 5 MB body', fault: { kind: 'huge', times: 2 }, recovers: true },
];

/** One test per page in `names`: every fault of FAULTS on its content's request. */
export function faultMatrix(chromium, names) {
  for (const target of PAGES.filter((p) => names.includes(p.name))) {
  test(`${target.name} under every fault: right content or a clear alert, and back to the right content`, async (t) => {
    const { arm, disarm, quiet, openConsole } = GATEWAYS[target.gateway ?? 'real'];
    const page = await openConsole(t, chromium.browser);
    await nav(page, target.from);
    await target.go(page);
    const expected = await target.read(page);
    const outcomes = [];
    for (const { name, fault, recovers, notice } of FAULTS) {
      await nav(page, target.from);
      await quiet();
      await arm({ path: target.api, method: 'GET', ...fault });
      const noticeSeen = notice ? page.getByRole('status').filter({ hasText: notice }).first().waitFor({ timeout: 8000 }).then(() => true, () => false) : null;
      await target.go(page);
      t.diagnostic(`${target.name}: ${name}`);
      if (recovers) {
        assert.deepEqual(await target.read(page), expected, `${target.name}, ${name}: the same content as without the fault`);
        if (noticeSeen) assert.ok(await noticeSeen, `${target.name}, ${name}: the page said it was waiting`);
        outcomes.push(`${name}: recovered`);
      } else {
        const text = await assertReadableAlert(page);
        await disarm();
        const retry = page.getByRole('button', { name: 'Try again', exact: true });
        if (await retry.count()) {
          await retry.first().click();
        } else {
          await nav(page, target.from);
          await target.go(page);
        }
        assert.deepEqual(await target.read(page), expected, `${target.name}, after ${name}: back to the right content`);
        outcomes.push(`${name}: alert "${text.split('\n')[0].slice(0, 80)}", then recovered`);
      }
      await disarm();
    }
    t.diagnostic(`${target.name}:\n  ${outcomes.join('\n  ')}`);
  });
}
}
