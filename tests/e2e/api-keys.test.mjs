// The API keys page on both back ends: real n8n (the editor's /rest/api-keys, behind an n8n sign-in
// made on the page; 1.123, 2.20 and 2.41 list, rotate and enforce scopes differently, see
// expectedFeatures) and the fake n8n (the documented /api/v1/api-keys, with the console's key).
// Create with chosen scopes and an expiry, the key revealed once (then nowhere in the page, its
// storage or its URL), Edit, Rotate (same scopes, then revoke the old key) and Delete (type the label),
// checked through the back end and by using the keys themselves. Each test deletes the keys it made,
// through the API; the instances' own keys (real.apiKey, fake.apiKey) are never changed or deleted.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { editorSession } from '../support/n8n.mjs';
import { api } from '../support/seed.mjs';
import { countRequests, e2eContext, expectedFeatures, fakeFault, holdWrites, launchBrowser, newPage, signIn, stableRead, storage, stores } from './helpers.mjs';

const { real, fake } = e2eContext();
const features = expectedFeatures(real.version);
/** E2E_SCREENSHOTS=<dir>: what an admin sees, saved for a look (named by version). */
const shots = process.env.E2E_SCREENSHOTS;
async function shoot(page, name, { width = 1280, dark = false } = {}) {
  if (!shots) return;
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
  await page.screenshot({ path: `${shots}/api-keys-${real.version}-${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: 'light' });
}
let browser;
before(async () => { browser = await launchBrowser(); });
after(() => browser?.close());

const DAY = 86_400;
const now = () => Math.floor(Date.now() / 1000);
/** A label prefix unique to this run, so that cleanup only ever touches keys these tests made. */
const RUN = `e2e ${Date.now().toString(36)}`;
const READ_ACTIONS = ['read', 'list', 'export'];
const isReadScope = (scope) => READ_ACTIONS.includes(scope.split(':').pop());
const sameSet = (a, b) => [...a].sort().join('\n') === [...b].sort().join('\n');
const tail = (key) => key.slice(-4);

/**
 * A session on real n8n's editor API from Node: POST /rest/login with a browser-id header, then every
 * call with the n8n-auth cookie and the same browser-id. `rest` resolves to the answer's `data`.
 */
async function restSession(n8nUrl, email, password) {
  const { rest } = editorSession(n8nUrl);
  await rest('POST', '/login', { emailOrLdapLoginId: email, password });
  return rest;
}

/** The HTTP status that n8n (or the fake) at `base` answers for GET /api/v1<path> with `key`. */
const statusWith = async (base, key, path) =>
  (await fetch(new URL(`/api/v1${path}`, base), { headers: { 'X-N8N-API-KEY': key } })).status;

/** Waits (up to 5 s) for GET /api/v1<path> with `key` to answer `expected`; asserts it did. */
async function expectStatus(base, key, path, expected, what) {
  let status;
  for (let i = 0; i < 25; i++) {
    status = await statusWith(base, key, path);
    if (status === expected) return;
    await sleep(200);
  }
  assert.equal(status, expected, `${what}: GET /api/v1${path} answers ${expected}`);
}

/**
 * How the tests reach each back end besides the page: list and delete keys, the scopes on offer, the
 * path the page's requests go to, and where a key is tried out.
 */
function realBackend(rest) {
  return {
    name: 'real',
    keysPath: '/rest/api-keys',
    base: real.n8nUrl,
    ownKey: real.apiKey,
    // Up to 2.24 a plain array of one's own keys; from 2.27.5 a page (`ownership`, `take`, `skip`).
    list: async (ownership = 'mine') => {
      const answer = await rest('GET', '/api-keys');
      if (Array.isArray(answer)) return answer;
      return (await rest('GET', `/api-keys?ownership=${ownership}&take=100&skip=0`)).items;
    },
    scopes: () => rest('GET', '/api-keys/scopes'),
    remove: (id) => rest('DELETE', `/api-keys/${id}`),
  };
}
const fakeBackend = {
  name: 'fake',
  keysPath: '/api/v1/api-keys',
  base: fake.fakeUrl,
  ownKey: fake.apiKey,
  list: () => api(fake.fakeUrl, fake.apiKey, 'GET', '/api-keys'),
  scopes: () => api(fake.fakeUrl, fake.apiKey, 'GET', '/api-keys/scopes'),
  remove: (id) => api(fake.fakeUrl, fake.apiKey, 'DELETE', `/api-keys/${id}`),
};

/** When `t` ends, deletes every key of this run (label starts with RUN); never the instance's own key. */
function cleanupKeys(t, backend) {
  t.after(async () => {
    for (const key of await backend.list()) {
      if (!key.label.startsWith(RUN) || key.apiKey.endsWith(tail(backend.ownKey))) continue;
      await backend.remove(key.id).catch(() => {});
    }
  });
}

const keyById = async (backend, id) => (await backend.list()).find((k) => k.id === id);

// ---- the page ------------------------------------------------------------------------------------

const table = (page) => page.getByRole('table', { name: 'API keys', exact: true });
const button = (scope, name) => scope.getByRole('button', { name, exact: true });
const rowOf = (page, label) => table(page).getByRole('row')
  .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
const anyDialog = (page) => page.getByRole('dialog');
const dialogNamed = (page, name) => page.getByRole('dialog', { name, exact: true });

/**
 * Every body row: its label (th), the text of its cells without the <details>, the details' summary
 * and the scopes it lists, and its buttons; once two reads 150 ms apart agree.
 */
async function rows(page) {
  const read = () => table(page).locator('tbody tr').evaluateAll((trs) => trs.map((r) => {
    const copy = r.cloneNode(true);
    for (const d of copy.querySelectorAll('details')) d.remove();
    const details = r.querySelector('details');
    return {
      label: r.querySelector('th')?.innerText.trim(),
      cells: [...copy.querySelectorAll('td')].map((c) => c.textContent.replace(/\s+/g, ' ').trim()),
      summary: details?.querySelector('summary')?.textContent.trim() ?? null,
      listed: details ? (() => {
        // Each text node on its own: adjacent elements' texts are not separated in textContent.
        const walker = document.createTreeWalker(details, NodeFilter.SHOW_TEXT);
        const found = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.parentElement.closest('summary')) continue;
          found.push(...[...n.data.matchAll(/[A-Za-z]+:[A-Za-z]+/g)].map((m) => m[0]));
        }
        return found;
      })() : null,
      buttons: [...r.querySelectorAll('button')].map((b) => b.innerText.trim()),
    };
  }));
  return stableRead(read);
}

/** The table shows exactly the back end's keys, soonest expiry first and never-expiring ones last. */
async function assertTableMatches(page, backend) {
  const keys = await backend.list();
  const shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.label).sort(), keys.map((k) => k.label).sort(), 'one row per key');
  const expiries = shown.map((r) => keys.find((k) => k.label === r.label).expiresAt ?? Infinity);
  for (let i = 1; i < expiries.length; i++) {
    assert.ok(expiries[i - 1] <= expiries[i], `sorted soonest expiry first, never last: ${shown.map((r) => r.label)}`);
  }
  return { keys, shown };
}

/** One row checked against the back end's key: redacted key, scopes summary and list, badge, buttons. */
async function assertRow(page, backend, id, badge) {
  const key = await keyById(backend, id);
  assert.ok(key, `the back end has key ${id}`);
  const row = (await rows(page)).find((r) => r.label === key.label);
  assert.ok(row, `a row labelled "${key.label}"`);
  const text = row.cells.join(' | ');
  assert.ok(text.includes(key.apiKey), `the row shows the redacted key ${key.apiKey}: ${text}`);
  if (key.scopes.length <= 3) {
    // A short list is the summary itself, in whatever order.
    const permutations = key.scopes.length === 3
      ? [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
      : key.scopes.length === 2 ? [[0, 1], [1, 0]] : [[0]];
    assert.ok(permutations.some((p) => row.cells.includes(p.map((i) => key.scopes[i]).join(', '))),
      `a cell summarises the scopes as "${key.scopes.join(', ')}": ${text}`);
  }
  assert.equal(row.summary, 'Show all', 'the scopes <details> summary');
  assert.ok(sameSet(row.listed, key.scopes), `Show all lists every scope: ${row.listed} vs ${key.scopes}`);
  await rowOf(page, key.label).getByText(badge).first().waitFor();
  assert.deepEqual(row.buttons.sort(), ['Delete', 'Edit', 'Rotate']);
  return { key, row };
}

/**
 * Asserts `secret` is nowhere in the page's HTML, any field's current value (a `prop:value` that
 * outerHTML cannot see), its sessionStorage/localStorage or its URL.
 */
async function assertNowhere(page, secret, what) {
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  assert.ok(!html.includes(secret), `${what} is not in the DOM`);
  const values = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select')].map((e) => e.value));
  assert.ok(!values.some((v) => v.includes(secret)), `${what} is in no field's value`);
  assert.equal(await stores(page, secret), false, `${what} is not in sessionStorage or localStorage`);
  assert.ok(!page.url().includes(secret), `${what} is not in the URL`);
}

/** Runs `action` and waits for a role=status text that was not there before (a toast); returns it. */
async function toastAfter(page, action) {
  const texts = () => page.evaluate(() => [...document.querySelectorAll('[role=status]')]
    .filter((e) => !e.closest('dialog')).map((e) => e.innerText.trim()));
  const before = new Set(await texts());
  await action();
  for (let i = 0; i < 50; i++) {
    const now = await texts();
    const fresh = now.find((x) => x && !before.has(x));
    if (fresh) return fresh;
    await sleep(100);
  }
  assert.fail('no toast (role=status) confirmed the action');
}

/** Waits for the page's request to the key store: `method` on keysPath + `suffix`. */
const keyRequest = (page, backend, method, suffix = '') => page.waitForResponse((r) =>
  r.request().method() === method && new URL(r.url()).pathname === `${backend.keysPath}${suffix}`);

/** The page's requests to the key store from now on (`method` on keysPath + `suffix`): a live array. */
const countKeyRequests = (page, backend, method, suffix = '') =>
  countRequests(page, method, new RegExp(`^${backend.keysPath}${suffix}$`));

/** The scope checkboxes (names with a colon) visible in `scope`, with whether each is checked. */
async function scopeBoxes(scope) {
  const snapshot = await scope.ariaSnapshot();
  const boxes = [];
  for (const line of snapshot.split('\n')) {
    const m = /- checkbox "((?:[^"\\]|\\.)*)"(.*)$/.exec(line);
    if (!m) continue;
    const [, name, rest] = m;
    const state = /\[checked=mixed\]/.test(rest) ? 'mixed' : /\[checked(=true)?\]/.test(rest) ? 'on' : 'off';
    boxes.push({ name, state });
  }
  return boxes.filter((b) => b.name.includes(':'));
}
const checkedScopes = async (scope) => (await scopeBoxes(scope)).filter((b) => b.state === 'on').map((b) => b.name);

const selectedText = (dialog, n, m) => dialog.getByText(new RegExp(`(^|\\D)${n} of ${m} scopes selected`));

/** Calls `read` until `ok(result)` (up to 5 s); returns the last result. */
async function until(read, ok) {
  let result;
  for (let i = 0; i < 50; i++) {
    result = await read();
    if (ok(result)) return result;
    await sleep(100);
  }
  return result;
}

/** Clears the picker, then ticks `scopes`. */
async function pickScopes(dialog, scopes, total) {
  await button(dialog, 'Clear').click();
  await selectedText(dialog, 0, total).waitFor();
  for (const scope of scopes) await dialog.getByRole('checkbox', { name: scope, exact: true }).check();
  await selectedText(dialog, scopes.length, total).waitFor();
}

/** Opens the Create dialog; checks it is modal and its Expiration choices. */
async function openCreate(page) {
  await button(page, 'Create API key').click();
  const dialog = dialogNamed(page, 'Create API key');
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the Create dialog is modal');
  const expiration = dialog.getByRole('combobox', { name: 'Expiration', exact: true });
  const options = await expiration.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()]));
  assert.deepEqual(options, [
    ['7', '7 days'], ['30', '30 days'], ['60', '60 days'], ['90', '90 days'], ['custom', 'Custom date'], ['never', 'No expiration'],
  ]);
  assert.equal(await expiration.inputValue(), '90', '90 days is preselected');
  return dialog;
}

/**
 * Fills the open Create dialog (`expiration` a select value; `date` for custom), presses Create and
 * returns the created key's id and raw key from the back end's answer.
 */
async function submitCreate(page, backend, dialog, { label, scopes, total, expiration, date }) {
  await dialog.getByRole('textbox', { name: 'Label', exact: true }).fill(label);
  await pickScopes(dialog, scopes, total);
  const expiryDate = dialog.getByLabel('Expiry date', { exact: true });
  await dialog.getByRole('combobox', { name: 'Expiration', exact: true }).selectOption(expiration);
  if (expiration === 'custom') {
    assert.equal(await expiryDate.getAttribute('type'), 'date', 'Expiry date is a date input');
    await expiryDate.fill(date);
  } else {
    assert.equal(await expiryDate.isVisible(), false, `no Expiry date for expiration ${expiration}`);
  }
  const created = keyRequest(page, backend, 'POST');
  const posts = countKeyRequests(page, backend, 'POST');
  await button(dialog, 'Create').dblclick();
  const answer = await created;
  assert.equal(answer.status(), 200, `POST ${backend.keysPath}`);
  assert.equal(posts.length, 1, 'a double click on Create sent one request');
  const body = await answer.json();
  const { id, rawApiKey } = body.data ?? body;
  assert.ok(id && rawApiKey, 'the answer carries the new key');
  return { id: String(id), raw: rawApiKey };
}

/** The reveal dialog shows `raw` once, read-only, with Copy and the warning. */
async function assertRevealed(page, raw, name = 'Your new API key') {
  const dialog = name ? dialogNamed(page, name) : anyDialog(page);
  await dialog.waitFor();
  const field = dialog.getByRole('textbox', { name: 'New API key', exact: true });
  assert.equal(await field.inputValue(), raw, 'the field holds the raw key');
  assert.equal(await field.isEditable(), false, 'the field is read-only');
  await button(dialog, 'Copy').waitFor();
  return dialog;
}

/** Edit: label and scopes prefilled, expiry explained as fixed; saves `label` and `scopes`. */
async function editKey(page, backend, key, { label, scopes, total }) {
  await button(rowOf(page, key.label), 'Edit').click();
  const dialog = dialogNamed(page, 'Edit API key');
  await dialog.waitFor();
  const field = dialog.getByRole('textbox', { name: 'Label', exact: true });
  assert.equal(await field.inputValue(), key.label, 'the label is prefilled');
  await selectedText(dialog, key.scopes.length, total).waitFor();
  assert.ok(sameSet(await checkedScopes(dialog), key.scopes), `the picker is prefilled with ${key.scopes}`);
  await dialog.getByText(/cannot change/).first().waitFor();
  await field.fill(label);
  for (const scope of scopes.filter((s) => !key.scopes.includes(s))) {
    await dialog.getByRole('checkbox', { name: scope, exact: true }).check();
  }
  await selectedText(dialog, scopes.length, total).waitFor();
  let answer;
  const patches = countKeyRequests(page, backend, 'PATCH', `/${key.id}`);
  await toastAfter(page, async () => {
    const patched = keyRequest(page, backend, 'PATCH', `/${key.id}`);
    await button(dialog, 'Save').dblclick();
    answer = await patched;
  });
  assert.equal(answer.status(), 200, 'PATCH answered 200');
  assert.equal(patches.length, 1, 'a double click on Save sent one request');
  await dialog.waitFor({ state: 'detached' });
  await rowOf(page, label).waitFor();
  await rowOf(page, key.label).waitFor({ state: 'detached' });
  const updated = await keyById(backend, key.id);
  assert.equal(updated.label, label, 'the back end has the new label');
  assert.ok(sameSet(updated.scopes, scopes), `the back end has scopes ${scopes}: ${updated.scopes}`);
  return updated;
}

/**
 * The labels a rotation may give: old label + " (rotated YYYY-MM-DD)" cut to 50 characters, read
 * either as the whole string cut at 50 or as the old label shortened so that the suffix stays whole.
 */
function rotatedLabels(label) {
  const d = new Date();
  const local = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const utc = d.toISOString().slice(0, 10);
  return [...new Set([utc, local].flatMap((day) => {
    const suffix = ` (rotated ${day})`;
    return [`${label}${suffix}`.slice(0, 50), `${label.slice(0, 50 - suffix.length).trimEnd()}${suffix}`];
  }))];
}

/** Rotate: a replacement with the same scopes and 90 days, revealed; returns the Rotate dialog, id and raw key. */
async function rotateKey(page, backend, key) {
  await button(rowOf(page, key.label), 'Rotate').click();
  const dialog = dialogNamed(page, 'Rotate API key');
  await dialog.waitFor();
  if (backend.name === 'real' && features.rotateInPlace) {
    // n8n rotates in place here; a replacement with a new expiry is the other way.
    await dialog.getByText('The old secret stops working at once').waitFor();
    await button(dialog, 'Replace with a new key instead').click();
  }
  const expiration = dialog.getByRole('combobox', { name: 'Expiration', exact: true });
  assert.equal(await expiration.inputValue(), '90', '90 days is preselected');
  const created = keyRequest(page, backend, 'POST');
  const posts = countKeyRequests(page, backend, 'POST');
  await button(dialog, 'Create replacement').dblclick();
  const answer = await created;
  assert.equal(answer.status(), 200, `POST ${backend.keysPath} (replacement)`);
  assert.equal(posts.length, 1, 'a double click on Create replacement sent one request');
  const body = await answer.json();
  const { id, rawApiKey: raw } = body.data ?? body;

  const field = page.getByRole('textbox', { name: 'New API key', exact: true });
  assert.equal(await field.inputValue(), raw, 'the replacement key is shown');
  assert.equal(await field.isEditable(), false, 'read-only');
  await button(page, 'Copy').waitFor();

  const replacement = await keyById(backend, String(id));
  assert.ok(rotatedLabels(key.label).includes(replacement.label),
    `the replacement is labelled ${rotatedLabels(key.label).map((l) => `"${l}"`).join(' or ')}: "${replacement.label}"`);
  assert.ok(sameSet(replacement.scopes, key.scopes), `same scopes: ${replacement.scopes} vs ${key.scopes}`);
  const expected = now() + 90 * DAY;
  assert.ok(Math.abs(replacement.expiresAt - expected) < 600, `expires in 90 days: ${replacement.expiresAt} vs ${expected}`);
  await expectStatus(backend.base, raw, '/workflows', 200, 'the replacement key');
  return { dialog, id: String(id), raw, replacement };
}

/** After rotateKey: the revoke step; deletes the old key. */
async function revokeOld(page, backend, key) {
  const confirm = page.getByRole('checkbox', { name: 'I have updated every integration that used the old key', exact: true });
  const revoke = button(page, 'Revoke old key');
  await button(page, 'Keep both for now').waitFor();
  assert.equal(await confirm.isChecked(), false);
  assert.ok(await revoke.isDisabled(), 'Revoke old key is disabled until the box is checked');
  await confirm.check();
  assert.ok(await revoke.isEnabled(), 'Revoke old key is enabled once the box is checked');
  const deleted = keyRequest(page, backend, 'DELETE', `/${key.id}`);
  const deletes = countKeyRequests(page, backend, 'DELETE', `/${key.id}`);
  await revoke.dblclick();
  assert.equal((await deleted).status(), 200, 'the old key was deleted');
  assert.equal(deletes.length, 1, 'a double click on Revoke old key sent one request');
  await anyDialog(page).first().waitFor({ state: 'detached' });
  await rowOf(page, key.label).waitFor({ state: 'detached' });
  assert.equal(await keyById(backend, key.id), undefined, 'the back end no longer has the old key');
}

/** Delete by typing the label: disabled until it matches; the key is gone afterwards. */
async function deleteKey(page, backend, key) {
  await button(rowOf(page, key.label), 'Delete').click();
  const dialog = page.getByRole('dialog', { name: /^Delete API key/ });
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the Delete dialog is modal');
  assert.equal(await dialog.getByRole('alert').filter({ hasText: /signed in with/ }).count(), 0,
    'no "signed in with" warning for a key the console does not use');
  const typed = dialog.getByRole('textbox', { name: 'Type the label to confirm', exact: true });
  const confirm = button(dialog, 'Delete');
  assert.ok(await confirm.isDisabled(), 'Delete is disabled before typing');
  await typed.fill(key.label.slice(0, -1));
  assert.ok(await confirm.isDisabled(), 'Delete is disabled while the text differs from the label');
  await typed.fill(key.label);
  assert.ok(await confirm.isEnabled(), 'Delete is enabled once the label is typed');
  let answer;
  const deletes = countKeyRequests(page, backend, 'DELETE', `/${key.id}`);
  await toastAfter(page, async () => {
    const deleted = keyRequest(page, backend, 'DELETE', `/${key.id}`);
    await confirm.dblclick();
    answer = await deleted;
  });
  assert.equal(answer.status(), 200);
  assert.equal(deletes.length, 1, 'a double click on Delete sent one request');
  await dialog.waitFor({ state: 'detached' });
  await rowOf(page, key.label).waitFor({ state: 'detached' });
  assert.equal(await keyById(backend, key.id), undefined, 'the back end no longer has the key');
}

/**
 * The console's own key (`ownKey`): its row says it never expires and is last, and Delete warns that
 * the console is signed in with it; Cancel. A DELETE of that key is blocked, whatever the page does.
 */
async function assertOwnKeyWarned(page, backend, total) {
  const own = (await backend.list()).find((k) => k.apiKey.endsWith(tail(backend.ownKey)));
  assert.ok(own, 'the back end lists the console\'s own key');
  const deletes = [];
  const onRequest = (r) => { if (r.method() === 'DELETE') deletes.push(r.url()); };
  const block = (route) => route.abort();
  const ownPath = (url) => url.pathname === `${backend.keysPath}/${own.id}`;
  await page.route(ownPath, block);
  page.on('request', onRequest);
  try {
    const { row } = await assertRow(page, backend, own.id, /^Never expires$/);
    if (own.scopes.length === total) {
      assert.ok(row.cells.some((c) => c.includes(`All ${total} scopes`)), `its scopes read "All ${total} scopes": ${row.cells}`);
    }
    assert.equal((await rows(page)).at(-1).label, own.label, 'the never-expiring key is last');
    await button(rowOf(page, own.label), 'Delete').click();
    const confirm = page.getByRole('dialog', { name: /^Delete API key/ });
    await confirm.waitFor();
    await confirm.getByRole('alert').filter({ hasText: /signed in with/ }).waitFor();
    await button(confirm, 'Cancel').click();
    await confirm.waitFor({ state: 'detached' });
    assert.deepEqual(deletes, [], 'Cancel sends no DELETE');
  } finally {
    page.off('request', onRequest);
    await page.unroute(ownPath, block);
  }
  assert.ok(await keyById(backend, own.id), 'the console\'s own key is still there');
  await expectStatus(backend.base, backend.ownKey, '/workflows', 200, 'the console\'s own key');
}

/** Signs in with the console key and opens /api-keys (the sign-in form, on real n8n). */
async function openApiKeys(page, apiKey) {
  await holdWrites(page); // the double clicks below come while the first click's request is out
  await signIn(page, apiKey);
  await page.goto('/api-keys');
  await page.getByRole('heading', { level: 1, name: 'API keys', exact: true }).waitFor();
}

// ---- the tests -----------------------------------------------------------------------------------

test('real n8n: sign in, own key warned, create with two scopes, reveal once, edit, rotate and revoke, delete; the scope picker', async (t) => {
  const rest = await restSession(real.n8nUrl, real.email, real.password);
  const backend = realBackend(rest);
  cleanupKeys(t, backend);
  const available = await backend.scopes();
  const total = available.length;
  const page = await newPage(t, browser, real.url);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: real.url });
  await openApiKeys(page, real.apiKey);

  // No editor session in this browser: the page asks for n8n's email and password.
  const email = page.getByRole('textbox', { name: 'Email', exact: true });
  const password = page.getByLabel('Password', { exact: true });
  await email.waitFor();
  assert.equal(await password.getAttribute('type'), 'password', 'the password field hides what is typed');
  const wrong = 'Not-the-password-42';
  await email.fill(real.email);
  await password.fill(wrong);
  const alertsBefore = await page.getByRole('alert').count();
  await button(page, 'Sign in to n8n').click();
  await page.getByRole('alert').nth(alertsBefore).waitFor();
  assert.match(await page.getByRole('alert').nth(alertsBefore).innerText(), /\S/, 'the alert says something');
  assert.equal(await table(page).count(), 0, 'no list after a wrong password');
  assert.equal(await stores(page, wrong), false, 'the wrong password is not stored');

  await email.fill(real.email);
  await password.fill(real.password);
  await button(page, 'Sign in to n8n').click();
  await table(page).waitFor();
  await page.getByText('/rest/api-keys').first().waitFor(); // which back end is used
  const { local } = await storage(page);
  assert.equal(await stores(page, real.password), false, 'the password is not stored');
  assert.ok(!page.url().includes(real.password), 'the password is not in the URL');
  assert.ok(local['n8n-browserId']?.trim(), 'n8n\'s browser id is kept under localStorage["n8n-browserId"]');
  const { keys } = await assertTableMatches(page, backend);
  assert.ok(keys.some((k) => k.apiKey.endsWith(tail(real.apiKey))), 'the instance\'s own key is listed');
  await assertOwnKeyWarned(page, backend, total);

  // Columns by version: an owner where n8n pages its listing, the last use where it records it.
  const headers = (await table(page).getByRole('columnheader').allTextContents()).map((h) => h.trim());
  assert.equal(headers.includes('Owner'), features.pagedKeys, `an Owner column on ${real.version}: ${headers}`);
  assert.equal(headers.includes('Last used'), features.rotateInPlace, `a Last used column on ${real.version}: ${headers}`);

  // The scope picker, and whether it warns that scopes are not enforced.
  const dialog = await openCreate(page);
  const unenforced = dialog.getByRole('note').filter({ hasText: 'This n8n does not enforce API key scopes' });
  if (features.scopesEnforced) {
    assert.equal(await unenforced.count(), 0, `no warning on ${real.version}, which enforces scopes`);
  } else {
    await unenforced.waitFor();
    await shoot(page, 'scopes-not-enforced');
  }
  const expiryDate = dialog.getByLabel('Expiry date', { exact: true });
  assert.equal(await expiryDate.isVisible(), false, 'no Expiry date with 90 days');
  await dialog.getByRole('combobox', { name: 'Expiration', exact: true }).selectOption('custom');
  await expiryDate.waitFor();
  assert.equal(await expiryDate.getAttribute('type'), 'date', 'Expiry date is a date input');
  await button(dialog, 'Full access').click();
  await selectedText(dialog, total, total).waitFor();
  assert.equal((await checkedScopes(dialog)).length, total, 'Full access checks every scope');
  await button(dialog, 'Read only').click();
  const readOnly = available.filter(isReadScope);
  await selectedText(dialog, readOnly.length, total).waitFor();
  const checked = await checkedScopes(dialog);
  assert.ok(checked.every(isReadScope), `Read only checks only read/list/export scopes: ${checked.filter((s) => !isReadScope(s))}`);
  assert.ok(sameSet(checked, readOnly), `Read only checks every read/list/export scope: ${checked}`);

  await button(dialog, 'Clear').click();
  await selectedText(dialog, 0, total).waitFor();
  assert.deepEqual(await checkedScopes(dialog), [], 'Clear unchecks everything');
  const tagGroup = dialog.getByRole('group', { name: 'tag', exact: true });
  const tagScopes = available.filter((s) => s.startsWith('tag:'));
  const selectAll = tagGroup.getByRole('checkbox', { name: 'Select all', exact: true });
  const tri = () => selectAll.evaluate((el) => ({ checked: el.checked, indeterminate: el.indeterminate }));
  assert.deepEqual(await tri(), { checked: false, indeterminate: false }, 'Select all is off with nothing chosen');
  await tagGroup.getByRole('checkbox', { name: 'tag:list', exact: true }).check();
  await selectedText(dialog, 1, total).waitFor();
  assert.deepEqual(await tri(), { checked: false, indeterminate: true }, 'one of the group: Select all is indeterminate');
  await selectAll.click();
  await selectedText(dialog, tagScopes.length, total).waitFor();
  assert.deepEqual(await tri(), { checked: true, indeterminate: false }, 'Select all then checks the whole group');
  assert.ok(sameSet(await checkedScopes(tagGroup), tagScopes), `every tag scope is checked: ${await checkedScopes(tagGroup)}`);
  assert.ok(sameSet(await checkedScopes(dialog), tagScopes), 'and nothing else');

  const filter = dialog.getByRole('textbox', { name: 'Filter scopes', exact: true });
  await filter.fill('retry');
  const retry = available.filter((s) => s.toLowerCase().includes('retry'));
  assert.ok(retry.length > 0, 'n8n offers a retry scope');
  const names = async () => (await scopeBoxes(dialog)).map((b) => b.name);
  const filtered = await until(names, (shown) => sameSet(shown, retry));
  assert.ok(sameSet(filtered, retry), `the filter shows only ${retry}: ${filtered}`);
  await filter.fill('');
  const all = await until(names, (shown) => sameSet(shown, available));
  assert.ok(sameSet(all, available), 'an empty filter shows every scope again');

  // Create: two scopes, 7 days.
  const label = `${RUN} real ci`;
  const scopes = ['workflow:read', 'workflow:list'];
  const { id, raw } = await submitCreate(page, backend, dialog, { label, scopes, total, expiration: '7' });
  const reveal = await assertRevealed(page, raw);
  await reveal.getByText(/won['’]t be shown again/).first().waitFor();
  const created = await keyById(backend, id);
  assert.equal(created.label, label);
  assert.ok(sameSet(created.scopes, scopes), `n8n has scopes ${scopes}: ${created.scopes}`);
  assert.ok(Math.abs(created.expiresAt - (now() + 7 * DAY)) < 600, 'expires in 7 days');
  await expectStatus(real.n8nUrl, raw, '/workflows', 200, 'the new key (workflow:read, workflow:list)');
  // 1.x Community does not enforce scopes: the key reads tags anyway (the picker said so).
  await expectStatus(real.n8nUrl, raw, '/tags', features.scopesEnforced ? 403 : 200,
    `the new key without tag:list (scopes ${features.scopesEnforced ? '' : 'not '}enforced)`);

  await button(reveal, 'Copy').click();
  await reveal.getByText('Copied').first().waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), raw, 'Copy put the key on the clipboard');
  await button(reveal, 'Done').click();
  await anyDialog(page).first().waitFor({ state: 'detached' });
  await assertNowhere(page, raw, 'the new key');

  await rowOf(page, label).waitFor();
  await assertRow(page, backend, id, /^Expires in [67] days$/);
  const { keys: listed, shown } = await assertTableMatches(page, backend);
  const soonest = Math.min(...listed.map((k) => k.expiresAt ?? Infinity));
  if (created.expiresAt === soonest) assert.equal(shown[0].label, label, 'the soonest-expiring key is first');

  // Edit: a new label and tag:list.
  const label2 = `${RUN} real ci with tags, rotates`; // long: the rotated label gets cut
  const scopes2 = [...scopes, 'tag:list'];
  const edited = await editKey(page, backend, created, { label: label2, scopes: scopes2, total });
  await expectStatus(real.n8nUrl, raw, '/tags', 200, 'the edited key, now with tag:list');
  await assertRow(page, backend, id, /^Expires in [67] days$/);

  // Rotate, then revoke the old key.
  const rotated = await rotateKey(page, backend, edited);
  assert.ok(rotated.replacement.label.length <= 50, 'the rotated label is cut to 50 characters');
  await button(page, 'Copy').click();
  await page.getByText('Copied').first().waitFor();
  await revokeOld(page, backend, edited);
  await expectStatus(real.n8nUrl, raw, '/workflows', 401, 'the revoked old key');
  await expectStatus(real.n8nUrl, rotated.raw, '/workflows', 200, 'the replacement');
  await assertNowhere(page, rotated.raw, 'the replacement key');
  await assertNowhere(page, raw, 'the old key');
  await rowOf(page, rotated.replacement.label).waitFor();
  await assertRow(page, backend, rotated.id, /^Expires in (89|90) days$/);
  await assertTableMatches(page, backend);

  // Delete the replacement by typing its label.
  await deleteKey(page, backend, rotated.replacement);
  await expectStatus(real.n8nUrl, rotated.raw, '/workflows', 401, 'the deleted replacement');
  await expectStatus(real.n8nUrl, real.apiKey, '/workflows', 200, 'the instance\'s own key is untouched');
  await assertTableMatches(page, backend);
});

/** Signs the page in to n8n's editor on /api-keys (the sign-in form) and waits for the table. */
async function signInToN8n(page) {
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(real.email);
  await page.getByLabel('Password', { exact: true }).fill(real.password);
  const logins = countRequests(page, 'POST', /^\/rest\/login$/);
  await button(page, 'Sign in to n8n').dblclick(); // held by openApiKeys: the second click comes while it is out
  await table(page).waitFor();
  assert.equal(logins.length, 1, 'a double click on Sign in to n8n sent one request');
}

test('real n8n: Rotate in place where n8n can (the console moves to its own new key), else the replacement flow; Edit offers Rotate', async (t) => {
  const rest = await restSession(real.n8nUrl, real.email, real.password);
  const backend = realBackend(rest);
  cleanupKeys(t, backend);
  // The console signs in with a key of its own for this test, so rotating it leaves real.apiKey alone.
  const scopes = await backend.scopes();
  const consoleKey = await rest('POST', '/api-keys', { label: `${RUN} console`, scopes, expiresAt: null });
  const other = await rest('POST', '/api-keys', { label: `${RUN} to rotate`, scopes: ['workflow:list'], expiresAt: now() + 30 * DAY });
  const page = await newPage(t, browser, real.url);
  await openApiKeys(page, consoleKey.rawApiKey);
  await signInToN8n(page);

  // Edit's expiry note offers Rotate, which opens the replacement (a new expiry) on every version.
  await button(rowOf(page, other.label), 'Edit').click();
  const edit = dialogNamed(page, 'Edit API key');
  await edit.getByText('n8n cannot change an expiry').waitFor();
  await button(edit, 'Rotate').click();
  const fromEdit = dialogNamed(page, 'Rotate API key');
  await fromEdit.getByRole('combobox', { name: 'Expiration', exact: true }).waitFor();
  await button(fromEdit, 'Create replacement').waitFor();
  await button(fromEdit, 'Cancel').click();
  await anyDialog(page).first().waitFor({ state: 'detached' });

  await button(rowOf(page, other.label), 'Rotate').click();
  const dialog = dialogNamed(page, 'Rotate API key');
  await dialog.waitFor();
  if (!features.rotateInPlace) {
    // Before 2.28.6 n8n cannot rotate: the console's create-then-revoke flow, nothing else.
    await button(dialog, 'Create replacement').waitFor();
    assert.equal(await button(dialog, 'Rotate now').count(), 0, `no in-place rotation on ${real.version}`);
    await button(dialog, 'Cancel').click();
    return;
  }
  await dialog.getByText('The old secret stops working at once').waitFor();
  await shoot(page, 'rotate-in-place');
  const rotated = page.waitForResponse((r) => r.request().method() === 'POST'
    && new URL(r.url()).pathname === `/rest/api-keys/${other.id}/rotate`);
  await button(dialog, 'Rotate now').click();
  const answer = await rotated;
  assert.equal(answer.status(), 200, 'POST /rest/api-keys/:id/rotate');
  const raw = (await answer.json()).data.rawApiKey;
  assert.equal(await page.getByRole('textbox', { name: 'New API key', exact: true }).inputValue(), raw, 'the new secret is shown');
  await expectStatus(real.n8nUrl, other.rawApiKey, '/workflows', 401, 'the old secret, at once');
  await expectStatus(real.n8nUrl, raw, '/workflows', 200, 'the new secret');
  const after = await keyById(backend, other.id);
  assert.equal(after.label, other.label, 'the label is kept');
  assert.deepEqual(after.scopes, ['workflow:list'], 'the scopes are kept');
  assert.equal(after.expiresAt, other.expiresAt, 'the expiry is kept');
  await button(dialog, 'Done').click();
  await anyDialog(page).first().waitFor({ state: 'detached' });
  await assertNowhere(page, raw, 'the rotated secret');

  // The console's own key: rotated in place, the console goes on with the new secret.
  const ownRow = rowOf(page, consoleKey.label);
  await ownRow.getByText('This console').waitFor();
  await button(ownRow, 'Rotate').click();
  await dialog.getByText('it moves to the new secret by itself').waitFor();
  const ownRotated = page.waitForResponse((r) => r.request().method() === 'POST'
    && new URL(r.url()).pathname === `/rest/api-keys/${consoleKey.id}/rotate`);
  await button(dialog, 'Rotate now').click();
  const ownRaw = (await (await ownRotated).json()).data.rawApiKey;
  await expectStatus(real.n8nUrl, consoleKey.rawApiKey, '/workflows', 401, 'the console\'s old secret');
  await dialog.getByText('now uses the new one').waitFor();
  await button(dialog, 'Done').click();
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.getByRole('table', { name: 'Workflows', exact: true }).getByRole('row').nth(1).waitFor();
  await page.reload();
  await page.getByRole('table', { name: 'Workflows', exact: true }).getByRole('row').nth(1).waitFor();
  assert.ok(!(await page.evaluate(() => document.documentElement.outerHTML)).includes(ownRaw), 'the new secret is not in the DOM');
  assert.ok(page.url().includes('/workflows'), 'still signed in after a reload: the tab keeps the new key');
});

/** A second n8n user with a key of their own (accepting an invitation as 2.41 does). */
async function memberWithKey(rest) {
  const [{ user }] = await rest('POST', '/invitations', [{ email: `member-${Date.now()}@example.com`, role: 'global:member' }]);
  const token = new URL(user.inviteAcceptUrl).searchParams.get('token');
  const member = editorSession(real.n8nUrl);
  const password = 'Member-pass-2026';
  await member.rest('POST', '/invitations/accept', { token, firstName: 'Mia', lastName: 'Member', password });
  await member.rest('POST', '/login', { emailOrLdapLoginId: user.email, password });
  const key = await member.rest('POST', '/api-keys', { label: `${RUN} member key`, scopes: ['workflow:list'], expiresAt: null });
  return { email: user.email, key };
}

test('real n8n: an owner sees every user\'s keys under All (Owner column) and can revoke another user\'s key', async (t) => {
  const rest = await restSession(real.n8nUrl, real.email, real.password);
  const backend = realBackend(rest);
  const page = await newPage(t, browser, real.url);
  await openApiKeys(page, real.apiKey);
  await signInToN8n(page);
  const show = page.getByRole('group', { name: 'Show keys', exact: true });
  if (!features.pagedKeys) {
    assert.equal(await show.count(), 0, `no Mine / All on ${real.version}: n8n lists only one's own keys`);
    return;
  }
  const { email, key } = await memberWithKey(rest);
  t.after(() => rest('DELETE', `/api-keys/${key.id}`).catch(() => {}));
  const mine = show.getByRole('radio', { name: 'Mine', exact: true });
  assert.ok(await mine.isChecked(), 'Mine is the default');
  assert.equal(await rowOf(page, key.label).count(), 0, 'another user\'s key is not under Mine');
  await show.getByRole('radio', { name: 'All', exact: true }).check();
  const row = rowOf(page, key.label);
  await row.waitFor();
  const text = await row.innerText();
  assert.ok(text.includes('Mia Member') && text.includes(email), `the row names its owner: ${text}`);
  assert.deepEqual(await row.getByRole('button').allInnerTexts(), ['Delete'], 'another user\'s key can only be deleted');
  await shoot(page, 'all');
  await shoot(page, 'all-400-dark', { width: 400, dark: true });
  const own = rowOf(page, (await backend.list()).find((k) => k.apiKey.endsWith(tail(real.apiKey))).label);
  assert.ok((await own.innerText()).includes('You'), 'the owner\'s own key says You');

  await button(row, 'Delete').click();
  const confirm = page.getByRole('dialog', { name: /^Delete API key/ });
  await confirm.getByRole('textbox', { name: 'Type the label to confirm', exact: true }).fill(key.label);
  await button(confirm, 'Delete').click();
  await row.waitFor({ state: 'detached' });
  assert.equal((await backend.list('all')).some((k) => k.id === key.id), false, 'n8n no longer has the member\'s key');
  await expectStatus(real.n8nUrl, key.rawApiKey, '/workflows', 401, 'the member\'s revoked key');
});

test('fake n8n (seeds\' contract): own key warned; create, reveal without copying, edit, rotate and revoke, delete', async (t) => {
  const backend = fakeBackend;
  cleanupKeys(t, backend);
  const available = await backend.scopes();
  const total = available.length;
  const page = await newPage(t, browser, fake.url);
  await openApiKeys(page, fake.apiKey);
  await table(page).waitFor();
  await page.getByText('/api/v1/api-keys').first().waitFor();
  assert.equal(await button(page, 'Sign in to n8n').count(), 0, 'no n8n sign-in on the seeds\' contract');
  await assertTableMatches(page, backend);
  await assertOwnKeyWarned(page, backend, total);

  // Create with two scopes and a custom date 10 days ahead.
  const dialog = await openCreate(page);
  const label = `${RUN} fake sync`;
  const scopes = ['tag:list', 'workflow:read'];
  const day = new Date(Date.now() + 10 * DAY * 1000).toISOString().slice(0, 10);
  const { id, raw } = await submitCreate(page, backend, dialog, { label, scopes, total, expiration: 'custom', date: day });
  const reveal = await assertRevealed(page, raw);
  await reveal.getByText(/won['’]t be shown again/).first().waitFor();

  // Done without Copy asks first; Back returns to the key; then close without copying.
  await button(reveal, 'Done').click();
  const ask = anyDialog(page).filter({ hasText: /not copied/ });
  await ask.waitFor();
  await button(ask, 'Close without copying').waitFor();
  await button(ask, 'Back').click();
  await assertRevealed(page, raw, null);
  await button(page, 'Done').click();
  await button(ask, 'Close without copying').click();
  await anyDialog(page).first().waitFor({ state: 'detached' });
  await assertNowhere(page, raw, 'the new key');

  const created = await keyById(backend, id);
  assert.ok(created, 'the fake lists the new key');
  assert.equal(created.label, label);
  assert.ok(sameSet(created.scopes, scopes), `the fake has scopes ${scopes}: ${created.scopes}`);
  const start = Date.parse(`${day}T00:00:00Z`) / 1000;
  assert.ok(created.expiresAt >= start && created.expiresAt < start + 2 * DAY, `expires on ${day}: ${created.expiresAt}`);
  assert.equal(created.apiKey, `******${tail(raw)}`);
  await expectStatus(fake.fakeUrl, raw, '/workflows', 200, 'the new key');
  await rowOf(page, label).waitFor();
  await assertRow(page, backend, id, /^Expires in (9|10|11) days$/);
  await assertTableMatches(page, backend);

  // Edit.
  const label2 = `${RUN} fake sync v2`;
  const edited = await editKey(page, backend, created, { label: label2, scopes: [...scopes, 'execution:read'], total });
  await assertRow(page, backend, id, /^Expires in (9|10|11) days$/);

  // Rotate (the label fits: nothing is cut) and revoke.
  const rotated = await rotateKey(page, backend, edited);
  assert.ok(rotatedLabels(edited.label).some((l) => l === rotated.replacement.label && /\(rotated \d{4}-\d{2}-\d{2}\)$/.test(l)),
    `the whole suffix is kept when it fits: "${rotated.replacement.label}"`);
  await revokeOld(page, backend, edited);
  await expectStatus(fake.fakeUrl, raw, '/workflows', 401, 'the revoked old key');
  await assertNowhere(page, rotated.raw, 'the replacement key');
  await assertRow(page, backend, rotated.id, /^Expires in (89|90) days$/);
  await assertTableMatches(page, backend);

  // Delete.
  await deleteKey(page, backend, rotated.replacement);
  await expectStatus(fake.fakeUrl, rotated.raw, '/workflows', 401, 'the deleted replacement');

});

test('fake n8n: a label another key already has is refused in the dialog, before any request', async (t) => {
  const backend = fakeBackend;
  cleanupKeys(t, backend);
  const page = await newPage(t, browser, fake.url);
  await openApiKeys(page, fake.apiKey);
  await table(page).waitFor();
  const before = await backend.list();
  const taken = before[0].label;
  const posts = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && new URL(r.url()).pathname.startsWith(backend.keysPath)) posts.push(`${r.method()} ${r.url()}`);
  });

  const dialog = await openCreate(page);
  const field = dialog.getByRole('textbox', { name: 'Label', exact: true });
  await field.fill(taken);
  await dialog.getByRole('checkbox', { name: 'workflow:read', exact: true }).check();
  const create = button(dialog, 'Create');
  if (await create.isEnabled()) await create.click(); // a page may also refuse by disabling Create
  await dialog.getByText(/already/).first().waitFor();
  await sleep(500);
  assert.deepEqual(posts, [], 'no request was sent');
  assert.ok(await dialog.isVisible(), 'the dialog stays open');
  assert.equal((await backend.list()).length, before.length, 'no key was made');
  await button(dialog, 'Cancel').click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(posts, [], 'Cancel sends nothing');
});

test('fake n8n: Rotate then "Keep both for now" keeps the old key and closes; the new key is gone from the page', async (t) => {
  const backend = fakeBackend;
  cleanupKeys(t, backend);
  const total = (await backend.scopes()).length;
  const page = await newPage(t, browser, fake.url);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fake.url });
  await openApiKeys(page, fake.apiKey);
  await table(page).waitFor();
  const dialog = await openCreate(page);
  const label = `${RUN} keep both`;
  const { id, raw } = await submitCreate(page, backend, dialog, { label, scopes: ['workflow:list'], total, expiration: '30' });
  await assertRevealed(page, raw);
  await button(page, 'Copy').click();
  await page.getByText('Copied').first().waitFor();
  await button(page, 'Done').click(); // copied: no question
  await anyDialog(page).first().waitFor({ state: 'detached' });
  await rowOf(page, label).waitFor();
  await assertRow(page, backend, id, /^Expires in (29|30) days$/);

  const old = await keyById(backend, id);
  const rotated = await rotateKey(page, backend, old);
  const deletes = [];
  page.on('request', (r) => { if (r.method() === 'DELETE') deletes.push(r.url()); });
  await button(page, 'Keep both for now').click();
  await anyDialog(page).first().waitFor({ state: 'detached' });
  assert.deepEqual(deletes, [], 'Keep both sends no DELETE');
  await rowOf(page, rotated.replacement.label).waitFor();
  await rowOf(page, label).waitFor();
  assert.ok(await keyById(backend, id), 'the old key is kept');
  await expectStatus(fake.fakeUrl, raw, '/workflows', 200, 'the old key still works');
  await expectStatus(fake.fakeUrl, rotated.raw, '/workflows', 200, 'the replacement works');
  await assertNowhere(page, rotated.raw, 'the replacement key');
  await assertTableMatches(page, backend);
});

// ---- a one-time key is never lost -----------------------------------------------------------------

/** Fills the Create dialog (label, one scope, 30 days) without submitting. */
async function fillCreate(page, backend, label) {
  const total = (await backend.scopes()).length;
  const dialog = await openCreate(page);
  await dialog.getByRole('textbox', { name: 'Label', exact: true }).fill(label);
  await pickScopes(dialog, ['workflow:list'], total);
  await dialog.getByRole('combobox', { name: 'Expiration', exact: true }).selectOption('30');
  return dialog;
}

/** Presses Escape twice (Chromium closes a modal dialog on the second even when cancel is prevented). */
async function escapeTwice(page) {
  await page.keyboard.press('Escape');
  await sleep(100);
  await page.keyboard.press('Escape');
  await sleep(200);
}

test('fake n8n: a slow create cannot be dismissed (Cancel, Escape twice); its key shows when it comes, and a reveal survives Escape twice', async (t) => {
  const backend = fakeBackend;
  cleanupKeys(t, backend);
  t.after(() => fakeFault(fake.fakeUrl, null));
  const page = await newPage(t, browser, fake.url);
  await openApiKeys(page, fake.apiKey);
  await table(page).waitFor();
  const dialog = await fillCreate(page, backend, `${RUN} slow`);
  await fakeFault(fake.fakeUrl, { path: '/api/v1/api-keys', method: 'POST', delayMs: 2500 });
  const created = keyRequest(page, backend, 'POST');
  await button(dialog, 'Create').click();
  assert.ok(await button(dialog, 'Cancel').isDisabled(), 'Cancel is disabled while the create is out');
  await escapeTwice(page);
  assert.ok(await dialog.isVisible(), 'Escape twice does not close the dialog while the create is out');
  assert.ok(await dialog.evaluate((d) => d.open && d.matches(':modal')), 'it is still an open modal dialog');
  const raw = (await (await created).json()).rawApiKey;
  const reveal = await assertRevealed(page, raw);

  // The reveal: Escape twice asks instead of closing, and the key stays on screen.
  await escapeTwice(page);
  assert.ok(await reveal.evaluate((d) => d.open && d.matches(':modal')), 'the reveal is still open');
  await reveal.getByText('You have not copied the key').waitFor();
  assert.equal(await reveal.getByRole('textbox', { name: 'New API key', exact: true }).inputValue(), raw);
  await button(reveal, 'Close without copying').click();
  await anyDialog(page).first().waitFor({ state: 'detached' });
  await assertNowhere(page, raw, 'the new key');
  const posts = (await backend.list()).filter((k) => k.label === `${RUN} slow`);
  assert.equal(posts.length, 1, 'one click, one key');
});

test('fake n8n: leaving the page while a create is out still shows its key, on the page the admin went to', async (t) => {
  const backend = fakeBackend;
  cleanupKeys(t, backend);
  t.after(() => fakeFault(fake.fakeUrl, null));
  const page = await newPage(t, browser, fake.url);
  await signIn(page, fake.apiKey);
  // In-app navigation, so Back stays in this document (as an admin's Back button would).
  await page.getByRole('link', { name: 'API keys', exact: true }).click();
  await table(page).waitFor();
  const dialog = await fillCreate(page, backend, `${RUN} left`);
  await fakeFault(fake.fakeUrl, { path: '/api/v1/api-keys', method: 'POST', delayMs: 2000 });
  const created = keyRequest(page, backend, 'POST');
  await button(dialog, 'Create').click();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Workflows' }).waitFor();
  const raw = (await (await created).json()).rawApiKey;
  const reveal = await assertRevealed(page, raw);
  await reveal.getByText(/closed before you saw its new secret/).waitFor();
  assert.ok(await reveal.getByText(`${RUN} left`).count() > 0, 'the reveal names the key');
  await button(reveal, 'Copy').click();
  await button(reveal, 'Done').click().catch(() => {});
  const ask = reveal.getByRole('button', { name: 'Close without copying', exact: true });
  if (await ask.isVisible()) await ask.click(); // clipboard not granted here: the question comes
  await anyDialog(page).first().waitFor({ state: 'detached' });
  await assertNowhere(page, raw, 'the new key');
});

test('fake n8n: when the reload after a replacement fails, the new key and the revoke step stay; the page says it is retrying', async (t) => {
  const backend = fakeBackend;
  cleanupKeys(t, backend);
  t.after(() => fakeFault(fake.fakeUrl, null));
  const page = await newPage(t, browser, fake.url);
  await openApiKeys(page, fake.apiKey);
  await table(page).waitFor();
  const dialog = await fillCreate(page, backend, `${RUN} to rotate`);
  const created = keyRequest(page, backend, 'POST');
  await button(dialog, 'Create').click();
  const first = (await (await created).json());
  await page.keyboard.press('Escape'); // asks; then close without copying
  await button(page, 'Close without copying').click();
  await anyDialog(page).first().waitFor({ state: 'detached' });
  const old = await keyById(backend, String(first.id));

  await button(rowOf(page, old.label), 'Rotate').click();
  const rotate = dialogNamed(page, 'Rotate API key');
  await rotate.waitFor();
  // Every list read fails from now on (each GET is tried 1 + 3 times).
  await fakeFault(fake.fakeUrl, { path: '/api/v1/api-keys', method: 'GET', status: 500, times: 8, body: { message: 'database is locked' } });
  const replaced = keyRequest(page, backend, 'POST');
  await button(rotate, 'Create replacement').click();
  const raw = (await (await replaced).json()).rawApiKey;
  await page.getByRole('status').filter({ hasText: /n8n is not answering; retrying in \d+ s/ }).first().waitFor();
  await page.getByRole('alert').filter({ hasText: /database is locked|500/ }).first().waitFor({ timeout: 15_000 });
  assert.equal(await rotate.getByRole('textbox', { name: 'New API key', exact: true }).inputValue(), raw,
    'the replacement is still shown after the failed reload');
  await button(rotate, 'Keep both for now').waitFor();
  await fakeFault(fake.fakeUrl, null);
  await button(rotate, 'Keep both for now').click();
  await anyDialog(page).first().waitFor({ state: 'detached' });
  await assertNowhere(page, raw, 'the replacement key');
  await button(page, 'Try again').click();
  await rowOf(page, old.label).waitFor();
});
