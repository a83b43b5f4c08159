// The Executions list and detail against a real, seeded n8n: status and workflow filters (in the URL,
// surviving a reload), paging over cursors both ways, the empty state, Retry and Delete (behind a
// modal dialog), and a failed execution's detail. The API is the truth for what the screen must show,
// read at the moment of comparing: other test files share this n8n. Retry and Delete act only on the
// seed's fixture workflows (FIXTURES in tests/support/seed.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FIXTURES, api, listAll } from '../support/seed.mjs';
import {
  capabilitiesKnown, collectPages, countRequests, e2eContext, holdWrites, expectedFeatures, launchBrowser, listAction, listSettled, newPage, pageLabel,
  signIn, stableRead,
} from './helpers.mjs';

const { real } = e2eContext();
let browser;
let features; // what this n8n version offers (stop, statuses): the console must offer the same
before(async () => {
  browser = await launchBrowser();
  features = expectedFeatures(real.version);
});
after(() => browser?.close());

const n8n = (method, path, body) => api(real.n8nUrl, real.apiKey, method, path, body);
const apiExecutions = (query = '') => listAll(real.n8nUrl, real.apiKey, `/executions${query}`);
const apiWorkflows = () => listAll(real.n8nUrl, real.apiKey, '/workflows');
const workflowNamed = async (name) => {
  const found = (await apiWorkflows()).filter((w) => w.name === name);
  assert.equal(found.length, 1, `exactly one workflow named "${name}" (seed fixture)`);
  return found[0];
};
/** The HTTP status n8n answers for GET /api/v1<path> (api() throws on non-2xx). */
const apiStatus = async (path) =>
  (await fetch(new URL(`/api/v1${path}`, real.n8nUrl), { headers: { 'X-N8N-API-KEY': real.apiKey } })).status;
const sorted = (ids) => [...ids].sort((a, b) => Number(a) - Number(b));
const table = (page) => page.getByRole('table', { name: 'Executions' });
const button = (page, name) => page.getByRole('button', { name, exact: true });
const select = (page, name) => page.getByRole('combobox', { name, exact: true });
/** Chooses a workflow in the filter as an admin does: going to it first reads every name. */
async function pickWorkflow(page, id) {
  await select(page, 'Workflow').focus();
  await select(page, 'Workflow').selectOption(id);
}
const rowOf = (page, id) => table(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: id, exact: true }) });

/** Every body row as { id, workflow, status, actions }, once two reads 150 ms apart agree. */
async function rows(page) {
  const read = () => table(page).locator('tbody tr').evaluateAll((trs) => trs.map((r) => ({
    id: r.querySelector('th')?.innerText.trim(),
    workflow: r.cells[1]?.innerText.trim(),
    status: r.cells[2]?.innerText.trim(),
    actions: [...r.querySelectorAll('button')].map((b) => b.innerText.trim()),
  })));
  return stableRead(read);
}
const ids = async (page) => (await rows(page)).map((r) => r.id);

const settled = (page) => listSettled(page, /No executions/i);

const act = (page, action) => listAction(page, /No executions/i, action);

/** Signs in and opens /executions with `query` (e.g. '?workflow=abc'), loaded, once the console
 * has learned what this n8n offers (loading the page starts the console again: it probes again). */
async function openExecutions(page, query = '') {
  await signIn(page, real.apiKey);
  await act(page, () => page.goto(`/executions${query}`));
  await page.getByRole('heading', { level: 1, name: 'Executions' }).waitFor();
  await capabilitiesKnown(page);
  await settled(page);
}

/** The buttons a row offers for an execution in `status`, per the contract (Stop where n8n has it). */
function actionsFor(status) {
  return [
    ...(['error', 'crashed'].includes(status) ? ['Retry'] : []),
    ...(features.stop && ['running', 'waiting', 'new'].includes(status) ? ['Stop'] : []),
    'Delete',
  ];
}

/** Each row shows the workflow's name, the API's status and the actions that status allows. */
async function assertRowsMatchApi(shown, executions) {
  const names = new Map((await apiWorkflows()).map((w) => [w.id, w.name]));
  const byId = new Map(executions.map((e) => [String(e.id), e]));
  for (const row of shown) {
    const e = byId.get(row.id);
    assert.ok(e, `execution ${row.id} is one the API lists`);
    assert.equal(row.workflow, names.get(e.workflowId), `execution ${row.id}: the Workflow column shows the name`);
    assert.equal(row.status, e.status, `execution ${row.id}: status`);
    assert.deepEqual([...row.actions].sort(), actionsFor(e.status).sort(), `execution ${row.id}: actions`);
  }
}

test('filters offer every status this n8n accepts, every workflow and the page sizes; auto-refresh starts off', async (t) => {
  const page = await newPage(t, browser, real.url);
  const [workflowLists, workflowSingles] = [[], []];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/api/v1/workflows' && new URL(page.url()).pathname.endsWith('/executions')) workflowLists.push(r.url());
    if (/^\/api\/v1\/workflows\/[^/]+$/.test(path)) workflowSingles.push(path);
  });
  await openExecutions(page);
  assert.equal(await page.getByRole('checkbox', { name: 'Auto-refresh', exact: true }).isChecked(), false);

  const options = (name) => stableRead(() => select(page, name).locator('option')
    .evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()])));
  // 1.x answers 400 to status=crashed and status=new: they are offered only from 2.13.
  assert.deepEqual(await options('Status'), [
    ['', 'All'], ['success', 'Success'], ['error', 'Error'], ['waiting', 'Waiting'], ['running', 'Running'],
    ['canceled', 'Canceled'], ...(features.moreStatuses ? [['crashed', 'Crashed'], ['new', 'New']] : []),
  ]);
  for (const [value] of (await options('Status')).slice(1)) {
    assert.equal(await apiStatus(`/executions?status=${value}&limit=1`), 200, `n8n accepts status=${value}`);
  }
  assert.deepEqual((await options('Rows per page')).map(([value]) => value), ['10', '25', '50', '100', '250']);

  const workflows = await apiWorkflows();
  // The Workflow column asked for the workflows the page names, one by one, not for the whole list.
  assert.deepEqual(workflowLists, [], 'no read of every workflow before the filter is used');
  assert.ok(workflowSingles.length > 0, 'the names came from GET /workflows/{id}');
  // Every workflow's name is read when the admin goes to the filter: wait for the last option.
  await select(page, 'Workflow').focus();
  await select(page, 'Workflow').locator('option').nth(workflows.length).waitFor({ state: 'attached' });
  const offered = await options('Workflow');
  assert.deepEqual(offered[0], ['', 'All workflows']);
  assert.deepEqual(offered.slice(1).sort(), workflows.map((w) => [w.id, w.name]).sort(), 'one option per workflow: value id, label name');
});

test('status filter shows what the API answers for it, lives in the URL and survives a reload', async (t) => {
  const page = await newPage(t, browser, real.url);
  await openExecutions(page);

  for (const status of ['error', 'success']) {
    await act(page, () => select(page, 'Status').selectOption(status));
    await page.waitForURL((u) => u.searchParams.get('status') === status);
    const shown = (await collectPages(page, rows, act)).flat();
    const expected = await apiExecutions(`?status=${status}`);
    assert.ok(expected.length > 0, `the seed made ${status} executions`);
    assert.ok(shown.every((r) => r.status === status), `every row is ${status}: ${shown.map((r) => r.status)}`);
    assert.deepEqual(sorted(shown.map((r) => r.id)), sorted(expected.map((e) => String(e.id))), `status ${status}`);
    await assertRowsMatchApi(shown, expected);
  }

  await act(page, () => select(page, 'Status').selectOption('error'));
  const first = await ids(page);
  await act(page, () => page.reload());
  assert.equal(await select(page, 'Status').inputValue(), 'error', 'the filter is restored from the URL');
  assert.deepEqual(await ids(page), first, 'same rows after a reload');
});

test('workflow filter shows that workflow’s executions by name; with no match, the empty state', async (t) => {
  const page = await newPage(t, browser, real.url);
  await openExecutions(page);

  // The workflow with the most executions right now (ties broken by id, for a stable choice).
  const counts = new Map();
  for (const e of await apiExecutions()) counts.set(e.workflowId, (counts.get(e.workflowId) ?? 0) + 1);
  const [workflowId] = [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0];
  const { name } = await n8n('GET', `/workflows/${workflowId}`);

  await act(page, () => pickWorkflow(page, workflowId));
  await page.waitForURL((u) => u.searchParams.get('workflow') === workflowId);
  const shown = (await collectPages(page, rows, act)).flat();
  const expected = await apiExecutions(`?workflowId=${workflowId}`);
  assert.ok(expected.length >= 2, `"${name}" has ${expected.length} executions`);
  assert.deepEqual(sorted(shown.map((r) => r.id)), sorted(expected.map((e) => String(e.id))));
  assert.ok(shown.every((r) => r.workflow === name), `every row names "${name}": ${shown.map((r) => r.workflow)}`);

  await act(page, () => page.reload());
  assert.equal(await select(page, 'Workflow').inputValue(), workflowId, 'the filter is restored from the URL');
  assert.deepEqual(sorted(await ids(page)), sorted(shown.map((r) => r.id)), 'same rows after a reload');

  // The multi-node fixture only ever succeeds: its errors are an empty list.
  const clean = await workflowNamed(FIXTURES.multiNode);
  assert.deepEqual(await apiExecutions(`?workflowId=${clean.id}&status=error`), []);
  await act(page, () => pickWorkflow(page, clean.id));
  await act(page, () => select(page, 'Status').selectOption('error'));
  await page.getByText(/No executions/i).first().waitFor();
  assert.equal(await table(page).locator('tbody tr th').count(), 0, 'no execution rows shown');
});

test('paging 10 per page forward covers every execution once; reload keeps the page; back shows the same pages', async (t) => {
  const page = await newPage(t, browser, real.url);
  await openExecutions(page);
  await act(page, () => select(page, 'Rows per page').selectOption('10'));
  await page.waitForURL((u) => u.searchParams.get('rows') === '10');
  const pages = await collectPages(page, rows, act);

  const expected = await apiExecutions();
  assert.ok(expected.length > 20, `the seed made ${expected.length} executions (3 pages or more)`);
  assert.deepEqual(pages.map((p) => p.length), pages.map((_, i) => (i < pages.length - 1 ? 10 : expected.length - 10 * i)));
  const shown = pages.flat();
  assert.deepEqual(sorted(shown.map((r) => r.id)), sorted(expected.map((e) => String(e.id))), 'each execution exactly once');
  await assertRowsMatchApi(shown, expected);

  const last = pages.length;
  assert.ok(new URL(page.url()).searchParams.has('after'), 'the cursors are in the URL');
  await act(page, () => page.reload());
  await pageLabel(page, last).waitFor();
  assert.deepEqual(await rows(page), pages[last - 1], `page ${last} after a reload`);

  for (let n = last - 1; n >= 1; n--) {
    await act(page, () => button(page, 'Previous page').click());
    await pageLabel(page, n).waitFor();
    assert.deepEqual(await rows(page), pages[n - 1], `page ${n} going back`);
  }
  assert.ok(await button(page, 'Previous page').isDisabled(), 'no previous page on page 1');
});

test('Next page shows the page fetched ahead while the admin read this one, without asking n8n again', async (t) => {
  const page = await newPage(t, browser, real.url);
  const lists = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/v1/executions') lists.push(`${r.method()} ${url.search}`);
  });
  const ahead = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/executions'
    && new URL(r.url()).searchParams.get('limit') === '10' && new URL(r.url()).searchParams.has('cursor'));
  await openExecutions(page, '?rows=10');
  const request = await ahead;
  await request.response();
  const aheadQuery = new URL(request.url()).search;
  assert.equal(request.method(), 'GET', 'only reads are fetched ahead');
  const before = lists.length;
  await act(page, () => button(page, 'Next page').click());
  await pageLabel(page, 2).waitFor();
  const after = lists.slice(before);
  assert.ok(!after.includes(`GET ${aheadQuery}`), `page 2 was not asked again: ${after}`);
  const expected = (await n8n('GET', `/executions${aheadQuery}`)).data.map((e) => String(e.id));
  assert.deepEqual((await rows(page)).map((r) => r.id), expected, 'page 2 is what n8n answers for its cursor');
});

test('Retry (double-clicked) on a failed execution makes one new execution that is a retry of it', async (t) => {
  const page = await newPage(t, browser, real.url);
  await holdWrites(page); // a double click's second click comes while the first one's request is out
  const workflow = await workflowNamed(FIXTURES.retry);
  await openExecutions(page, `?workflow=${workflow.id}&status=error`);
  const [original] = await rows(page);
  assert.ok(original, `"${workflow.name}" has failed executions`);
  assert.equal(original.status, 'error');
  const id = original.id;

  const retried = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/executions/${id}/retry`
    && r.request().method() === 'POST');
  const reloaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/executions');
  const retries = countRequests(page, 'POST', /\/retry$/);
  await rowOf(page, id).getByRole('button', { name: 'Retry', exact: true }).dblclick(); // one request
  const answer = await retried;
  assert.equal(answer.status(), 200);
  const newId = String((await answer.json()).id);
  t.after(() => n8n('DELETE', `/executions/${newId}`).catch(() => {})); // leave the count as it was

  await page.getByRole('status').filter({ hasText: `Retried execution ${id}` }).filter({ hasText: newId }).first().waitFor();
  await reloaded;
  await rowOf(page, newId).waitFor(); // the list reloaded and shows the new (failed again) execution

  const created = await n8n('GET', `/executions/${newId}`);
  assert.equal(String(created.retryOf), id, `execution ${newId} is a retry of ${id}`);
  assert.equal(created.workflowId, workflow.id);
  assert.equal(retries.length, 1, `a double click on Retry sent one request: ${retries}`);
});

test('Delete asks in a modal dialog: Cancel and Escape send nothing, Delete (double-clicked) removes the execution once', async (t) => {
  const page = await newPage(t, browser, real.url);
  await holdWrites(page); // a double click's second click comes while the first one's request is out
  const workflow = await workflowNamed(FIXTURES.deletes);
  await openExecutions(page, `?workflow=${workflow.id}`);
  const before = await ids(page);
  assert.ok(before.length > 0, `"${workflow.name}" has executions to delete`);
  const id = before[before.length - 1];
  const deletes = [];
  page.on('request', (r) => { if (r.method() === 'DELETE') deletes.push(r.url()); });

  const dialog = page.getByRole('dialog', { name: `Delete execution ${id}?` });
  await rowOf(page, id).getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the dialog is modal');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await rowOf(page, id).getByRole('button', { name: 'Delete', exact: true }).click();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(deletes, [], 'Cancel and Escape send no DELETE');
  assert.equal(await apiStatus(`/executions/${id}`), 200, 'still there after Cancel');
  await rowOf(page, id).waitFor();

  const deleted = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/executions/${id}`
    && r.request().method() === 'DELETE');
  await rowOf(page, id).getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).dblclick(); // one request
  assert.equal((await deleted).status(), 200);
  await page.getByRole('status').filter({ hasText: new RegExp(`\\b${id}\\b`) }).first().waitFor();
  await rowOf(page, id).waitFor({ state: 'detached' });
  await settled(page);
  assert.deepEqual(await ids(page), before.slice(0, -1), 'only that row is gone');
  assert.equal(deletes.length, 1, `one DELETE: ${deletes}`);
  assert.equal(await apiStatus(`/executions/${id}`), 404, 'n8n no longer has it');
});

test('a failed execution’s detail: the failed node and its message, the workflow, the raw JSON', async (t) => {
  const page = await newPage(t, browser, real.url);
  await openExecutions(page, '?status=error');
  const [first] = await rows(page);
  assert.ok(first, 'a failed execution is listed');
  const id = first.id;
  await table(page).getByRole('link', { name: id, exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/executions/${id}`);
  await page.getByRole('heading', { level: 1, name: `Execution ${id}`, exact: true }).waitFor();

  const execution = await n8n('GET', `/executions/${id}?includeData=true`);
  const runData = execution.data.resultData.runData;
  const failed = Object.entries(runData).filter(([, runs]) => runs.some((r) => r.error)).map(([name]) => name);
  assert.ok(failed.length > 0, `the API names a failed node of execution ${id}`);

  const workflow = await n8n('GET', `/workflows/${execution.workflowId}`);
  const link = page.getByRole('link', { name: workflow.name, exact: true });
  assert.equal(new URL(await link.getAttribute('href'), page.url()).pathname, `/workflows/${execution.workflowId}`);
  await page.getByText(execution.status, { exact: true }).first().waitFor();

  const nodes = page.getByRole('table', { name: 'Nodes', exact: true });
  await nodes.locator('tbody tr').first().waitFor();
  const headers = await nodes.getByRole('columnheader').evaluateAll((hs) => hs.map((h) => h.textContent.trim()));
  assert.deepEqual(headers, ['Node', 'Status', 'Items in', 'Items out', 'Time']);
  const shown = await nodes.locator('tbody tr').evaluateAll((trs) => trs.map((r) => ({
    head: r.cells[0].innerText.trim(),
    text: r.innerText,
    failed: r.classList.contains('node-failed'),
    out: r.cells[3]?.innerText.trim(),
  })));
  assert.equal(shown.length, Object.keys(runData).length, 'one row per executed node');
  for (const [name, runs] of Object.entries(runData)) {
    const row = shown.find((r) => r.head.startsWith(name));
    assert.ok(row, `a row for node "${name}": ${shown.map((r) => r.head)}`);
    const error = runs.find((r) => r.error)?.error;
    assert.equal(row.failed, Boolean(error), `node "${name}" has class node-failed only when it failed`);
    if (error) assert.ok(row.text.includes(error.message), `"${name}" shows "${error.message}": ${row.text}`);
    else {
      const out = runs.reduce((n, r) => n + (r.data?.main ?? []).reduce((m, o) => m + (o?.length ?? 0), 0), 0);
      assert.match(row.out, new RegExp(`\\b${out}\\b`), `items out of "${name}"`);
    }
  }

  const raw = page.locator('details').filter({ has: page.locator('summary', { hasText: 'Raw JSON' }) });
  assert.equal(await raw.evaluate((d) => d.open), false, 'Raw JSON starts collapsed');
  await raw.locator('summary').click();
  const pre = raw.locator('pre');
  await pre.waitFor();
  assert.match(await pre.innerText(), new RegExp(`"id":\\s*"?${id}"?\\s*[,}]`), 'the raw JSON is this execution');
});
