// The Tags page against a real, seeded n8n: the list (every tag once over pages of 10, and back; the
// Workflows count of each tag), the filter (done in the browser: case-insensitive, in the URL, every
// match on one page), New tag (made; a duplicate and a name over 24 characters refused at the field),
// Rename and Delete (the dialog says how many workflows carry the tag). The API is the truth, read at
// the moment of comparing. Each test makes its own tags (names starting with its own prefix) and
// temporary workflows, and removes them when it ends; the seed's tags are only read (other test files
// use them), never renamed or deleted.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { api, listAll } from '../support/seed.mjs';
import { collectPages, e2eContext, fakeFault, fieldError, launchBrowser, listAction, listSettled, newPage, pageLabel, signIn, stableRead, quoted } from './helpers.mjs';

const { real } = e2eContext();
let browser;
before(async () => { browser = await launchBrowser(); });
after(() => browser?.close());

const RUN = Date.now().toString(36).slice(-5); // tag names stay far below n8n's 24 characters
let prefixes = 0;
/** A prefix no other tag has: `e2e<run><n>-`. */
const newPrefix = () => `e2e${RUN}${(prefixes++).toString(36)}-`;

const n8n = (method, path, body) => api(real.n8nUrl, real.apiKey, method, path, body);
const apiTags = () => listAll(real.n8nUrl, real.apiKey, '/tags');
/** How many workflows carry the tag `name`, as the API answers it right now. */
const apiCount = async (name) => (await listAll(real.n8nUrl, real.apiKey, `/workflows?tags=${encodeURIComponent(name)}`)).length;
const sorted = (names) => [...names].sort();

const table = (page) => page.getByRole('table', { name: 'Tags', exact: true });
const button = (page, name) => page.getByRole('button', { name, exact: true });
const select = (page, name) => page.getByRole('combobox', { name, exact: true });
const filterBox = (page) => page.getByRole('textbox', { name: 'Filter tags', exact: true });
const rowOf = (page, name) => table(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
const EMPTY = /No tags/i;
const settled = (page) => listSettled(page, EMPTY);
const act = (page, action) => listAction(page, EMPTY, action);

/** What the dialog says about `n` workflows carrying the tag (the contract's words). */
const carryText = (n) => (n === 0 ? /No workflow carries this tag/
  : n === 1 ? /\b1 workflow carries this tag/ : new RegExp(`\\b${n} workflows carry this tag`));

/**
 * Creates `count` tags named `<prefix>NN` through the API, each carried by `workflows[i]` new
 * workflows (default none); everything whose name starts with `prefix` is deleted when `t` ends.
 * Returns the tags ({id, name, workflowIds}).
 */
async function makeTags(t, prefix, count, workflows = []) {
  const made = [];
  const workflowIds = [];
  t.after(async () => {
    for (const id of workflowIds) await n8n('DELETE', `/workflows/${id}`).catch(() => {});
    await removeTags(prefix);
  });
  for (let i = 0; i < count; i++) {
    const tag = await n8n('POST', '/tags', { name: `${prefix}${String(i).padStart(2, '0')}` });
    const ids = [];
    for (let w = 0; w < (workflows[i] ?? 0); w++) {
      const { id } = await n8n('POST', '/workflows', {
        name: `${tag.name} workflow ${w + 1}`,
        nodes: [{ id: crypto.randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
        connections: {},
        settings: { executionOrder: 'v1' },
      });
      workflowIds.push(id);
      ids.push(id);
      await n8n('PUT', `/workflows/${id}/tags`, [{ id: tag.id }]);
    }
    made.push({ ...tag, workflowIds: ids });
  }
  return made;
}

/** Deletes every tag whose name starts with `prefix` (whatever the page did with them). */
async function removeTags(prefix) {
  for (const tag of await apiTags()) {
    if (tag.name.startsWith(prefix)) await n8n('DELETE', `/tags/${tag.id}`).catch(() => {});
  }
}

/** Every body row as { name, href, workflows, created, updated, actions }, once two reads agree. */
async function rows(page) {
  const read = () => table(page).locator('tbody tr').evaluateAll((trs) => trs.map((r) => ({
    name: r.querySelector('th')?.innerText.trim(),
    href: r.querySelector('th a')?.getAttribute('href') ?? null,
    workflows: r.cells[1]?.innerText.trim(),
    created: r.cells[2]?.innerText.trim(),
    updated: r.cells[3]?.innerText.trim(),
    actions: [...(r.cells[4]?.querySelectorAll('button') ?? [])].map((b) => b.innerText.trim()),
  })));
  return stableRead(read);
}
const names = async (page) => (await rows(page)).map((r) => r.name);

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
const sameSet = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/** Rows once every Workflows cell holds a number (the counts may arrive after the tags). */
async function rowsWithCounts(page) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const shown = await rows(page);
    if (shown.every((r) => /^\d+$/.test(r.workflows ?? ''))) return shown;
    if (Date.now() > deadline) {
      assert.fail(`the Workflows column holds plain numbers: ${JSON.stringify(shown.map((r) => [r.name, r.workflows]))}`);
    }
    await sleep(200);
  }
}

/** Signs in and opens /tags (with `query`), loaded. */
async function openTags(page, query = '') {
  await signIn(page, real.apiKey);
  await act(page, () => page.goto(`/tags${query}`));
  await page.getByRole('heading', { level: 1, name: 'Tags', exact: true }).waitFor();
  await settled(page);
}

/** Records the page's requests to /api/v1/tags* other than GET, as "METHOD path body". */
function tagWrites(page) {
  const writes = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.method() !== 'GET' && path.startsWith('/api/v1/tags')) writes.push(`${r.method()} ${path} ${r.postData() ?? ''}`.trim());
  });
  return writes;
}

/** Opens the New tag dialog; checks it is modal and has its field and buttons. */
async function openNewTag(page) {
  await button(page, 'New tag').click();
  const dialog = page.getByRole('dialog', { name: 'New tag', exact: true });
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the New tag dialog is modal');
  await button(dialog, 'Cancel').waitFor();
  return { dialog, field: dialog.getByRole('textbox', { name: 'Name', exact: true }), create: button(dialog, 'Create') };
}

/** A success toast: a role=status element that mentions `text`. */
const toast = (page, text) => page.getByRole('status').filter({ hasText: text }).first();

test('every tag once over pages of 10 and back; names link to their workflows; Workflows counts match the API', async (t) => {
  const prefix = newPrefix();
  // Enough tags for two pages of 10 (the seed has 4), some carried by new workflows.
  await makeTags(t, prefix, 9, [2, 1]);
  const page = await newPage(t, browser, real.url);
  // The counts read each tag's own workflows: never the whole workflow list.
  const workflowReads = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/v1/workflows' && new URL(page.url()).pathname.endsWith('/tags')) workflowReads.push(url.search);
  });
  await openTags(page);

  const headers = await table(page).getByRole('columnheader').evaluateAll((hs) => hs.map((h) => h.textContent.trim()));
  assert.deepEqual(headers.slice(1), ['Workflows', 'Created', 'Updated', 'Actions'], `the columns: ${headers}`);
  const options = await select(page, 'Rows per page').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(options, ['10', '25', '50', '100', '250']);

  await act(page, () => select(page, 'Rows per page').selectOption('10'));
  await page.waitForURL((u) => u.searchParams.get('rows') === '10');
  const pages = await collectPages(page, rows, act);
  const expected = (await apiTags()).map((tag) => tag.name);
  assert.ok(expected.length > 10, `more than one page of tags (${expected.length})`);
  assert.deepEqual(pages.map((p) => p.length), pages.map((_, i) => (i < pages.length - 1 ? 10 : expected.length - 10 * i)),
    'full pages of 10, then the rest');
  const shown = pages.flat();
  assert.deepEqual(sorted(shown.map((r) => r.name)), sorted(expected), 'each tag exactly once');

  for (const row of shown) {
    const href = new URL(row.href ?? 'missing:', page.url());
    assert.equal(href.pathname, '/workflows', `"${row.name}" links to the workflows list: ${row.href}`);
    assert.equal(href.searchParams.get('tag'), row.name, `"${row.name}" links to ?tag=<name>: ${row.href}`);
    assert.deepEqual(sorted(row.actions), ['Delete', 'Rename'], `"${row.name}": actions`);
    assert.ok(row.created && row.updated, `"${row.name}": Created and Updated are filled`);
  }

  // Page 2 survives a reload (the cursor is in the URL), and Previous page gives page 1 back.
  assert.ok(new URL(page.url()).searchParams.has('after'), 'the cursor is in the URL on page 2');
  const last = pages.length;
  await act(page, () => page.reload());
  await pageLabel(page, last).waitFor();
  assert.deepEqual((await rows(page)).map((r) => r.name), pages[last - 1].map((r) => r.name), `page ${last} after a reload`);
  for (let n = last - 1; n >= 1; n--) {
    await act(page, () => button(page, 'Previous page').click());
    await pageLabel(page, n).waitFor();
    assert.deepEqual((await rows(page)).map((r) => r.name), pages[n - 1].map((r) => r.name), `page ${n} going back`);
  }
  assert.ok(await button(page, 'Previous page').isDisabled(), 'no previous page on page 1');

  // The Workflows count of every tag, against n8n's own filter, read now.
  await act(page, () => select(page, 'Rows per page').selectOption('25'));
  const counted = await rowsWithCounts(page);
  assert.equal(counted.length, expected.length, 'all tags on one page of 25');
  assert.ok(workflowReads.length > 0 && workflowReads.every((q) => new URLSearchParams(q).has('tags')),
    `every workflow read names a tag: ${workflowReads}`);
  const counts = {};
  for (const row of counted) {
    counts[row.name] = await apiCount(row.name);
    assert.equal(Number(row.workflows), counts[row.name], `"${row.name}" is carried by ${counts[row.name]} workflows`);
  }
  assert.equal(counts[`${prefix}00`], 2);
  assert.equal(counts[`${prefix}01`], 1);
  assert.ok(real.manifest.tags.every((name) => counts[name] > 0), 'the seed tags are carried by workflows');

  // A tag's link opens the workflows list filtered by it.
  const seedTag = real.manifest.tags.includes('billing') ? 'billing' : real.manifest.tags[0];
  await rowOf(page, seedTag).getByRole('link', { name: seedTag, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/workflows' && u.searchParams.get('tag') === seedTag);
  await page.getByRole('heading', { level: 1, name: 'Workflows' }).waitFor();
});

test('the filter narrows by name in the browser, ignores case, lives in the URL and shows every match on one page', async (t) => {
  const prefix = newPrefix();
  await makeTags(t, prefix, 12);
  const page = await newPage(t, browser, real.url);
  await openTags(page);
  await act(page, () => select(page, 'Rows per page').selectOption('10'));

  const typed = prefix.toUpperCase();
  await filterBox(page).fill(typed);
  await page.waitForURL((u) => u.searchParams.get('q') === typed);
  await settled(page);
  const expected = (await apiTags()).map((tag) => tag.name).filter((n) => n.toLowerCase().includes(typed.toLowerCase()));
  assert.equal(expected.length, 12);
  assert.deepEqual(sorted(await until(() => names(page), (shown) => sameSet(shown, expected))), sorted(expected),
    'all 12 matches on one page, with rows per page 10');
  const next = button(page, 'Next page');
  if (await next.count()) assert.ok(await next.isDisabled(), 'no next page while the filter shows every match');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Tags', exact: true }).waitFor();
  await settled(page);
  assert.equal(await filterBox(page).inputValue(), typed, 'the filter is restored from the URL');
  assert.deepEqual(sorted(await until(() => names(page), (shown) => sameSet(shown, expected))), sorted(expected),
    'same rows after a reload');

  // A part of a seed tag's name, in another case.
  const word = 'ILL';
  await filterBox(page).fill(word);
  await page.waitForURL((u) => u.searchParams.get('q') === word);
  await settled(page);
  const matching = (await apiTags()).map((tag) => tag.name).filter((n) => n.toLowerCase().includes('ill'));
  assert.ok(matching.length > 0, 'a seed tag contains "ill" (billing)');
  assert.deepEqual(sorted(await until(() => names(page), (shown) => sameSet(shown, matching))), sorted(matching));

  // No match: no rows.
  const nothing = `${prefix}nothing`;
  await filterBox(page).fill(nothing);
  await page.waitForURL((u) => u.searchParams.get('q') === nothing);
  assert.deepEqual(await until(() => names(page), (shown) => shown.length === 0), [], 'no rows for a filter nothing matches');
});

test('New tag makes the tag (n8n has it, the list shows it); 24 characters are allowed', async (t) => {
  const prefix = newPrefix();
  t.after(() => removeTags(prefix));
  const page = await newPage(t, browser, real.url);
  await openTags(page);
  const writes = tagWrites(page);

  // Cancel sends nothing.
  let form = await openNewTag(page);
  await form.field.fill(`${prefix}cancelled`);
  await button(form.dialog, 'Cancel').click();
  await form.dialog.waitFor({ state: 'detached' });
  assert.deepEqual(writes, [], 'Cancel sends nothing');

  for (const name of [`${prefix}made`, `${prefix}${'x'.repeat(24 - prefix.length)}`]) {
    assert.ok(name.length <= 24);
    form = await openNewTag(page);
    await form.field.fill(name);
    const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/tags' && r.request().method() === 'POST');
    await form.create.click();
    assert.equal((await created).status(), 201, `n8n made "${name}"`);
    await form.dialog.waitFor({ state: 'detached' });
    await toast(page, name).waitFor();
    await rowOf(page, name).waitFor();
    const made = (await apiTags()).filter((tag) => tag.name === name);
    assert.equal(made.length, 1, `n8n has one tag "${name}"`);
    const [row] = (await rows(page)).filter((r) => r.name === name);
    assert.deepEqual(sorted(row.actions), ['Delete', 'Rename']);
  }
  assert.equal(writes.length, 2, `one POST per tag: ${writes.join(' | ')}`);
  assert.ok(writes.every((w) => w.startsWith('POST /api/v1/tags {')), writes.join(' | '));
});

test('New tag refuses a duplicate name (listed, or made elsewhere meanwhile: n8n answers 409) at the field', async (t) => {
  const prefix = newPrefix();
  t.after(() => removeTags(prefix));
  const page = await newPage(t, browser, real.url);
  await openTags(page);
  const seedTag = real.manifest.tags[0];
  const tagsBefore = (await apiTags()).length;

  // A tag the page lists.
  let form = await openNewTag(page);
  await form.field.fill(seedTag);
  if (await form.create.isEnabled()) await form.create.click();
  await fieldError(form.field, /already/);
  assert.ok(await form.dialog.isVisible(), 'the dialog stays open');
  await button(form.dialog, 'Cancel').click();
  await form.dialog.waitFor({ state: 'detached' });

  // A tag someone made after the page read the list: only n8n knows (409 "Tag already exists").
  form = await openNewTag(page);
  const elsewhere = `${prefix}elsewhere`;
  await n8n('POST', '/tags', { name: elsewhere });
  const answers = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/tags' && r.request().method() === 'POST') answers.push(r.status());
  });
  await form.field.fill(elsewhere);
  if (await form.create.isEnabled()) await form.create.click();
  await fieldError(form.field, /already/);
  assert.ok(answers.every((s) => s === 409), `n8n refused it if it was sent: ${answers}`);
  assert.ok(await form.dialog.isVisible(), 'the dialog stays open');
  assert.equal((await apiTags()).filter((tag) => tag.name === elsewhere).length, 1, 'still one tag of that name');
  assert.equal((await apiTags()).filter((tag) => tag.name === seedTag).length, 1, `still one tag "${seedTag}"`);
  assert.equal((await apiTags()).length, tagsBefore + 1, 'no other tag was made');
});

test('New tag refuses a name over 24 characters at the field, before any request', async (t) => {
  const prefix = newPrefix();
  t.after(() => removeTags(prefix));
  const page = await newPage(t, browser, real.url);
  await openTags(page);
  const writes = tagWrites(page);
  const before = (await apiTags()).length;

  const form = await openNewTag(page);
  const name = `${prefix}${'y'.repeat(25 - prefix.length)}`;
  assert.equal(name.length, 25);
  await form.field.fill(name);
  assert.equal(await form.field.inputValue(), name, 'the field takes all 25 characters (the error says why it is refused)');
  if (await form.create.isEnabled()) await form.create.click();
  await fieldError(form.field, /24/);
  await sleep(500);
  assert.deepEqual(writes, [], 'no request was sent');
  assert.ok(await form.dialog.isVisible(), 'the dialog stays open');
  assert.equal((await apiTags()).length, before, 'n8n made no tag');
});

test('Rename changes the name in n8n and in the list', async (t) => {
  const prefix = newPrefix();
  const [tag] = await makeTags(t, prefix, 1, [1]);
  const page = await newPage(t, browser, real.url);
  await openTags(page);
  const writes = tagWrites(page);

  await rowOf(page, tag.name).getByRole('button', { name: 'Rename', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename tag', exact: true });
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the Rename dialog is modal');
  const field = dialog.getByRole('textbox', { name: 'Name', exact: true });
  assert.equal(await field.inputValue(), tag.name, 'the name is prefilled');

  const renamed = `${prefix}renamed`;
  await field.fill(renamed);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/tags/${tag.id}` && r.request().method() === 'PUT');
  await button(dialog, 'Save').click();
  assert.equal((await answered).status(), 200);
  await dialog.waitFor({ state: 'detached' });
  await rowOf(page, renamed).waitFor();
  await rowOf(page, tag.name).waitFor({ state: 'detached' });
  await toast(page, renamed).waitFor();

  assert.equal((await n8n('GET', `/tags/${tag.id}`)).name, renamed, 'n8n has the new name');
  const [row] = (await rowsWithCounts(page)).filter((r) => r.name === renamed);
  assert.equal(new URL(row.href, page.url()).searchParams.get('tag'), renamed, 'the link follows the new name');
  assert.equal(Number(row.workflows), await apiCount(renamed), 'the workflow still carries it');
  // n8n's PUT answer holds only id, name and updatedAt: the row must not lose its Created date.
  assert.ok(row.created && row.updated, `Created and Updated are still filled after the rename: ${JSON.stringify(row)}`);
  assert.equal(writes.length, 1, `one write: ${writes.join(' | ')}`);
  assert.ok(writes[0].startsWith(`PUT /api/v1/tags/${tag.id} `), writes[0]);
  assert.equal(JSON.parse(writes[0].slice(writes[0].indexOf('{'))).name, renamed, 'the PUT carries the new name');
});

test('Delete says how many workflows carry the tag; Cancel sends nothing; Delete removes it from n8n and its workflows', async (t) => {
  const prefix = newPrefix();
  const [two, one, none] = await makeTags(t, prefix, 3, [2, 1, 0]);
  const page = await newPage(t, browser, real.url);
  await openTags(page);
  await rowsWithCounts(page);
  const deletes = [];
  page.on('request', (r) => { if (r.method() === 'DELETE') deletes.push(new URL(r.url()).pathname); });

  const dialogFor = (name) => page.getByRole('dialog', { name: `Delete tag ${quoted(name)}?`, exact: true });
  /** Opens the Delete dialog of `name` and checks the count it states against the API. */
  async function openDelete(name) {
    await rowOf(page, name).getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = dialogFor(name);
    await dialog.waitFor();
    assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the Delete dialog is modal');
    const count = await apiCount(name);
    const pattern = carryText(count);
    const deadline = Date.now() + 10_000;
    let text = await dialog.innerText();
    while (!pattern.test(text) && Date.now() < deadline) { await sleep(150); text = await dialog.innerText(); }
    assert.match(text, pattern, `"${name}" is carried by ${count} workflows: ${text}`);
    return dialog;
  }

  // A seed tag (many workflows), one workflow, none: the dialog says so; Cancel keeps the tag.
  const seedTag = real.manifest.tags.includes('billing') ? 'billing' : real.manifest.tags[0];
  for (const name of [seedTag, one.name, none.name]) {
    const dialog = await openDelete(name);
    await button(dialog, 'Cancel').click();
    await dialog.waitFor({ state: 'detached' });
  }
  assert.deepEqual(deletes, [], 'Cancel sends no DELETE');
  assert.ok((await apiTags()).some((tag) => tag.name === seedTag), `"${seedTag}" is still there`);

  // Two workflows carry it; Delete removes the tag and takes it off both.
  assert.equal(await apiCount(two.name), 2);
  const dialog = await openDelete(two.name);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/tags/${two.id}` && r.request().method() === 'DELETE');
  await button(dialog, 'Delete').click();
  assert.equal((await answered).status(), 200);
  await dialog.waitFor({ state: 'detached' });
  await rowOf(page, two.name).waitFor({ state: 'detached' });
  await toast(page, two.name).waitFor();
  assert.deepEqual(deletes, [`/api/v1/tags/${two.id}`], 'one DELETE, for that tag');

  const status = (await fetch(new URL(`/api/v1/tags/${two.id}`, real.n8nUrl), { headers: { 'X-N8N-API-KEY': real.apiKey } })).status;
  assert.equal(status, 404, 'n8n no longer has the tag');
  for (const id of two.workflowIds) {
    const workflow = await n8n('GET', `/workflows/${id}`);
    assert.ok(!workflow.tags.some((tag) => tag.id === two.id), `workflow ${id} no longer carries it`);
  }
  assert.equal(await apiCount(two.name), 0);
  assert.deepEqual(sorted(await names(page)), sorted((await apiTags()).map((tag) => tag.name)), 'the list is n8n\'s');
});

test('on the fake: a delete that finishes after the admin left the page completes without a crash', async (t) => {
  const { fake } = e2eContext();
  const fakeApi = (method, path, body) => api(fake.fakeUrl, fake.apiKey, method, path, body);
  const name = `leaving-${Date.now() % 100000}`;
  const tag = await fakeApi('POST', '/tags', { name });
  t.after(async () => {
    await fakeFault(fake.fakeUrl, null);
    await fakeApi('DELETE', `/tags/${tag.id}`).catch(() => {});
  });
  const page = await newPage(t, browser, fake.url);
  await signIn(page, fake.apiKey);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tags', exact: true }).click();
  const row = page.getByRole('table', { name: 'Tags' }).getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  // n8n answers slowly; meanwhile the admin goes elsewhere.
  await fakeFault(fake.fakeUrl, { path: `/api/v1/tags/${tag.id}`, method: 'DELETE', delayMs: 800 });
  const answered = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes(`/tags/${tag.id}`));
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Workflows' }).waitFor();
  assert.equal((await answered).status(), 200);
  // The console's task finishes after the answer; give it a few frames, then the page must still work.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tags', exact: true }).click();
  await page.getByRole('table', { name: 'Tags', exact: true }).waitFor();
  assert.ok(!(await listAll(fake.fakeUrl, fake.apiKey, '/tags')).some((x) => x.id === tag.id), 'the tag is deleted');
  // newPage fails this test if the page logged an error or a panic on the way.
});
