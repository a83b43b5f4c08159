// The Variables page. On the fake n8n (licensed, 14 variables, one value of several hundred
// characters): the list over pages of 10 and back, the key filter, Show full value / Hide, New
// variable (n8n's key rule checked before any request), Edit, Delete, and a 403 without a licence
// message told as the missing scope. On the real n8n (no licence): a plain-words licence notice
// instead of the list. The fake's API is the truth, read at the moment of comparing; each test
// removes what it made and puts back what it changed (the fake is shared with other test files).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { api, listAll } from '../support/seed.mjs';
import { collectPages, e2eContext, fakeFault, fieldError, holdWrites, launchBrowser, listAction, listSettled, newPage, pageLabel, signIn, stableRead, quoted } from './helpers.mjs';

const { real, fake } = e2eContext();
let browser;
before(async () => { browser = await launchBrowser(); });
after(() => browser?.close());

const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const fakeApi = (method, path, body) => api(fake.fakeUrl, fake.apiKey, method, path, body);
const apiVariables = () => listAll(fake.fakeUrl, fake.apiKey, '/variables');
const variableKeyed = async (key) => (await apiVariables()).find((v) => v.key === key);
const sorted = (items) => [...items].sort();
const sameSet = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

const table = (page) => page.getByRole('table', { name: 'Variables', exact: true });
const button = (page, name) => page.getByRole('button', { name, exact: true });
const select = (page, name) => page.getByRole('combobox', { name, exact: true });
const filterBox = (page) => page.getByRole('textbox', { name: 'Filter variables', exact: true });
const rowOf = (page, key) => table(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: key, exact: true }) });
const EMPTY = /No variables/i;
const settled = (page) => listSettled(page, EMPTY);
const act = (page, action) => listAction(page, EMPTY, action);
/** A success toast: a role=status element that mentions `text`. */
const toast = (page, text) => page.getByRole('status').filter({ hasText: text }).first();

/** Calls `read` until `done(value)` holds (10 s at most); returns the last value either way. */
async function until(read, done, ms = 10_000) {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(150);
    value = await read();
  }
  return value;
}

/**
 * Every body row as { key, value, clipped, type, actions, cellButtons }: `value` is the Value cell's
 * text without its buttons, `clipped` whether part of that text is hidden by overflow.
 */
async function rows(page) {
  const read = () => table(page).locator('tbody tr').evaluateAll((trs) => trs.map((r) => {
    const cell = r.cells[1];
    // What is rendered (innerText skips display:none), without the buttons' own words.
    let shown = cell?.innerText ?? '';
    for (const b of cell?.querySelectorAll('button') ?? []) shown = shown.replace(b.innerText, '');
    // Clipped: some element in the cell hides part of its content (ellipsis, line clamp); a
    // scrolling box still shows all of it.
    const hides = (overflow) => overflow === 'hidden' || overflow === 'clip';
    const clipped = cell ? [cell, ...cell.querySelectorAll('*')].some((e) => {
      const style = getComputedStyle(e);
      return (e.scrollWidth > e.clientWidth + 1 && hides(style.overflowX))
        || (e.scrollHeight > e.clientHeight + 1 && hides(style.overflowY));
    }) : false;
    return {
      key: r.querySelector('th')?.innerText.trim(),
      value: shown,
      clipped,
      type: r.cells[2]?.innerText.trim(),
      actions: [...(r.cells[3]?.querySelectorAll('button') ?? [])].map((b) => b.innerText.trim()),
      cellButtons: [...(cell?.querySelectorAll('button') ?? [])].map((b) => b.innerText.trim()),
    };
  }));
  return stableRead(read);
}
const keys = async (page) => (await rows(page)).map((r) => r.key);
/** True when the row shows the whole of `value`: all its text there, nothing clipped. */
const showsAll = (row, value) => row.value.includes(value) && !row.clipped;

/** Signs in on the fake and opens /variables (with `query`), loaded. */
async function openVariables(page, query = '') {
  await signIn(page, fake.apiKey);
  await act(page, () => page.goto(`/variables${query}`));
  await page.getByRole('heading', { level: 1, name: 'Variables', exact: true }).waitFor();
  await settled(page);
}

/** Records the page's requests to /api/v1/variables* other than GET. */
function variableWrites(page) {
  const writes = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.method() !== 'GET' && path.startsWith('/api/v1/variables')) writes.push(`${r.method()} ${path} ${r.postData() ?? ''}`.trim());
  });
  return writes;
}

/** Creates variables through the fake's API; deletes them (by key, whatever their id) when `t` ends. */
async function makeVariables(t, entries) {
  t.after(async () => {
    for (const v of await apiVariables()) {
      if (entries.some(([key]) => v.key.startsWith(key))) await fakeApi('DELETE', `/variables/${v.id}`);
    }
  });
  for (const [key, value] of entries) await fakeApi('POST', '/variables', { key, value });
  const all = await apiVariables();
  return entries.map(([key]) => all.find((v) => v.key === key));
}

/** Deletes, when `t` ends, every variable whose key starts with `prefix`. */
function removeLater(t, prefix) {
  t.after(async () => {
    for (const v of await apiVariables()) if (v.key.startsWith(prefix)) await fakeApi('DELETE', `/variables/${v.id}`);
  });
}

async function openNewVariable(page) {
  await button(page, 'New variable').click();
  const dialog = page.getByRole('dialog', { name: 'New variable', exact: true });
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the New variable dialog is modal');
  await button(dialog, 'Cancel').waitFor();
  return {
    dialog,
    key: dialog.getByRole('textbox', { name: 'Key', exact: true }),
    value: dialog.getByRole('textbox', { name: 'Value', exact: true }),
    create: button(dialog, 'Create'),
  };
}

test('fake n8n: every variable once over pages of 10 and back; key, value and type are the API\'s', async (t) => {
  const page = await newPage(t, browser, fake.url);
  await openVariables(page);
  const headers = await table(page).getByRole('columnheader').evaluateAll((hs) => hs.map((h) => h.textContent.trim()));
  assert.deepEqual(headers.slice(1), ['Value', 'Type', 'Actions'], `the columns: ${headers}`);
  const options = await select(page, 'Rows per page').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(options, ['10', '25', '50', '100', '250']);

  await act(page, () => select(page, 'Rows per page').selectOption('10'));
  await page.waitForURL((u) => u.searchParams.get('rows') === '10');
  const pages = await collectPages(page, rows, act);
  const expected = await apiVariables();
  assert.ok(expected.length > 10, `more than one page (${expected.length} variables)`);
  assert.deepEqual(pages.map((p) => p.length), pages.map((_, i) => (i < pages.length - 1 ? 10 : expected.length - 10 * i)),
    'full pages of 10, then the rest');
  const shown = pages.flat();
  assert.deepEqual(sorted(shown.map((r) => r.key)), sorted(expected.map((v) => v.key)), 'each variable exactly once');

  const byKey = new Map(expected.map((v) => [v.key, v]));
  for (const row of shown) {
    const v = byKey.get(row.key);
    assert.equal(row.type, v.type, `${row.key}: type`);
    assert.deepEqual(sorted(row.actions), ['Copy', 'Delete', 'Edit'], `${row.key}: actions`);
    if (v.value.length <= 20) {
      assert.ok(showsAll(row, v.value), `${row.key}: a short value is shown whole: ${JSON.stringify(row)}`);
      assert.ok(!row.cellButtons.includes('Show full value'), `${row.key}: no Show full value for a short value`);
    }
  }
  const long = expected.reduce((a, b) => (b.value.length > a.value.length ? b : a));
  assert.ok(long.value.length >= 300, 'the fake has a long value');
  const longRow = shown.find((r) => r.key === long.key);
  assert.ok(!showsAll(longRow, long.value), `${long.key}: a long value is truncated`);
  assert.ok(longRow.cellButtons.includes('Show full value'), `${long.key}: offers Show full value`);

  assert.ok(new URL(page.url()).searchParams.has('after'), 'the cursor is in the URL on page 2');
  const last = pages.length;
  await act(page, () => page.reload());
  await pageLabel(page, last).waitFor();
  assert.deepEqual(await keys(page), pages[last - 1].map((r) => r.key), `page ${last} after a reload`);
  for (let n = last - 1; n >= 1; n--) {
    await act(page, () => button(page, 'Previous page').click());
    await pageLabel(page, n).waitFor();
    assert.deepEqual(await keys(page), pages[n - 1].map((r) => r.key), `page ${n} going back`);
  }
  assert.ok(await button(page, 'Previous page').isDisabled(), 'no previous page on page 1');
});

test('fake n8n: the filter narrows by key (not value), ignores case, lives in the URL and shows every match on one page', async (t) => {
  const page = await newPage(t, browser, fake.url);
  await openVariables(page);
  await act(page, () => select(page, 'Rows per page').selectOption('10'));

  const typed = 'e';
  await filterBox(page).fill(typed);
  await page.waitForURL((u) => u.searchParams.get('q') === typed);
  await settled(page);
  const expected = (await apiVariables()).map((v) => v.key).filter((k) => k.toLowerCase().includes(typed));
  assert.ok(expected.length > 10, `more matches than rows per page (${expected.length})`);
  assert.deepEqual(sorted(await until(() => keys(page), (shown) => sameSet(shown, expected))), sorted(expected),
    'every match on one page, with rows per page 10');
  const next = button(page, 'Next page');
  if (await next.count()) assert.ok(await next.isDisabled(), 'no next page while the filter shows every match');

  const upper = 'EMAIL';
  await filterBox(page).fill(upper);
  await page.waitForURL((u) => u.searchParams.get('q') === upper);
  const email = (await apiVariables()).map((v) => v.key).filter((k) => k.toLowerCase().includes('email'));
  assert.ok(email.length > 0);
  assert.deepEqual(sorted(await until(() => keys(page), (shown) => sameSet(shown, email))), sorted(email), 'case does not matter');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Variables', exact: true }).waitFor();
  await settled(page);
  assert.equal(await filterBox(page).inputValue(), upper, 'the filter is restored from the URL');
  assert.deepEqual(sorted(await until(() => keys(page), (shown) => sameSet(shown, email))), sorted(email), 'same rows after a reload');

  // Values hold "example" (ops@example.com, ...); no key does: the filter is by key.
  const word = 'example';
  assert.ok((await apiVariables()).some((v) => v.value.includes(word)) && !(await apiVariables()).some((v) => v.key.toLowerCase().includes(word)));
  await filterBox(page).fill(word);
  await page.waitForURL((u) => u.searchParams.get('q') === word);
  assert.deepEqual(await until(() => keys(page), (shown) => shown.length === 0), [], 'no rows: values are not searched');
});

test('fake n8n: Show full value reveals the whole value in the row; Hide folds it again', async (t) => {
  const page = await newPage(t, browser, fake.url);
  await openVariables(page);
  const long = (await apiVariables()).reduce((a, b) => (b.value.length > a.value.length ? b : a));
  const row = rowOf(page, long.key);
  await row.waitFor();
  const current = async () => (await rows(page)).find((r) => r.key === long.key);
  assert.ok(!showsAll(await current(), long.value), 'truncated at first');

  await row.getByRole('button', { name: 'Show full value', exact: true }).click();
  await row.getByRole('button', { name: 'Hide', exact: true }).waitFor();
  assert.ok(showsAll(await until(current, (r) => showsAll(r, long.value)), long.value), 'the whole value, in the row');

  await row.getByRole('button', { name: 'Hide', exact: true }).click();
  await row.getByRole('button', { name: 'Show full value', exact: true }).waitFor();
  assert.ok(!showsAll(await until(current, (r) => !showsAll(r, long.value)), long.value), 'truncated again');
});

test('fake n8n: a key that breaks n8n\'s rule is refused at the field, before any request', async (t) => {
  const page = await newPage(t, browser, fake.url);
  await openVariables(page);
  const writes = variableWrites(page);
  const before = (await apiVariables()).length;

  const form = await openNewVariable(page);
  for (const key of ['my-var', '1abc']) {
    await form.key.fill(key);
    await form.value.fill('x');
    if (await form.create.isEnabled()) await form.create.click();
    await fieldError(form.key, /letters, digits/);
    await sleep(300);
    assert.deepEqual(writes, [], `no request for "${key}"`);
    assert.ok(await form.dialog.isVisible(), 'the dialog stays open');
  }
  await button(form.dialog, 'Cancel').click();
  await form.dialog.waitFor({ state: 'detached' });
  assert.deepEqual(writes, [], 'Cancel sends nothing');
  assert.equal((await apiVariables()).length, before, 'no variable was made');
});

test('fake n8n: New variable makes the variable; the list shows it', async (t) => {
  const key = `E2E_NEW_${RUN}`;
  removeLater(t, key);
  const page = await newPage(t, browser, fake.url);
  await openVariables(page);
  const writes = variableWrites(page);

  const form = await openNewVariable(page);
  await form.key.fill(key);
  await form.value.fill('made by the browser test');
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/variables' && r.request().method() === 'POST');
  await form.create.click();
  assert.equal((await created).status(), 201);
  await form.dialog.waitFor({ state: 'detached' });
  await toast(page, key).waitFor();
  await rowOf(page, key).waitFor();

  const made = await variableKeyed(key);
  assert.ok(made, 'n8n has it');
  assert.equal(made.value, 'made by the browser test');
  const row = (await rows(page)).find((r) => r.key === key);
  assert.ok(showsAll(row, made.value), `the row shows the value: ${JSON.stringify(row)}`);
  assert.equal(row.type, made.type);
  assert.equal(writes.length, 1, `one request: ${writes.join(' | ')}`);
  assert.deepEqual(JSON.parse(writes[0].slice(writes[0].indexOf('{'))), { key, value: 'made by the browser test' });
});

test('fake n8n: Edit changes key and value in n8n and in the list (one PUT for a double click)', async (t) => {
  const key = `E2E_EDIT_${RUN}`;
  const [variable] = await makeVariables(t, [[key, 'before']]);
  const page = await newPage(t, browser, fake.url);
  await holdWrites(page); // Save's double click comes while the first click's PUT is out
  await openVariables(page);
  const writes = variableWrites(page);

  await rowOf(page, key).getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit variable', exact: true });
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the Edit dialog is modal');
  const keyField = dialog.getByRole('textbox', { name: 'Key', exact: true });
  const valueField = dialog.getByRole('textbox', { name: 'Value', exact: true });
  assert.equal(await keyField.inputValue(), key, 'the key is prefilled');
  assert.equal(await valueField.inputValue(), 'before', 'the value is prefilled');

  const newKey = `${key}_2`;
  await keyField.fill(newKey);
  await valueField.fill('after');
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/variables/${variable.id}` && r.request().method() === 'PUT');
  await button(dialog, 'Save').dblclick();
  assert.equal((await answered).status(), 204);
  await dialog.waitFor({ state: 'detached' });
  await rowOf(page, newKey).waitFor();
  await rowOf(page, key).waitFor({ state: 'detached' });
  assert.equal(writes.length, 1, `a double click on Save sent one request: ${writes}`);
  assert.ok(writes[0].startsWith(`PUT /api/v1/variables/${variable.id} `), writes[0]);

  const now = (await apiVariables()).find((v) => v.id === variable.id);
  assert.deepEqual([now.key, now.value], [newKey, 'after'], 'n8n has the new key and value');
  const row = await until(async () => (await rows(page)).find((r) => r.key === newKey), (r) => r && showsAll(r, 'after'));
  assert.ok(showsAll(row, 'after'), `the row shows the new value: ${JSON.stringify(row)}`);
});

test('fake n8n: Delete asks in a modal dialog; Cancel and Escape send nothing; Delete (double-clicked) removes the variable once', async (t) => {
  const key = `E2E_DEL_${RUN}`;
  const [variable] = await makeVariables(t, [[key, 'to be deleted']]);
  const page = await newPage(t, browser, fake.url);
  await holdWrites(page); // Delete's double click comes while the first click's DELETE is out
  await openVariables(page);
  const writes = variableWrites(page);
  const dialog = page.getByRole('dialog', { name: `Delete variable ${quoted(key)}?`, exact: true });

  await rowOf(page, key).getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the dialog is modal');
  await button(dialog, 'Cancel').click();
  await dialog.waitFor({ state: 'detached' });
  await rowOf(page, key).getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(writes, [], 'Cancel and Escape send nothing');
  assert.ok(await variableKeyed(key), 'still there after Cancel');

  await rowOf(page, key).getByRole('button', { name: 'Delete', exact: true }).click();
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/variables/${variable.id}` && r.request().method() === 'DELETE');
  await button(dialog, 'Delete').dblclick();
  assert.equal((await answered).status(), 204);
  await dialog.waitFor({ state: 'detached' });
  await rowOf(page, key).waitFor({ state: 'detached' });
  await toast(page, key).waitFor();
  assert.equal(await variableKeyed(key), undefined, 'n8n no longer has it');
  assert.deepEqual(writes, [`DELETE /api/v1/variables/${variable.id}`], 'one DELETE');
  assert.deepEqual(sorted(await keys(page)), sorted((await apiVariables()).map((v) => v.key)), 'the list is n8n\'s');
});

test('fake n8n: a 403 without a licence message names the scope the key lacks (variable:list)', async (t) => {
  const page = await newPage(t, browser, fake.url);
  t.after(() => fakeFault(fake.fakeUrl, null));
  await signIn(page, fake.apiKey);
  await fakeFault(fake.fakeUrl, {
    path: '/api/v1/variables', times: 5, status: 403, body: '{"message":"Forbidden"}', contentType: 'application/json',
  });
  await page.goto('/variables');
  await page.getByRole('heading', { level: 1, name: 'Variables', exact: true }).waitFor();
  const alert = page.getByRole('alert').filter({ hasText: 'variable:list' }).first();
  await alert.waitFor();
  assert.match(await alert.innerText(), /variable:list/);
  assert.equal(await page.getByRole('table', { name: 'Variables', exact: true }).count(), 0, 'no table without data');
});

test('real n8n without a licence: a plain-words notice instead of the list, no raw n8n message', async (t) => {
  const answer = await fetch(new URL('/api/v1/variables', real.n8nUrl), { headers: { 'X-N8N-API-KEY': real.apiKey } });
  assert.equal(answer.status, 403, 'this n8n has no variables licence');
  assert.match(await answer.text(), /feat:variables/);

  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  await page.goto('/variables');
  await page.getByRole('heading', { level: 1, name: 'Variables', exact: true }).waitFor();
  const notice = page.getByText(/licen[cs]e/i).first();
  await notice.waitFor();
  const text = await notice.evaluate((e) => (e.parentElement ?? e).innerText);
  assert.match(text, /licen[cs]e/i);
  assert.match(text, /variables/i, `the notice is about variables: ${text}`);
  await sleep(500); // let anything else the page would show arrive
  assert.equal(await page.getByRole('table', { name: 'Variables', exact: true }).count(), 0, 'no table');
  assert.equal(await button(page, 'New variable').count(), 0, 'no New variable button');
  const body = await page.locator('body').innerText();
  assert.ok(!body.includes('feat:variables'), `n8n's raw message is not shown: ${body.slice(0, 400)}`);
});
