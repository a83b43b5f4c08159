// Writes and loads under faults, against real n8n behind the fault-injecting gateway: a write is
// sent once (counted at the gateway), a write whose answer was lost says its result is unknown and
// the page shows what n8n did, auto-refresh waits while a write is out, a late answer never
// replaces a newer one, a timeout and a bad URL end in a message with a way back.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { api } from '../support/seed.mjs';
import { quoted, stableRead } from './helpers.mjs';
import {
  arm, assertReadableAlert, disarm, forgetRequests, nav, openConsole, quiet, real, requests, rowHeaders, table, useBrowser,
} from './faults.mjs';

const chromium = useBrowser();

test('Workflows: a request that hangs past the time limit ends in a timeout alert, and Try again recovers', async (t) => {
  const page = await openConsole(t, chromium.browser);
  const expected = await rowHeaders(page, 'Workflows');
  await nav(page, 'Variables');
  await quiet();
  await arm({ path: '^/api/v1/workflows$', method: 'GET', kind: 'hang', times: 1 });
  await nav(page, 'Workflows');
  const text = await assertReadableAlert(page).catch(async () => {
    await page.getByRole('alert').first().waitFor({ timeout: 40_000 });
    return assertReadableAlert(page);
  });
  assert.match(text, /30 s|did not answer/, `a timeout: ${text}`);
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  assert.deepEqual(await rowHeaders(page, 'Workflows'), expected);
});

test('a late answer never replaces a newer one (Workflows search, Executions filter)', async (t) => {
  const page = await openConsole(t, chromium.browser);
  // The unfiltered list answers 3 s late; the search sent meanwhile answers at once.
  await nav(page, 'Variables');
  await quiet();
  await arm({ path: '^/api/v1/workflows$', method: 'GET', kind: 'slow', delayMs: 3000, times: 1 });
  await nav(page, 'Workflows');
  await sleep(300);
  await page.getByRole('textbox', { name: 'Search workflows' }).fill('Nightly');
  await page.waitForURL(/q=Nightly/);
  await sleep(3500);
  const names = await rowHeaders(page, 'Workflows');
  assert.ok(names.length > 0 && names.every((n) => n.includes('Nightly')), `only the search's rows: ${names}`);

  await nav(page, 'Executions');
  await rowHeaders(page, 'Executions');
  await arm({ path: '^/api/v1/executions$', method: 'GET', kind: 'slow', delayMs: 3000, times: 2 });
  await page.getByRole('combobox', { name: 'Status' }).selectOption('success');
  await sleep(200);
  await disarm();
  await page.getByRole('combobox', { name: 'Status' }).selectOption('error');
  await sleep(4000);
  const statuses = await stableRead(() => table(page, 'Executions').locator('tbody tr td:nth-child(3)').allInnerTexts());
  assert.ok(statuses.length > 0 && statuses.every((s) => /error/i.test(s)), `only errors after the late answer: ${statuses}`);
});

const n8n = (method, path, body) => api(real.n8nUrl, real.apiKey, method, path, body);
const workflowNamed = async (name) => (await n8n('GET', `/workflows?name=${encodeURIComponent(name)}`)).data.find((w) => w.name === name);
const toggleWrites = (log, id) => log.filter((r) => r.method === 'POST' && new RegExp(`^/api/v1/workflows/${id}/(activate|deactivate|publish|unpublish)$`).test(r.path));

/** Shows only `name` on the Workflows page; returns its row. */
async function onlyRow(page, name) {
  await page.getByRole('textbox', { name: 'Search workflows' }).fill(name);
  await page.waitForURL((u) => u.searchParams.get('q') === name);
  const row = table(page, 'Workflows').getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await row.waitFor();
  return row;
}

test('a write whose answer is lost says "unknown", is not sent again, and the row shows what n8n did', async (t) => {
  const name = 'Website uptime check';
  const workflow = await workflowNamed(name);
  t.after(() => n8n('POST', `/workflows/${workflow.id}/activate`).catch(() => {}));
  const page = await openConsole(t, chromium.browser);
  const row = await onlyRow(page, name);
  await row.getByRole('button', { name: 'Deactivate', exact: true }).waitFor();
  await forgetRequests();
  // n8n deactivates it; its answer never reaches the browser.
  await arm({ path: `^/api/v1/workflows/${workflow.id}/(deactivate|unpublish)$`, method: 'POST', kind: 'drop', forward: true, times: 1 });
  await row.getByRole('button', { name: 'Deactivate', exact: true }).click();
  const toast = page.getByRole('alert').filter({ hasText: `The result of deactivating ${quoted(name)} is unknown` });
  await toast.waitFor();
  assert.match(await toast.innerText(), /not retried/);
  await row.getByRole('button', { name: 'Activate', exact: true }).waitFor();
  await row.getByText('Inactive', { exact: true }).waitFor();
  assert.equal((await workflowNamed(name)).active, false, 'n8n did deactivate it');
  assert.equal(toggleWrites(await requests(), workflow.id).length, 1, 'one write was sent, not retried');

  // A refusal (500) is sent once and the row goes back; a double click sends one request.
  await arm({ path: `^/api/v1/workflows/${workflow.id}/(activate|publish)$`, method: 'POST', kind: 'status', status: 500, body: { message: 'no' }, times: 1 });
  await forgetRequests();
  await row.getByRole('button', { name: 'Activate', exact: true }).dblclick();
  await page.getByRole('alert').filter({ hasText: `Could not activate ${quoted(name)}` }).waitFor();
  await row.getByRole('button', { name: 'Activate', exact: true }).waitFor();
  assert.equal(toggleWrites(await requests(), workflow.id).length, 1, 'a double click sent one request');

  // A 429 on a write is not retried either.
  await arm({ path: `^/api/v1/workflows/${workflow.id}/(activate|publish)$`, method: 'POST', kind: 'status', status: 429, headers: { 'retry-after': '1' }, times: 1 });
  await forgetRequests();
  await row.getByRole('button', { name: 'Activate', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: /rate limiting/ }).first().waitFor();
  await sleep(1500);
  assert.equal(toggleWrites(await requests(), workflow.id).length, 1, 'a rate-limited write is not sent again');
});

test('a write that hangs past the time limit: the button stays disabled meanwhile, then "unknown" and n8n\'s state', async (t) => {
  const name = 'Website uptime check';
  const workflow = await workflowNamed(name);
  t.after(() => n8n('POST', `/workflows/${workflow.id}/activate`).catch(() => {}));
  const page = await openConsole(t, chromium.browser);
  const row = await onlyRow(page, name);
  await forgetRequests();
  await arm({ path: `^/api/v1/workflows/${workflow.id}/(deactivate|unpublish)$`, method: 'POST', kind: 'hang', forward: true, times: 1 });
  await row.getByRole('button', { name: 'Deactivate', exact: true }).click();
  const button = row.getByRole('button', { name: 'Activate', exact: true });
  await button.waitFor();
  assert.equal(await button.getAttribute('aria-disabled'), 'true', 'disabled while the write is out');
  // A reload of the list rebuilds the row: the write is still out, so its button stays disabled.
  await page.getByRole('textbox', { name: 'Search workflows' }).fill('Website uptime');
  await page.waitForURL((u) => u.searchParams.get('q') === 'Website uptime');
  await rowHeaders(page, 'Workflows');
  const rebuilt = table(page, 'Workflows').getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  assert.equal(await rebuilt.getByRole('button').filter({ hasText: /Activate|Deactivate/ }).getAttribute('aria-disabled'), 'true',
    'still disabled after the list was rebuilt');
  await rebuilt.getByRole('button', { name: /Activate|Deactivate/ }).click({ force: true }); // ignored: the write is out
  await page.getByRole('alert').filter({ hasText: /is unknown: n8n did not answer within 30 s/ }).waitFor({ timeout: 45_000 });
  await rebuilt.getByText('Inactive', { exact: true }).waitFor();
  assert.equal(toggleWrites(await requests(), workflow.id).length, 1, 'one write in all');
});

test('auto-refresh waits while a write is out', async (t) => {
  const page = await openConsole(t, chromium.browser);
  await nav(page, 'Executions');
  await rowHeaders(page, 'Executions');
  const failed = table(page, 'Executions').getByRole('row').filter({ has: page.getByRole('button', { name: 'Retry', exact: true }) }).first();
  await failed.waitFor();
  await page.getByRole('checkbox', { name: 'Auto-refresh' }).check();
  await arm({ path: '^/api/v1/executions/[^/]+/retry$', method: 'POST', kind: 'slow', delayMs: 14_000, times: 1 });
  await forgetRequests();
  const clicked = Date.now();
  await failed.getByRole('button', { name: 'Retry', exact: true }).dblclick();
  await page.getByRole('status').filter({ hasText: /Retried execution/ }).or(page.getByRole('alert').filter({ hasText: /retry/i })).first().waitFor({ timeout: 25_000 });
  const log = await requests();
  const retries = log.filter((r) => r.method === 'POST' && /\/retry$/.test(r.path));
  assert.equal(retries.length, 1, 'a double click on Retry sent one request');
  const answeredAt = clicked + 14_000;
  const refreshesMeanwhile = log.filter((r) => r.method === 'GET' && r.path === '/api/v1/executions' && r.at > clicked + 500 && r.at < answeredAt - 500);
  assert.deepEqual(refreshesMeanwhile, [], 'no auto-refresh while the retry was out');
  await page.getByRole('checkbox', { name: 'Auto-refresh' }).uncheck();
});

test('a bad cursor or filter in the URL gets a message and a way back to page 1', async (t) => {
  const page = await openConsole(t, chromium.browser);
  for (const [path, name] of [['/executions?after=garbage', 'Executions'], ['/workflows?after=garbage', 'Workflows']]) {
    await page.goto(path);
    await assertReadableAlert(page);
    await page.getByRole('button', { name: 'Go to page 1', exact: true }).click();
    await page.waitForURL((u) => !u.searchParams.has('after'));
    assert.ok((await rowHeaders(page, name)).length > 0, `${name}: page 1 shows`);
  }
});

test('a bulk run goes on when the admin leaves the page; its summary and every failure still reach them', async (t) => {
  const names = ['Slack alert on failed payments', 'Slack standup digest', 'Daily KPI report to Slack'];
  const workflows = await Promise.all(names.map(workflowNamed));
  t.after(async () => {
    for (const w of workflows.filter((w) => w.active)) await n8n('POST', `/workflows/${w.id}/activate`).catch(() => {});
  });
  const page = await openConsole(t, chromium.browser);
  await page.getByRole('textbox', { name: 'Search workflows' }).fill('Slack');
  await page.waitForURL((u) => u.searchParams.get('q') === 'Slack');
  assert.deepEqual((await rowHeaders(page, 'Workflows')).sort(), [...names].sort());
  await page.getByRole('checkbox', { name: 'Select all' }).check();
  // The second refuses; every one answers 1.5 s late, so the run is still going when the admin leaves.
  await arm({ path: `^/api/v1/workflows/${workflows[1].id}/(deactivate|unpublish)$`, method: 'POST', kind: 'status', status: 500, body: { message: 'database is locked' } });
  await arm({ path: '^/api/v1/workflows/[^/]+/(deactivate|unpublish)$', method: 'POST', kind: 'slow', delayMs: 1500 });
  await forgetRequests();
  await page.getByRole('button', { name: 'Deactivate selected', exact: true }).click();
  await sleep(500);
  await nav(page, 'Tags');
  const report = page.getByRole('alert').filter({ hasText: /Deactivated \d of 3/ });
  await report.waitFor({ timeout: 15_000 });
  const text = await report.innerText();
  assert.match(text, /, [12] failed/, `the summary counts the failure: ${text}`);
  assert.ok(text.includes(`${quoted(names[1])}: `), `the failure is named: ${text}`);
  const writes = (await requests()).filter((r) => r.method === 'POST' && /\/(deactivate|unpublish)$/.test(r.path));
  assert.equal(writes.length, 3, 'each workflow once');
  assert.equal((await workflowNamed(names[0])).active, false, 'the run went on after the page was left');
});
