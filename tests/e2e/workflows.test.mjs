// The Workflows list against a real, seeded n8n: paging over cursors both ways, search, status and
// tag filters, rows per page, the empty state; and, on the fake, broken answers shown safely.
// The API (listAll) is the truth for what the list must show, not the seed manifest.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { listAll } from '../support/seed.mjs';
import { collectPages, e2eContext, fakeFault, launchBrowser, listAction, listSettled, newPage, pageLabel, signIn, stableRead } from './helpers.mjs';

const { real, fake } = e2eContext();
let browser;
before(async () => { browser = await launchBrowser(); });
after(() => browser?.close());

const apiNames = async (query = '') =>
  (await listAll(real.n8nUrl, real.apiKey, `/workflows${query}`)).map((w) => w.name);
const sorted = (names) => [...names].sort();
const table = (page) => page.getByRole('table', { name: 'Workflows' });
const button = (page, name) => page.getByRole('button', { name });
const select = (page, name) => page.getByRole('combobox', { name });

/** The row header (the name) of every body row, once two reads 150 ms apart agree. */
async function rowNames(page) {
  const read = () => table(page).locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('th')?.innerText.trim()));
  return stableRead(read);
}

const settled = (page) => listSettled(page, /No workflows/i);

const act = (page, action) => listAction(page, /No workflows/i, action);

test('paging 10 per page forward covers every workflow once; paging back shows the same pages', async (t) => {
  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  await act(page, () => select(page, 'Rows per page').selectOption('10'));
  const pages = await collectPages(page, rowNames, act);

  const expected = await apiNames();
  assert.ok(expected.length > 30, `the seed made ${expected.length} workflows`);
  assert.deepEqual(pages.map((p) => p.length), pages.map((_, i) => (i < pages.length - 1 ? 10 : expected.length - 10 * i)));
  assert.deepEqual(sorted(pages.flat()), sorted(expected), 'each workflow exactly once');

  for (let n = pages.length - 1; n >= 1; n--) {
    await button(page, 'Previous page').click();
    await pageLabel(page, n).waitFor();
    await settled(page);
    assert.deepEqual(await rowNames(page), pages[n - 1], `page ${n} going back`);
  }
  assert.ok(await button(page, 'Previous page').isDisabled(), 'no previous page on page 1');
});

test('search narrows by name, lives in the URL and survives a reload', async (t) => {
  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  const word = 'sync';
  await act(page, () => page.getByRole('textbox', { name: 'Search workflows' }).fill(word));
  await page.waitForURL((u) => decodeURIComponent(u.search).toLowerCase().includes(word));
  await pageLabel(page, 1).waitFor();

  const pages = await collectPages(page, rowNames, act);
  const names = pages.flat();
  const expected = await apiNames(`?name=${word}`);
  assert.ok(expected.length >= 3, `the seed shares "${word}" between names (${expected.length})`);
  assert.ok(names.every((n) => n.toLowerCase().includes(word)), `every row contains "${word}": ${names}`);
  assert.equal(names.length, expected.length);

  await page.reload();
  await settled(page);
  assert.deepEqual(await rowNames(page), pages[0], 'same rows after a reload');
});

test('status and tag filters show what the API answers for them', async (t) => {
  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);

  for (const [label, query] of [['Active', '?active=true'], ['Inactive', '?active=false']]) {
    await act(page, () => select(page, 'Status').selectOption({ label }));
    await pageLabel(page, 1).waitFor();
    const names = (await collectPages(page, rowNames, act)).flat();
    assert.deepEqual(sorted(names), sorted(await apiNames(query)), `Status ${label}`);
  }
  await act(page, () => select(page, 'Status').selectOption({ label: 'All' }));

  const tag = real.manifest.tags.find((t) => t === 'billing') ?? real.manifest.tags[0];
  await act(page, () => select(page, 'Tag').selectOption({ label: tag }));
  await pageLabel(page, 1).waitFor();
  const names = (await collectPages(page, rowNames, act)).flat();
  const expected = await apiNames(`?tags=${tag}`);
  assert.ok(expected.length > 0);
  assert.deepEqual(sorted(names), sorted(expected), `Tag ${tag}`);
});

test('rows per page 25 shows 25 rows on page 1', async (t) => {
  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  await act(page, () => select(page, 'Rows per page').selectOption('10'));
  assert.equal((await rowNames(page)).length, 10);
  await act(page, () => select(page, 'Rows per page').selectOption('25'));
  assert.equal((await rowNames(page)).length, 25);
});

test('a filter combination with no match shows the empty state', async (t) => {
  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  assert.deepEqual(await apiNames('?name=backup&active=true'), [], 'the seed has no active backup workflow');
  await act(page, () => page.getByRole('textbox', { name: 'Search workflows' }).fill('backup'));
  await act(page, () => select(page, 'Status').selectOption({ label: 'Active' }));
  await page.getByText(/No workflows/i).first().waitFor();
  assert.equal(await table(page).locator('tbody tr').count(), 0, 'no workflow rows shown');
});

const brokenAnswers = [
  ['a 500 with an HTML page and a stack', {
    status: 500, contentType: 'text/html',
    body: '<html><body><h1>Internal Server Error</h1><pre>QueryFailedError: SQLITE_BUSY: database is locked\n'
      + '    at Statement.handler (/usr/lib/node_modules/n8n/dist/db.js:1:1)</pre></body></html>',
  }],
  ['a 200 with malformed JSON', { status: 200, contentType: 'application/json; charset=utf-8', body: '{"data": [' }],
];
for (const [what, fault] of brokenAnswers) {
  test(`on the fake: ${what} shows an alert, no raw body, no panic`, async (t) => {
    const page = await newPage(t, browser, fake.url);
    t.after(() => fakeFault(fake.fakeUrl, null));
    await signIn(page, fake.apiKey);
    await fakeFault(fake.fakeUrl, { path: '/api/v1/workflows', times: 10, ...fault });
    await page.reload();
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    const text = await alert.innerText();
    for (const raw of ['<html', 'SQLITE', 'QueryFailedError', '{"data"']) {
      assert.ok(!text.includes(raw), `the alert shows no raw body ("${raw}"): ${text}`);
    }
    const body = await page.locator('body').innerText();
    assert.ok(!/SQLITE|<html|QueryFailedError/.test(body), 'nothing of the raw body anywhere on the page');
  });
}

test('on the fake: a 503 then a good answer shows the rows (safe requests retry), with no alert', async (t) => {
  const page = await newPage(t, browser, fake.url);
  t.after(() => fakeFault(fake.fakeUrl, null));
  await signIn(page, fake.apiKey);
  const expected = await rowNames(page);
  await fakeFault(fake.fakeUrl, {
    path: '/api/v1/workflows', times: 2, status: 503, contentType: 'application/json', body: '{"message":"busy"}',
  });
  const statuses = [];
  page.on('response', (r) => { if (new URL(r.url()).pathname === '/api/v1/workflows') statuses.push(r.status()); });
  await page.reload();
  await settled(page);
  await page.waitForFunction(() => document.querySelectorAll('table tbody tr th').length > 0);
  assert.deepEqual(await rowNames(page), expected, 'the same rows as before the fault');
  assert.deepEqual(statuses.slice(0, 3), [503, 503, 200], 'two retries, then the answer');
  assert.equal(await page.getByRole('alert').count(), 0, 'no error shown');
});
