// Unfinished executions against a real n8n, on every supported version: `All` shows the running ones
// (n8n lists them only for status=running), `Stop` on a row and `Stop running` (bulk, confirmed) where
// n8n can stop executions (2.10+) and nowhere else, and the `Started after` / `Started before` range,
// which goes to n8n only where it takes it (2.37.11+; older ones answer 400 to the parameters).
// The test makes its own executions: a workflow Webhook -> Wait 40 s (n8n keeps a wait under 65 s
// `running`) and, where stop exists, Webhook -> Wait 10 min (`waiting`). It leaves nothing unfinished:
// the other execution tests compare the list with the API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { api, listAll } from '../support/seed.mjs';
import {
  capabilitiesKnown, countRequests, e2eContext, holdWrites, expectedFeatures, launchBrowser, listSettled, newPage, signIn, stableRead, quoted,
} from './helpers.mjs';

const { real } = e2eContext();
const shots = process.env.E2E_SCREENSHOTS; // a folder: the test saves what it saw there
const n8n = (method, path, body) => api(real.n8nUrl, real.apiKey, method, path, body);
const executionsOf = (query) => listAll(real.n8nUrl, real.apiKey, `/executions?${query}`);
const SHORT_WAIT_S = 40;

let browser;
let version;
let features;
let short; // { id, path, name }: Webhook -> Wait 40 s
let long; // Webhook -> Wait 10 min, only where n8n can stop it again
let running = []; // ids of the short workflow's executions, oldest first

/** Creates and activates Webhook -> Wait, answers { id, path, name }. */
async function waitWorkflow(name, wait) {
  const path = `stop-test-${randomUUID().slice(0, 8)}`;
  const { id } = await n8n('POST', '/workflows', {
    name,
    nodes: [
      { id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0],
        webhookId: randomUUID(), parameters: { path, httpMethod: 'GET', responseMode: 'onReceived' } },
      { id: randomUUID(), name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [220, 0],
        webhookId: randomUUID(), parameters: { resume: 'timeInterval', ...wait } },
    ],
    connections: { Webhook: { main: [[{ node: 'Wait', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  });
  await n8n('POST', `/workflows/${id}/activate`);
  return { id, path, name };
}

/** Calls the workflow's webhook once; n8n 2.41 registers it a moment after `activate` (404 until then). */
async function callWebhook({ path }) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const res = await fetch(new URL(`/webhook/${path}`, real.n8nUrl));
    const text = await res.text();
    if (res.ok) return;
    if (res.status !== 404 || Date.now() > deadline) throw new Error(`GET /webhook/${path} -> ${res.status} ${text}`);
    await sleep(250);
  }
}

/** Polls until `read()` satisfies `ok`; answers it. */
async function until(what, read, ok, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what} within ${ms / 1000} s: ${JSON.stringify(value)}`);
    await sleep(250);
  }
}

before(async () => {
  browser = await launchBrowser();
  version = real.version;
  features = expectedFeatures(version);
  short = await waitWorkflow('Stop test: wait 40 s', { amount: SHORT_WAIT_S, unit: 'seconds' });
  if (features.stop) long = await waitWorkflow('Stop test: wait 10 min', { amount: 10, unit: 'minutes' });
  for (let i = 0; i < 3; i++) await callWebhook(short);
  if (long) await callWebhook(long);
  const listed = await until('three running executions', () => executionsOf(`status=running&workflowId=${short.id}`),
    (l) => l.length === 3);
  running = listed.map((e) => String(e.id)).sort((a, b) => Number(a) - Number(b));
});

after(async () => {
  // Leave no unfinished execution behind: stop what can be stopped, else wait for the short ones.
  if (features?.stop) await n8n('POST', '/executions/stop', { status: ['running', 'waiting'] }).catch(() => {});
  else if (short) {
    await until('the running executions to finish', () => executionsOf(`status=running&workflowId=${short.id}`),
      (l) => l.length === 0, (SHORT_WAIT_S + 20) * 1000).catch(() => {});
  }
  await browser?.close();
});

const table = (page) => page.getByRole('table', { name: 'Executions' });
const rowOf = (page, id) => table(page).getByRole('row')
  .filter({ has: page.getByRole('rowheader', { name: id, exact: true }) });
const button = (page, name) => page.getByRole('button', { name, exact: true });

/** Every body row as { id, status, actions }, once two reads agree. */
const rows = (page) => stableRead(() => table(page).locator('tbody tr').evaluateAll((trs) => trs.map((r) => ({
  id: r.querySelector('th')?.innerText.trim(),
  status: r.cells[2]?.innerText.trim(),
  actions: [...r.querySelectorAll('button')].map((b) => b.innerText.trim()),
}))));

/** Signs in and opens /executions with `query` once the console has learned what n8n offers,
 * every GET /api/v1/executions recorded in `requests`. */
async function openExecutions(page, query = '', requests = []) {
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/v1/executions') requests.push(url);
  });
  await signIn(page, real.apiKey);
  // Loading the page starts the console again: it probes again.
  await page.goto(`/executions${query}`);
  await page.getByRole('heading', { level: 1, name: 'Executions' }).waitFor();
  await capabilitiesKnown(page);
  await listSettled(page, /No executions/i);
  return requests;
}

test('All shows the running executions with the others; Stop and Stop running only where n8n can stop', async (t) => {
  const page = await newPage(t, browser, real.url);
  await holdWrites(page); // a double click's second click comes while the first one's request is out
  const requests = await openExecutions(page);
  await page.getByText('Running executions are included on page 1').waitFor();
  if (features.stop) await button(page, 'Stop running').waitFor();
  const shown = await rows(page);
  for (const id of running) {
    const row = shown.find((r) => r.id === id);
    assert.ok(row, `running execution ${id} is listed under All: ${shown.map((r) => r.id)}`);
    assert.equal(row.status, 'running', `execution ${id}`);
    assert.equal(row.actions.includes('Stop'), features.stop, `execution ${id}: Stop only where n8n ${version} has it`);
  }
  const ids = shown.map((r) => Number(r.id));
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
  assert.equal(new Set(ids).size, ids.length, 'each execution once');
  assert.ok(requests.some((u) => u.searchParams.get('status') === 'running'), 'the running ones were asked for');
  if (shots) {
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, `executions-running-${version}.png`), fullPage: true });
  }

  if (!features.stop) {
    assert.equal(await button(page, 'Stop').count(), 0, `n8n ${version} has no stop route: no Stop`);
    assert.equal(await button(page, 'Stop running').count(), 0, 'no Stop running');
    return;
  }

  // Stop on one row (double-clicked: one request): n8n cancels it, the row says so.
  const [first, ...rest] = running;
  const stops = countRequests(page, 'POST', /^\/api\/v1\/executions\/([^/]+\/)?stop$/);
  const stopped = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/executions/${first}/stop`);
  await rowOf(page, first).getByRole('button', { name: 'Stop', exact: true }).dblclick();
  assert.equal((await stopped).status(), 200);
  await page.getByRole('status').filter({ hasText: `Stopped execution ${first}` }).first().waitFor();
  await rowOf(page, first).getByText('canceled', { exact: true }).waitFor();
  assert.equal((await n8n('GET', `/executions/${first}`)).status, 'canceled');
  assert.equal(stops.length, 1, `a double click on Stop sent one request: ${stops}`);

  // Stop running for the workflow on screen: asks first, then one bulk request with its id.
  await page.getByRole('combobox', { name: 'Workflow', exact: true }).focus(); // reads every name
  await page.getByRole('combobox', { name: 'Workflow', exact: true }).selectOption(short.id);
  await page.waitForURL((u) => u.searchParams.get('workflow') === short.id);
  await listSettled(page, /No executions/i);
  const dialog = page.getByRole('dialog', { name: 'Stop running executions?' });
  await button(page, 'Stop running').click();
  await dialog.waitFor();
  await page.keyboard.press('Escape'); // dismisses, sending nothing
  await dialog.waitFor({ state: 'detached' });
  await button(page, 'Stop running').click();
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the dialog is modal');
  assert.match(await dialog.innerText(), new RegExp(`of ${quoted(short.name)}`));
  if (shots) await page.screenshot({ path: join(shots, `executions-stop-dialog-${version}.png`) });
  const bulk = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/executions/stop');
  await dialog.getByRole('button', { name: 'Stop executions', exact: true }).dblclick();
  const answer = await bulk;
  assert.deepEqual(JSON.parse(answer.request().postData()), { status: ['running', 'waiting'], workflowId: short.id });
  const { stopped: count } = await answer.json();
  assert.equal(count, rest.length, `n8n stopped the other ${rest.length}`);
  await page.getByRole('status').filter({ hasText: `Stopped ${count} executions` }).first().waitFor();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(stops.length, 2, `Escape sent nothing, a double click on Stop executions one request: ${stops}`);
  for (const id of rest) await rowOf(page, id).getByText('canceled', { exact: true }).waitFor();
  for (const id of running) assert.equal((await n8n('GET', `/executions/${id}`)).status, 'canceled', `execution ${id}`);

  // Without a workflow filter the request names none: it stops the waiting one of the other workflow.
  await page.getByRole('combobox', { name: 'Workflow', exact: true }).selectOption('');
  await listSettled(page, /No executions/i);
  await button(page, 'Stop running').click();
  const all = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/executions/stop');
  await dialog.getByRole('button', { name: 'Stop executions', exact: true }).click();
  const second = await all;
  assert.deepEqual(JSON.parse(second.request().postData()), { status: ['running', 'waiting'] });
  const { stopped: more } = await second.json();
  assert.ok(more >= 1, `the waiting execution of "${long.name}" was stopped too (${more})`);
  await page.getByRole('status').filter({ hasText: new RegExp(`Stopped ${more} executions?\\b`) }).first().waitFor();
  const [waiting] = await executionsOf(`workflowId=${long.id}`);
  assert.equal(waiting?.status, 'canceled', `the 10-minute wait of "${long.name}" is canceled`);

  // An execution that has ended offers no Stop (a late one gets n8n's refusal, explained: unit tests).
  await page.goto(`/executions?workflow=${short.id}&status=canceled`);
  await listSettled(page, /No executions/i);
  assert.equal(await rowOf(page, first).getByRole('button', { name: 'Stop' }).count(), 0, 'a canceled row has no Stop');
});

test('Started after / Started before: in the URL, sent to n8n only where it takes them', async (t) => {
  const page = await newPage(t, browser, real.url);
  const requests = await openExecutions(page);
  const starts = await Promise.all(running.map(async (id) => Date.parse((await n8n('GET', `/executions/${id}`)).startedAt)));
  const minute = Math.floor(Math.min(...starts) / 60_000) * 60_000; // the minute the test's first run started
  const local = (ms) => {
    const d = new Date(ms);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  };
  const after = page.getByLabel('Started after', { exact: true });
  const beforeField = page.getByLabel('Started before', { exact: true });
  assert.equal(await after.getAttribute('type'), 'datetime-local');

  // Before that minute: none of the test's executions, only older ones.
  const answered = () => page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/executions');
  let next = answered();
  await beforeField.fill(local(minute));
  await next;
  await page.waitForURL((u) => Date.parse(u.searchParams.get('startedBefore')) === minute);
  await listSettled(page, /No executions/i);
  const older = await rows(page);
  for (const id of running) assert.ok(!older.some((r) => r.id === id), `execution ${id} started after the bound`);
  for (const r of older.slice(0, 5)) {
    assert.ok(Date.parse((await n8n('GET', `/executions/${r.id}`)).startedAt) < minute, `execution ${r.id} started before`);
  }

  // From that minute on: the test's executions (running or canceled), nothing older.
  next = answered();
  await beforeField.fill('');
  await next;
  await listSettled(page, /No executions/i);
  next = answered();
  await after.fill(local(minute));
  await next;
  await page.waitForURL((u) => Date.parse(u.searchParams.get('startedAfter')) === minute && !u.searchParams.has('startedBefore'));
  await listSettled(page, /No executions/i);
  const newer = await rows(page);
  for (const id of running) assert.ok(newer.some((r) => r.id === id), `execution ${id} is in the range: ${newer.map((r) => r.id)}`);
  for (const r of newer) {
    assert.ok(Date.parse((await n8n('GET', `/executions/${r.id}`)).startedAt) >= minute, `execution ${r.id} started in the range`);
  }
  if (!features.dateRange) {
    await page.getByText('This n8n cannot filter by date').waitFor();
  }

  await page.reload();
  await listSettled(page, /No executions/i);
  assert.equal(await after.inputValue(), local(minute), 'the range is restored from the URL');

  const sent = requests.filter((u) => u.searchParams.has('startedAfter') || u.searchParams.has('startedBefore'));
  if (features.dateRange) assert.ok(sent.length > 0, `n8n ${version} filters by date itself`);
  else assert.deepEqual(sent.map(String), [], `n8n ${version} answers 400 to startedAfter/startedBefore: never sent`);

  // 400 px, dark: the filter bar wraps, nothing scrolls sideways.
  await page.setViewportSize({ width: 400, height: 800 });
  await page.goto(`/executions?theme=dark&startedAfter=${encodeURIComponent(new Date(minute).toISOString())}`);
  await listSettled(page, /No executions/i);
  const fit = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(fit.scroll <= fit.client, `no sideways scroll at 400 px (${fit.scroll} > ${fit.client})`);
  if (shots) await page.screenshot({ path: join(shots, `executions-400-dark-${version}.png`), fullPage: true });
});
