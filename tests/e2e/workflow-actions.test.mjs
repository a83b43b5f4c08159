// What the Workflows pages change in n8n, against a real, seeded n8n: the row's Activate/Deactivate
// (optimistic, rolled back with n8n's reason when refused), bulk activate/deactivate of the selection
// (sequential, with progress and a result per workflow), Export all (every page of the filter, in the
// shape POST /workflows takes, with each workflow's id, active state and tags), Import JSON of such a
// backup, and the detail page with its Export JSON, re-imported through the API.
// The API is the truth, read at the moment of comparing; each test puts back what it changed.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { FIXTURES, api, listAll } from '../support/seed.mjs';
import { countRequests, e2eContext, expectedFeatures, listAction, listSettled, stableRead, launchBrowser, newPage, signIn } from './helpers.mjs';

const { real } = e2eContext();
/** The routes the console should use: publish/unpublish from 2.33 (activate is deprecated there). */
const ROUTE = expectedFeatures(real.version).publish
  ? { activate: 'publish', deactivate: 'unpublish' }
  : { activate: 'activate', deactivate: 'deactivate' };
let browser;
before(async () => { browser = await launchBrowser(); });
after(() => browser?.close());

const n8n = (method, path, body) => api(real.n8nUrl, real.apiKey, method, path, body);
const apiWorkflows = (query = '') => listAll(real.n8nUrl, real.apiKey, `/workflows${query}`);
const workflowNamed = async (name) => {
  const found = (await apiWorkflows()).filter((w) => w.name === name);
  assert.equal(found.length, 1, `exactly one workflow named "${name}" in the seed`);
  return found[0];
};
const isActive = async (id) => (await n8n('GET', `/workflows/${id}`)).active;
/** Puts workflows back to the state they had (`[{id, active}]`), through the API. */
const restore = (workflows) => async () => {
  for (const { id, active } of workflows) {
    if ((await isActive(id)) !== active) await n8n('POST', `/workflows/${id}/${active ? 'activate' : 'deactivate'}`);
  }
};
const sorted = (names) => [...names].sort();
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const table = (page) => page.getByRole('table', { name: 'Workflows' });
const button = (page, name) => page.getByRole('button', { name, exact: true });
const select = (page, name) => page.getByRole('combobox', { name, exact: true });
const rowOf = (page, name) => table(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
const badge = (row, text) => row.getByText(text, { exact: true });
const bulkResult = (page) => page.getByRole('status', { name: 'Bulk result', exact: true });
const TOGGLE = new RegExp(`^/api/v1/workflows/[^/]+/(${ROUTE.activate}|${ROUTE.deactivate})$`);
/**
 * True for a POST that activates or deactivates a workflow through this version's route (`verb`,
 * `activate` or `deactivate`: only that one); `r` a request.
 */
const isToggleRequest = (r, verb) => r.method() === 'POST' && TOGGLE.test(new URL(r.url()).pathname)
  && (!verb || new URL(r.url()).pathname.endsWith(`/${ROUTE[verb]}`));
const isToggle = (response, verb) => isToggleRequest(response.request(), verb);

/** The row header (the name) of every body row, once two reads 150 ms apart agree. */
async function rowNames(page) {
  const read = () => table(page).locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('th')?.innerText.trim()));
  return stableRead(read);
}

const settled = (page) => listSettled(page, /No workflows/i);

const act = (page, action) => listAction(page, /No workflows/i, action);

/** Signs in and narrows the list to names containing `word`; checks the rows are the API's. */
async function search(page, word) {
  await signIn(page, real.apiKey);
  await act(page, () => page.getByRole('textbox', { name: 'Search workflows' }).fill(word));
  await page.waitForURL((u) => [...u.searchParams.values()].some((v) => v.toLowerCase() === word.toLowerCase()));
  const expected = await apiWorkflows(`?name=${encodeURIComponent(word)}`);
  assert.deepEqual(sorted(await rowNames(page)), sorted(expected.map((w) => w.name)), `the rows for "${word}"`);
  return expected;
}

/**
 * Holds every request the page sends that `matches` (a URL predicate) until `release()` is called,
 * so that what shows while a request is out can be checked without racing it. `first` resolves
 * once a request is held; `held` lists them.
 */
async function hold(page, matches) {
  let open;
  let arrived;
  const gate = new Promise((resolve) => { open = resolve; });
  const first = new Promise((resolve) => { arrived = resolve; });
  const held = [];
  const continued = [];
  const handler = (route) => {
    held.push(route.request());
    arrived();
    const going = gate.then(() => route.continue());
    continued.push(going);
    return going;
  };
  await page.route(matches, handler);
  const release = async () => {
    open();
    await Promise.all(continued);
    await page.unroute(matches, handler);
  };
  return { held, first, release };
}

/** Runs `action`, which must start a download; resolves to its file name and parsed JSON. */
async function downloadJson(page, action) {
  const started = page.waitForEvent('download');
  await action();
  const download = await started;
  const path = await download.path();
  assert.ok(path, `download failed: ${await download.failure()}`);
  return { file: download.suggestedFilename(), json: JSON.parse(await readFile(path, 'utf8')) };
}

/** The fields of a backup entry that say which workflow it was; an import strips them again. */
const IDENTITY = ['id', 'active', 'tags'];
/** What POST /api/v1/workflows takes: name, nodes, connections, settings, non-null staticData/pinData. */
const IMPORTABLE = ['name', 'nodes', 'connections', 'settings', 'staticData', 'pinData'];
const importable = (entry) => Object.fromEntries(Object.entries(entry).filter(([k]) => !IDENTITY.includes(k)));

/** `entry` is a backup of `original`: the body POST /workflows takes, plus n8n's id, active state and tags. */
function assertBackupShape(entry, original) {
  const extra = Object.keys(entry).filter((k) => !IMPORTABLE.includes(k) && !IDENTITY.includes(k));
  assert.deepEqual(extra, [], `"${entry.name}": only the importable fields and id, active, tags`);
  assert.equal(typeof entry.name, 'string');
  assert.ok(Array.isArray(entry.nodes), `"${entry.name}": nodes`);
  for (const key of ['connections', 'settings']) {
    assert.ok(entry[key] && typeof entry[key] === 'object', `"${entry.name}": ${key} is an object`);
  }
  for (const key of ['staticData', 'pinData']) {
    if (key in entry) assert.notEqual(entry[key], null, `"${entry.name}": ${key} only when not null`);
  }
  assert.equal(entry.id, original.id, `"${entry.name}": the backup says which workflow it was`);
  assert.equal(entry.active, original.active, `"${entry.name}": its active state`);
  assert.deepEqual((entry.tags ?? []).map((t) => t.name).sort(), original.tags.map((t) => t.name).sort(), `"${entry.name}": its tags`);
}

/** The parts an import must keep: name, nodes (name and type) and connections. */
const essence = (w) => ({
  name: w.name,
  nodes: w.nodes.map((n) => [n.name, n.type]).sort(),
  connections: w.connections,
});

/** POSTs an exported entry back (without id, active and tags), checks n8n keeps it as `original`, and deletes the copy when `t` ends. */
async function reimport(t, entry, original) {
  const { id } = await n8n('POST', '/workflows', importable(entry));
  t.after(() => n8n('DELETE', `/workflows/${id}`));
  assert.notEqual(id, original.id);
  const copy = await n8n('GET', `/workflows/${id}`);
  assert.deepEqual(essence(copy), essence(original), `the re-imported "${original.name}"`);
  assert.equal(copy.active, false, 'an import starts inactive');
}

test('Deactivate then Activate on a row (each double-clicked): the row changes at once, n8n follows, one request each', async (t) => {
  const name = 'Website uptime check';
  const workflow = await workflowNamed(name);
  assert.equal(workflow.active, true, `"${name}" is active in the seed`);
  t.after(restore([workflow]));
  const page = await newPage(t, browser, real.url);
  await search(page, name);
  const row = rowOf(page, name);
  await badge(row, 'Active').waitFor();

  const toggles = countRequests(page, 'POST', new RegExp(`^/api/v1/workflows/${workflow.id}/(activate|deactivate|publish|unpublish)$`));
  for (const [verb, from, to, label] of [['deactivate', 'Deactivate', 'Activate', 'Inactive'], ['activate', 'Activate', 'Deactivate', 'Active']]) {
    const gate = await hold(page, (url) => url.pathname === `/api/v1/workflows/${workflow.id}/${ROUTE[verb]}`);
    await row.getByRole('button', { name: from, exact: true }).dblclick(); // the second click is no toggle back
    await gate.first;
    await badge(row, label).waitFor(); // while the request is held: n8n has not seen it
    await row.getByRole('button', { name: to, exact: true }).waitFor();
    assert.equal(gate.held.length, 1, `one ${verb} request is out`);
    const answered = page.waitForResponse((r) => isToggle(r, verb));
    await gate.release();
    assert.equal((await answered).status(), 200);
    assert.equal(await isActive(workflow.id), verb === 'activate', `n8n has "${name}" ${label}`);
    await badge(row, label).waitFor();
  }
  assert.equal(toggles.length, 2, `one request per double click: ${toggles}`);
});

test('Activate on a manual-trigger workflow: n8n refuses, the row goes back and n8n’s reason is shown', async (t) => {
  const name = 'Nightly Postgres backup';
  const workflow = await workflowNamed(name);
  assert.equal(workflow.active, false);
  t.after(restore([workflow]));
  const page = await newPage(t, browser, real.url);
  await search(page, 'Postgres');
  const row = rowOf(page, name);
  await badge(row, 'Inactive').waitFor();

  const gate = await hold(page, (url) => url.pathname === `/api/v1/workflows/${workflow.id}/${ROUTE.activate}`);
  await row.getByRole('button', { name: 'Activate', exact: true }).click();
  await gate.first;
  await badge(row, 'Active').waitFor(); // optimistic, while the request is held
  const answered = page.waitForResponse((r) => isToggle(r, 'activate'));
  await gate.release();
  const answer = await answered;
  assert.equal(answer.status(), 400);
  const { message } = await answer.json();
  assert.match(message, /no trigger node|no node to start the workflow/);

  const alert = page.getByRole('alert').filter({ hasText: /no trigger node|no node to start the workflow/ });
  await alert.first().waitFor();
  await badge(row, 'Inactive').waitFor();
  await row.getByRole('button', { name: 'Activate', exact: true }).waitFor();
  assert.equal(await isActive(workflow.id), false, 'n8n still has it inactive');
});

test('bulk: Select all, Deactivate selected, then Activate selected; one request at a time, a result per workflow', async (t) => {
  const page = await newPage(t, browser, real.url);
  const word = 'Stripe';
  const workflows = await search(page, word);
  assert.ok(workflows.length >= 2 && workflows.every((w) => w.active), `the seed has active "${word}" workflows`);
  t.after(restore(workflows));
  const names = workflows.map((w) => w.name);
  const byId = new Map(workflows.map((w) => [w.id, w.name]));
  // What the page sent and got back, in order: a sequential run alternates request and response.
  let events = [];
  page.on('request', (r) => { if (isToggleRequest(r)) events.push(`request ${r.url()}`); });
  page.on('response', (r) => { if (isToggle(r)) events.push(`response ${r.url()}`); });

  for (const [verb, label, done, run] of [
    ['deactivate', 'Inactive', 'Deactivated', 'Deactivate selected'],
    ['activate', 'Active', 'Activated', 'Activate selected'],
  ]) {
    await page.getByRole('checkbox', { name: 'Select all', exact: true }).check();
    for (const name of names) assert.ok(await page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).isChecked());
    await page.getByText(`${names.length} selected`, { exact: true }).waitFor();

    events = [];
    const gate = await hold(page, (url) => TOGGLE.test(url.pathname));
    await button(page, run).dblclick(); // one run: the second click finds the button disabled
    await gate.first;
    await page.getByRole('progressbar', { name: 'Bulk progress', exact: true }).waitFor();
    assert.equal(gate.held.length, 1, 'one request at a time');
    await gate.release();

    const result = bulkResult(page);
    await result.getByText(new RegExp(`${done} ${names.length} of ${names.length}`)).waitFor();
    const items = await result.getByRole('listitem').evaluateAll((lis) => lis.map((li) => li.innerText.trim().replace(/\s+/g, ' ')));
    assert.deepEqual(sorted(items), sorted(names.map((n) => `${n} done`)));

    const urls = events.map((e) => e.split(' ')[1]);
    assert.deepEqual(events.map((e) => e.split(' ')[0]), names.flatMap(() => ['request', 'response']), `sequential: ${events}`);
    for (let i = 0; i < urls.length; i += 2) assert.equal(urls[i], urls[i + 1]);
    const sent = urls.filter((_, i) => i % 2 === 0).map((u) => new URL(u).pathname.split('/'));
    assert.deepEqual(sorted(sent.map((p) => byId.get(p[4]))), sorted(names), 'one request per workflow');
    assert.ok(sent.every((p) => p[5] === ROUTE[verb]), `every request is ${ROUTE[verb]}`);

    for (const w of workflows) assert.equal(await isActive(w.id), verb === 'activate', `n8n has "${w.name}" ${label}`);
    for (const name of names) await badge(rowOf(page, name), label).waitFor(); // the list shows n8n's state
    await settled(page);
  }
});

test('bulk: Activate selected over workflows n8n cannot activate reports each failure with n8n’s reason', async (t) => {
  const page = await newPage(t, browser, real.url);
  const word = 'Slack';
  const workflows = await search(page, word);
  const startable = workflows.filter((w) => w.active);
  assert.ok(startable.length >= 1 && startable.length < workflows.length, `"${word}" mixes active webhook and manual workflows`);
  t.after(restore(workflows));

  await page.getByRole('checkbox', { name: 'Select all', exact: true }).check();
  await page.getByText(`${workflows.length} selected`, { exact: true }).waitFor();
  await button(page, 'Activate selected').click();
  const result = bulkResult(page);
  await result.getByText(new RegExp(`Activated ${startable.length} of ${workflows.length}`)).waitFor();

  const items = await result.getByRole('listitem').evaluateAll((lis) => lis.map((li) => li.innerText.trim().replace(/\s+/g, ' ')));
  assert.equal(items.length, workflows.length);
  for (const w of workflows) {
    const item = items.find((text) => text.startsWith(`${w.name} `));
    assert.ok(item, `a result for "${w.name}": ${items}`);
    if (w.active) assert.equal(item, `${w.name} done`);
    else assert.match(item, new RegExp(`^${escape(w.name)} failed: .*(no trigger node|no node to start the workflow)`));
    assert.equal(await isActive(w.id), w.active, `n8n still has "${w.name}" as before`);
  }
});

test('Export all saves every workflow of the filter, all pages, in the shape POST /workflows takes', async (t) => {
  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  await act(page, () => select(page, 'Rows per page').selectOption('10'));
  await act(page, () => select(page, 'Tag').selectOption({ label: 'billing' }));
  const expected = await apiWorkflows('?tags=billing');
  assert.ok(expected.length > 10, `the tag billing spans more than one page of 10 (${expected.length})`);
  assert.equal((await rowNames(page)).length, 10);

  // Hold the export's reads so that its progress can be seen.
  const gate = await hold(page, (url) => url.pathname.startsWith('/api/v1/workflows'));
  const { file, json } = await downloadJson(page, async () => {
    await button(page, 'Export all').click();
    await gate.first;
    await page.getByRole('progressbar', { name: 'Export progress', exact: true }).waitFor();
    await gate.release();
  });
  assert.match(file, /^n8n-workflows-\d{4}-\d{2}-\d{2}\.json$/);
  assert.ok(Array.isArray(json), 'the file holds an array');
  assert.deepEqual(sorted(json.map((w) => w.name)), sorted(expected.map((w) => w.name)), 'every billing workflow, once');
  for (const entry of json) {
    const original = expected.find((w) => w.name === entry.name);
    assertBackupShape(entry, original);
    assert.deepEqual(essence(entry), essence(original), `"${entry.name}" as n8n has it`);
  }
  await page.getByRole('progressbar', { name: 'Export progress', exact: true }).waitFor({ state: 'hidden' });

  const original = expected.find((w) => w.name === FIXTURES.multiNode);
  assert.ok(original, `"${FIXTURES.multiNode}" carries the tag billing`);
  await reimport(t, json.find((w) => w.name === original.name), original);
});

/** The fields PUT /workflows/{id} takes again, from what GET answered: to put a workflow back. */
const putBack = (w) => ({ name: w.name, nodes: w.nodes, connections: w.connections, settings: w.settings ?? {} });

test('Import JSON round-trips an Export all: an existing workflow skipped, copied or updated in place as chosen, a new one created, tags kept', async (t) => {
  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  await act(page, () => select(page, 'Tag').selectOption({ label: 'billing' }));
  const { json } = await downloadJson(page, () => button(page, 'Export all').click());
  const expected = await apiWorkflows('?tags=billing');
  assert.equal(json.length, expected.length, 'the backup holds every billing workflow');

  // After the backup, one workflow changes on n8n: Update in place must put the backup back.
  const updated = json.find((w) => w.name === FIXTURES.multiNode);
  assert.ok(updated, `"${FIXTURES.multiNode}" carries the tag billing`);
  const before = await n8n('GET', `/workflows/${updated.id}`);
  t.after(() => n8n('PUT', `/workflows/${updated.id}`, putBack(before)));
  const changed = putBack(before);
  changed.nodes = changed.nodes.map((n, i) => (i === 0 ? { ...n, notes: 'changed after the backup' } : n));
  await n8n('PUT', `/workflows/${updated.id}`, changed);
  const copied = json.find((w) => w.name !== updated.name && w.nodes.length > 1);
  assert.ok(copied, 'a second billing workflow with nodes');
  // An entry no instance has (no id, a new name) is created.
  const fresh = { ...json.find((w) => w.name !== updated.name && w.name !== copied.name), name: `Imported fresh ${Date.now()}` };
  delete fresh.id;
  const file = [...json, fresh];
  const cleanUp = async () => {
    for (const name of [`${copied.name} (copy)`, fresh.name]) {
      for (const w of await apiWorkflows(`?name=${encodeURIComponent(name)}`)) {
        if (w.name === name) await n8n('DELETE', `/workflows/${w.id}`);
      }
    }
  };
  t.after(cleanUp);

  await button(page, 'Import JSON').click();
  const dialog = page.getByRole('dialog', { name: 'Import workflows', exact: true });
  await dialog.getByLabel('Workflow file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const rows = dialog.getByRole('table');
  const rowFor = (name) => rows.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await rowFor(fresh.name).getByText('New', { exact: true }).waitFor();
  await rowFor(updated.name).getByText('Same id', { exact: true }).waitFor();
  await rowFor(updated.name).getByText(`id ${updated.id}`, { exact: true }).waitFor();
  assert.equal(await rows.locator('tbody tr').count(), file.length, 'one row per workflow in the file');
  // Nothing is sent before Import; every existing workflow starts as Skip.
  assert.equal(await button(dialog, 'Import 1 workflow').count(), 1);
  await select(dialog, `Action for ${updated.name}`).selectOption({ label: 'Update in place' });
  await select(dialog, `Action for ${copied.name}`).selectOption({ label: 'Import as a copy' });
  const sent = [];
  page.on('request', (r) => { if (['POST', 'PUT'].includes(r.method())) sent.push([r.method(), new URL(r.url()).pathname]); });
  await button(dialog, 'Import 3 workflows').click();
  const result = dialog.getByRole('status', { name: 'Import result', exact: true });
  await result.getByText(new RegExp(`^Imported 3 of ${file.length}, ${file.length - 3} skipped`)).waitFor({ timeout: 30_000 });
  const items = await result.getByRole('listitem').evaluateAll((lis) => lis.map((li) => li.innerText.trim().replace(/\s+/g, ' ')));
  const said = (name) => items.find((i) => i.startsWith(`${name} `))?.slice(name.length + 1);
  assert.match(said(copied.name), /^created as \S+$/);
  assert.match(said(fresh.name), /^created as \S+$/);
  assert.equal(items.filter((i) => i.endsWith(' skipped')).length, file.length - 3, `the rest skipped: ${items}`);

  // n8n has what the file said: the update kept its id and lost the change, the copy and the new
  // one carry the workflow's nodes, connections and tags.
  const now = await n8n('GET', `/workflows/${updated.id}`);
  // The log says whether the updated workflow is live after the update, as n8n answers it.
  assert.equal(said(updated.name), now.active ? 'updated in place, active' : 'updated in place');
  assert.deepEqual(essence(now), essence(updated), 'updated in place to the backup');
  assert.equal(now.nodes[0].notes ?? null, updated.nodes[0].notes ?? null, 'the change after the backup is gone');
  for (const [name, source] of [[`${copied.name} (copy)`, copied], [fresh.name, fresh]]) {
    const made = (await apiWorkflows(`?name=${encodeURIComponent(name)}`)).filter((w) => w.name === name);
    assert.equal(made.length, 1, `one workflow named "${name}"`);
    const full = await n8n('GET', `/workflows/${made[0].id}`);
    assert.deepEqual(essence({ ...full, name: source.name }), essence(source), `"${name}" as the file has it`);
    assert.deepEqual(sorted(full.tags.map((tag) => tag.name)), sorted(source.tags.map((tag) => tag.name)), `"${name}" keeps its tags`);
    assert.equal(full.active, false, 'an import starts inactive');
  }
  assert.equal((await apiWorkflows('?tags=billing')).length, expected.length + 2, 'two more billing workflows, no more');
  const count = (method, path) => sent.filter(([m, p]) => m === method && p === path).length;
  assert.equal(count('PUT', `/api/v1/workflows/${updated.id}`), 1, 'one PUT for the update');
  assert.equal(count('POST', '/api/v1/workflows'), 2, 'one POST for each created workflow');

  await button(dialog, 'Close').click();
  await dialog.waitFor({ state: 'hidden' });
});

test('detail page: state, tags, nodes, a link to its executions; Export JSON imports back as the same workflow', async (t) => {
  const page = await newPage(t, browser, real.url);
  const original = await workflowNamed(FIXTURES.multiNode);
  await search(page, original.name);
  await table(page).getByRole('link', { name: original.name, exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/workflows/${original.id}`);
  await page.getByRole('heading', { level: 1, name: original.name, exact: true }).waitFor();

  await page.getByText(original.active ? 'Active' : 'Inactive', { exact: true }).first().waitFor();
  await button(page, original.active ? 'Deactivate' : 'Activate').waitFor();
  for (const tag of original.tags) await page.getByText(tag.name, { exact: true }).first().waitFor();

  const nodes = page.getByRole('table', { name: 'Nodes', exact: true });
  await nodes.locator('tbody tr').first().waitFor();
  const shown = await nodes.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.cells[0].innerText.trim(), r.cells[1].innerText.trim()]));
  assert.deepEqual(shown.sort(), original.nodes.map((n) => [n.name, n.type]).sort(), 'one row per node: name and type');

  const link = page.getByRole('link', { name: 'Executions of this workflow', exact: true });
  const href = new URL(await link.getAttribute('href'), page.url());
  assert.equal(href.pathname, '/executions');
  assert.equal(href.searchParams.get('workflow'), original.id);

  const { file, json } = await downloadJson(page, () => button(page, 'Export JSON').click());
  const slug = original.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  assert.equal(file, `${slug}.json`, 'the file is named after the workflow');
  assertBackupShape(json, original);
  await reimport(t, json, original);
});
