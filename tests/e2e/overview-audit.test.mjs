// Overview and Audit (issue 13) on the run's real n8n: the tiles, the chart and the failing workflows
// against what n8n's executions list says; n8n's own security audit shown as sections; Changes since
// with a workflow changed after the chosen moment (listed, its HTTP Request node named) and one
// changed before (not listed); the leak checklist kept in this tab only; 400 px, light and dark.
// Works on every version the project tests (1.x has no insights; /users may need a licence).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { api, listAll } from '../support/seed.mjs';
import { e2eContext, launchBrowser, newPage, signIn, stableRead, storage } from './helpers.mjs';

const { real } = e2eContext();
const shots = process.env.E2E_SCREENSHOTS;
const call = (method, path, body) => api(real.n8nUrl, real.apiKey, method, path, body);
const RUN = randomUUID().slice(0, 6);
const HOUR = 3_600_000;

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const node = (name, type, x, parameters = {}, extra = {}) =>
  ({ id: randomUUID(), name, type, typeVersion: 1, position: [x, 0], parameters, ...extra });

/** An active webhook workflow ending in Stop and Error (`fail`) or No Operation; answers { id, path }. */
async function webhookWorkflow(name, fail) {
  const path = `overview-${RUN}-${randomUUID().slice(0, 8)}`;
  const last = fail
    ? node('Stop and Error', 'n8n-nodes-base.stopAndError', 220, { errorMessage: `${name}: refused` })
    : node('No Operation', 'n8n-nodes-base.noOp', 220);
  const { id } = await call('POST', '/workflows', {
    name,
    nodes: [
      node('Webhook', 'n8n-nodes-base.webhook', 0, { path, httpMethod: 'GET', responseMode: 'onReceived' },
        { typeVersion: 2, webhookId: randomUUID() }),
      last,
    ],
    connections: { Webhook: { main: [[{ node: last.name, type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  });
  await call('POST', `/workflows/${id}/activate`);
  return { id, path };
}

/** A manual workflow that calls out with an HTTP Request node named `httpName`. */
const callingOut = (name, httpName) => call('POST', '/workflows', {
  name,
  nodes: [
    node('Start', 'n8n-nodes-base.manualTrigger', 0),
    node(httpName, 'n8n-nodes-base.httpRequest', 220, { url: 'http://127.0.0.1:9/partner', method: 'GET' }, { typeVersion: 4 }),
  ],
  connections: { Start: { main: [[{ node: httpName, type: 'main', index: 0 }]] } },
  settings: { executionOrder: 'v1' },
});

/** Calls a webhook `times` times, one at a time, and waits until n8n lists that many more executions. */
async function runWebhook({ id, path }, times) {
  const before = (await listAll(real.n8nUrl, real.apiKey, `/executions?workflowId=${id}`)).length;
  for (let i = 0; i < times; i++) {
    // A webhook just activated can answer 404 for a moment (n8n 2.41 registers it a little later).
    const registered = Date.now() + 10_000;
    let res;
    for (;;) {
      res = await fetch(new URL(`/webhook/${path}`, real.n8nUrl));
      await res.arrayBuffer();
      if (res.status !== 404 || Date.now() > registered) break;
      await sleep(250);
    }
    assert.ok(res.ok, `GET /webhook/${path} -> ${res.status}`);
  }
  const deadline = Date.now() + 30_000;
  while ((await listAll(real.n8nUrl, real.apiKey, `/executions?workflowId=${id}`)).length < before + times) {
    assert.ok(Date.now() < deadline, `the executions of ${path} appeared within 30 s`);
    await sleep(250);
  }
}

/**
 * What n8n's API says about the last `hours` hours, counted as the console promises: every execution
 * of the list plus the running ones (the plain list can leave them out), once each, by status, and
 * per workflow the failing ones worst first (most errors, then error rate, then latest failure).
 */
async function expectedCounts({ hours = 24, workflowId } = {}) {
  const filter = workflowId ? `?workflowId=${workflowId}` : '';
  const running = `/executions?status=running${workflowId ? `&workflowId=${workflowId}` : ''}`;
  const all = [...await listAll(real.n8nUrl, real.apiKey, `/executions${filter}`), ...await listAll(real.n8nUrl, real.apiKey, running)];
  const start = Date.now() - hours * HOUR;
  const seen = new Set();
  const total = { success: 0, error: 0, running: 0, other: 0 };
  const perWorkflow = new Map();
  const slot = (status) => ({ success: 'success', error: 'error', crashed: 'error', running: 'running', new: 'running', waiting: 'running' })[status] ?? 'other';
  for (const e of all) {
    if (seen.has(e.id) || !e.startedAt || Date.parse(e.startedAt) < start) continue;
    seen.add(e.id);
    total[slot(e.status)] += 1;
    const w = perWorkflow.get(e.workflowId) ?? { id: e.workflowId, success: 0, error: 0, total: 0, lastFailure: 0 };
    w.total += 1;
    if (slot(e.status) === 'success') w.success += 1;
    if (slot(e.status) === 'error') {
      w.error += 1;
      w.lastFailure = Math.max(w.lastFailure, Date.parse(e.startedAt));
    }
    perWorkflow.set(e.workflowId, w);
  }
  const permille = (w) => Math.round((w.error * 1000) / (w.success + w.error));
  const failing = [...perWorkflow.values()].filter((w) => w.error > 0)
    .sort((a, b) => b.error - a.error || permille(b) - permille(a) || b.lastFailure - a.lastFailure || (a.id < b.id ? -1 : 1));
  return {
    total,
    all: seen.size,
    workflows: [...perWorkflow.keys()].filter(Boolean).sort(),
    failing: failing.map((w) => ({ id: w.id, errors: w.error, executions: w.total })),
  };
}

/** The Overview as the page shows it, once nothing on it is loading. */
async function shownOverview(page) {
  await page.locator('dl.tiles[aria-busy="false"] [data-tile="executions"] dd[data-total]').waitFor();
  return stableRead(() => page.evaluate(() => {
    const tile = (name) => document.querySelector(`[data-tile="${name}"] dd`)?.dataset ?? {};
    const bars = [...document.querySelectorAll('g.chart-bar')].map((g) => ({
      label: g.getAttribute('aria-label'), success: Number(g.dataset.success), error: Number(g.dataset.error), total: Number(g.dataset.total),
    }));
    const named = (name) => [...document.querySelectorAll('table')].find((t) => t.caption?.textContent === name);
    const failing = [...(named('Failing workflows')?.tBodies[0]?.rows ?? [])].map((tr) => ({
      id: tr.dataset.workflowId,
      errors: Number(tr.cells[1].textContent),
      executions: Number(tr.cells[2].textContent),
      lastFailure: tr.cells[4].querySelector('a')?.getAttribute('href') ?? null,
    }));
    return { executions: { ...tile('executions') }, workflows: { ...tile('workflows') }, errorRate: { ...tile('error-rate') }, bars, failing };
  }));
}

/**
 * The page as an admin sees it: at 1280 px light and dark, then at 400 px dark, where it must not
 * scroll sideways; screenshots `<name>-1280-light`, `-1280-dark`, `-400-dark` when E2E_SCREENSHOTS is set.
 */
async function looks(page, name, what) {
  const shot = async (suffix) => { if (shots) await page.screenshot({ path: join(shots, `${name}-${suffix}.png`), fullPage: true }); };
  await shot('1280-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('1280-dark');
  await page.setViewportSize({ width: 400, height: 900 });
  const fit = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(fit.scroll <= fit.client, `${what} at 400 px: no sideways scroll (${fit.scroll} > ${fit.client})`);
  await shot('400-dark');
}

let failing; // the workflows this file made fail: { worst: {id,path}, mixed: {id,path} }

test('Overview: tiles, one bar per hour and the failing workflows, worst first, are what the API says', async (t) => {
  // "worst" fails 4 times (more errors than any seeded workflow); "twice" fails twice, as seeded
  // workflows did, at 100 % as they did, but later: the latest failure puts it first among them.
  const worst = await webhookWorkflow(`Overview ${RUN} worst`, true);
  await runWebhook(worst, 4);
  const twice = await webhookWorkflow(`Overview ${RUN} twice`, true);
  await runWebhook(twice, 2);
  failing = { worst, twice };

  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview', exact: true }).click();
  await page.waitForURL('**/overview**');
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  const before = await expectedCounts();
  const shown = await shownOverview(page);
  const afterwards = await expectedCounts();
  assert.deepEqual(afterwards, before, 'nothing ran on n8n while the page was read');
  const want = before;

  assert.deepEqual(
    { success: Number(shown.executions.success), error: Number(shown.executions.error), running: Number(shown.executions.running), total: Number(shown.executions.total) },
    { success: want.total.success, error: want.total.error, running: want.total.running, total: want.all },
    'the executions tile counts what the API lists for the last 24 hours, by status',
  );
  assert.ok(want.total.error >= 6 && want.total.success >= 1, `the seeded instance has executions of both kinds (${JSON.stringify(want.total)})`);
  const finished = want.total.success + want.total.error;
  assert.equal(Number(shown.errorRate.permille), Math.round((want.total.error * 1000) / finished), 'the error rate is errors per finished execution');
  await page.locator('[data-tile="error-rate"]').getByText(/\d+(\.\d)? %/).waitFor();

  const workflows = await listAll(real.n8nUrl, real.apiKey, '/workflows');
  assert.deepEqual(
    { active: Number(shown.workflows.active), total: Number(shown.workflows.total) },
    { active: workflows.filter((w) => w.active && !w.isArchived).length, total: workflows.filter((w) => !w.isArchived).length },
    'the workflows tile: active of all (archived ones left out)',
  );

  // The chart: 24 hourly bars, each an image named by its numbers, summing to the tile.
  assert.equal(shown.bars.length, 24, 'one bar per hour');
  assert.equal(shown.bars.reduce((n, b) => n + b.total, 0), want.all, 'the bars add up to the executions counted');
  assert.equal(shown.bars.reduce((n, b) => n + b.error, 0), want.total.error);
  const latest = shown.bars.at(-1);
  assert.ok(latest.error >= 6, 'the current hour holds the failures this test just made');
  assert.match(latest.label, new RegExp(`${latest.success} successful, ${latest.error} failed.*${latest.total} in all`));
  const chart = page.getByRole('group', { name: 'Executions per hour, last 24 hours' });
  assert.equal(await chart.getByRole('img').count(), 24, 'each bar is an image for assistive technology');

  // The same numbers as a table.
  await page.getByRole('button', { name: 'Show as table', exact: true }).click();
  const table = page.getByRole('table', { name: 'Executions per hour' });
  await table.waitFor();
  assert.equal(await table.locator('tbody tr').count(), 24);
  const lastRow = await table.locator('tbody tr').last().locator('td').allTextContents();
  assert.deepEqual(lastRow.map(Number), [latest.success, latest.error, latest.total - latest.success - latest.error]);
  await page.getByRole('button', { name: 'Hide table', exact: true }).click();
  await table.waitFor({ state: 'detached' });

  // Failing workflows: the API's order, with the two made here where the rule puts them.
  assert.deepEqual(shown.failing.map(({ id, errors, executions }) => ({ id, errors, executions })), want.failing, 'failing workflows, worst first');
  assert.equal(shown.failing[0].id, worst.id, 'the workflow that failed 4 times is first');
  const twoOfTwo = want.failing.filter((w) => w.errors === 2 && w.executions === 2);
  assert.equal(twoOfTwo[0]?.id, twice.id, 'of the workflows that failed twice out of twice, the latest is first');
  const worstExecutions = await listAll(real.n8nUrl, real.apiKey, `/executions?workflowId=${worst.id}`);
  const newestFailure = worstExecutions.filter((e) => e.status === 'error').sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];
  assert.equal(shown.failing[0].lastFailure, `/executions/${newestFailure.id}`, 'the last failure links to that execution');
  assert.match(await page.locator('p.counted').first().innerText(), /read newest first/);

  // The window picker: 7 days, per day.
  await page.getByRole('group', { name: 'Window' }).getByRole('radio', { name: 'Last 7 days' }).check();
  await page.waitForURL('**/overview?window=7d');
  await page.getByRole('group', { name: 'Executions per day, last 7 days' }).waitFor();
  const week = await shownOverview(page);
  assert.equal(week.bars.length, 7, 'one bar per day');
  const weekWant = await expectedCounts({ hours: 24 * 7 });
  assert.equal(Number(week.executions.total), weekWant.all);
  assert.equal(week.bars.reduce((n, b) => n + b.total, 0), weekWant.all);

  await looks(page, 'overview', 'Overview');
});

test("a workflow's page charts that workflow's executions only", async (t) => {
  assert.ok(failing, 'the Overview test made the failing workflows');
  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  await page.goto(`/workflows/${failing.worst.id}`);
  const chart = page.getByRole('group', { name: 'Executions per hour, last 24 hours' });
  await chart.waitFor();
  const bars = await chart.locator('g.chart-bar').evaluateAll((gs) => gs.map((g) => ({ total: Number(g.dataset.total), error: Number(g.dataset.error) })));
  const want = await expectedCounts({ workflowId: failing.worst.id });
  assert.equal(bars.length, 24);
  assert.equal(bars.reduce((n, b) => n + b.total, 0), want.all, "the bars add up to this workflow's executions");
  assert.equal(bars.reduce((n, b) => n + b.error, 0), 4);
});

test('Audit: n8n’s security audit as sections with its real findings, and Download report', async (t) => {
  const expected = await call('POST', '/audit', {});
  const risks = Array.isArray(expected) ? [] : Object.values(expected);
  assert.ok(risks.length >= 1, 'the seeded instance has findings (its webhooks have no authentication)');
  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit', exact: true }).click();
  await page.waitForURL('**/audit**');
  assert.equal(await page.getByRole('region', { name: 'Security audit report' }).count(), 0, 'no report before it is asked for');
  await page.getByRole('button', { name: 'Run security audit', exact: true }).click();
  const report = page.getByRole('region', { name: 'Security audit report' });
  await report.waitFor({ timeout: 30_000 });

  for (const risk of risks) {
    const section = report.locator(`section.risk-report[data-risk="${risk.risk}"]`);
    await section.waitFor();
    const titles = await section.locator('article.finding h4').allTextContents();
    assert.deepEqual(titles.sort(), risk.sections.map((s) => s.title).sort(), `${risk.risk}: one finding per section of n8n's report`);
    for (const s of risk.sections) {
      const finding = section.locator('article.finding').filter({ has: page.getByRole('heading', { level: 4, name: s.title, exact: true }) });
      const words = (text) => text.replace(/\s+/g, ' ').trim();
      assert.equal(words(await finding.locator('p').first().innerText()), words(s.description));
      for (const place of (s.location ?? []).filter((l) => l.kind === 'node').slice(0, 5)) {
        await finding.locator(`a[href$="/workflows/${place.workflowId}"]`).first().waitFor();
      }
    }
  }
  // The webhooks seeded without authentication are named, with a link to their workflow.
  const unprotected = risks.flatMap((r) => r.sections).find((s) => /webhook/i.test(s.title));
  assert.ok(unprotected, 'n8n reports the unprotected webhooks');
  assert.ok((unprotected.location ?? []).some((l) => l.workflowId === failing?.worst.id), 'the webhook made by this file is among them');
  assert.equal(await report.locator('pre, code').filter({ hasText: '"risk"' }).count(), 0, 'not shown as JSON');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report', exact: true }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^n8n-audit-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(Object.keys(saved).sort(), Object.keys(expected).sort(), 'the download is n8n’s report');

  await looks(page, 'audit', 'Audit');
});

test('Changes since: a workflow changed after the moment is listed with its HTTP Request node named; one changed before is not', async (t) => {
  const before = await callingOut(`Audit ${RUN} before`, 'Fetch partner feed');
  await sleep(2_000);
  const moment = Date.now();
  await sleep(2_000);
  const afterwards = await callingOut(`Audit ${RUN} after`, 'Post to partner API');

  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  await page.goto('/audit');
  const changed = page.getByRole('table', { name: 'Workflows changed' });
  await changed.waitFor();
  // By default, the last 7 days: both are listed.
  await changed.locator(`tr[data-workflow-id="${before.id}"]`).waitFor();
  await changed.locator(`tr[data-workflow-id="${afterwards.id}"]`).waitFor();

  const local = await page.evaluate((at) => {
    const d = new Date(at);
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  }, moment);
  await page.getByRole('textbox', { name: 'Changes since', exact: true }).fill(local);
  await changed.locator(`tr[data-workflow-id="${before.id}"]`).waitFor({ state: 'detached' });
  const row = changed.locator(`tr[data-workflow-id="${afterwards.id}"]`);
  await row.waitFor();
  assert.equal(await row.getByRole('cell').first().innerText(), 'Created');
  assert.deepEqual(await row.locator('li').allInnerTexts(), ['Post to partner API (HTTP request)']);
  assert.ok(await row.getByRole('link', { name: `Audit ${RUN} after` }).getAttribute('href').then((h) => h.endsWith(`/workflows/${afterwards.id}`)));
  // Every workflow n8n says changed since then is listed, and no other.
  const all = await listAll(real.n8nUrl, real.apiKey, '/workflows');
  const since = all.filter((w) => Date.parse(w.updatedAt) >= moment || Date.parse(w.createdAt) >= moment).map((w) => w.id).sort();
  const listed = await changed.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.workflowId).sort());
  assert.deepEqual(listed, since);

  // Scheduled and polling workflows: the seeded instance has none live; the message says so.
  const scheduled = page.getByRole('table', { name: 'Scheduled and polling workflows' })
    .or(page.getByText('No active workflow starts on a schedule or by polling.'));
  await scheduled.first().waitFor();

  // Users: where the licence allows /users, the owner is listed; else the page says why.
  const users = await fetch(new URL('/api/v1/users', real.n8nUrl), { headers: { 'X-N8N-API-KEY': real.apiKey } });
  if (users.ok) {
    await page.getByRole('table', { name: 'Users' }).getByText(real.email).waitFor();
  } else {
    await page.locator('.notice').filter({ hasText: /licen|scope|403|forbidden/i }).first().waitFor();
  }

  // Executions by workflow since the moment: none of those two ran; the count matches the API.
  const executions = page.getByRole('table', { name: 'Executions by workflow' }).or(page.getByText('No executions started since then.'));
  await executions.first().waitFor();
  const ran = await expectedCounts({ hours: (Date.now() - moment) / HOUR });
  const rows = await page.getByRole('table', { name: 'Executions by workflow' }).locator('tbody tr').count();
  assert.equal(rows, ran.workflows.length, `executions by workflow since then (${ran.all} executions)`);
});

test('the leak checklist: ticks survive a reload in this tab, nothing goes to localStorage, and each step links to its place', async (t) => {
  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  await page.goto('/audit');
  const list = page.getByRole('complementary', { name: 'After a leaked key' });
  await list.waitFor();
  const box = list.getByRole('checkbox', { name: 'Review the users', exact: true });
  await box.check();
  await list.getByRole('checkbox', { name: 'Delete the compromised key', exact: true }).check();
  await page.reload();
  await list.waitFor();
  assert.ok(await box.isChecked(), 'the tick survived the reload');
  assert.ok(await list.getByRole('checkbox', { name: 'Delete the compromised key', exact: true }).isChecked());
  assert.equal(await list.getByRole('checkbox', { name: 'Create a new key', exact: true }).isChecked(), false);
  const { session, local } = await storage(page);
  assert.deepEqual(Object.keys(local), [], 'nothing in localStorage');
  assert.ok(Object.keys(session).some((k) => k.startsWith('n8n-console.audit-checklist.')), 'the ticks are in sessionStorage');

  await list.getByRole('link', { name: 'API keys' }).first().click();
  await page.waitForURL('**/api-keys**');
  await page.goBack();
  await list.waitFor();
  assert.ok(await box.isChecked(), 'the ticks are still there after going to a step and back');
  await box.uncheck();
  await page.reload();
  await list.waitFor();
  assert.equal(await box.isChecked(), false, 'an untick is kept too');
});
