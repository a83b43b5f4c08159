// Reliability beyond single faults, against real n8n (and the fake where real n8n cannot show it):
// every dialog's write goes once whatever the clicks (double clicks, Escape), a list reload keeps
// the keyboard focus, 1,000 navigations and filter changes leave memory flat and nothing hanging,
// and after a full session no secret is left anywhere the browser keeps or shows things.
// The soak's knobs, for hunting a leak: SOAK_ROUNDS (10 actions each, default 100) and SOAK_PAGES
// (`Workflows,Variables`: only navigate between those), with E2E_TEST_TIMEOUT_MS for long runs.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { api } from '../support/seed.mjs';
import { assertNoCrash, countRequests, e2eContext, fakeFault, holdWrites, newPage, signIn, stores } from './helpers.mjs';
import { disarm, forgetRequests, nav, openConsole, quiet, real, requests, rowHeaders, table, useBrowser } from './faults.mjs';

const { fake } = e2eContext();
const chromium = useBrowser();
const button = (scope, name) => scope.getByRole('button', { name, exact: true });
const RUN = `rel${Date.now().toString(36)}`;

test('every dialog that writes: a double click sends one request, Escape dismisses only what may be dismissed', async (t) => {
  const page = await openConsole(t, chromium.browser);
  await holdWrites(page); // a double click's second click comes while the first one's request is out
  const n8n = (method, path, body) => api(real.n8nUrl, real.apiKey, method, path, body);
  t.after(async () => {
    for (const tag of (await n8n('GET', '/tags?limit=250')).data) {
      if (tag.name.startsWith(RUN)) await n8n('DELETE', `/tags/${tag.id}`).catch(() => {});
    }
  });

  // Tags: New tag (Escape closes it, sending nothing), then Create double-clicked; Rename; Delete.
  await nav(page, 'Tags');
  await rowHeaders(page, 'Tags');
  const posts = countRequests(page, 'POST', /^\/api\/v1\/tags$/);
  await button(page, 'New tag').click();
  let dialog = page.getByRole('dialog', { name: 'New tag', exact: true });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(posts, [], 'Escape sent nothing');
  await button(page, 'New tag').click();
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(`${RUN}-a`);
  await button(dialog, 'Create').dblclick();
  await dialog.waitFor({ state: 'detached' });
  await table(page, 'Tags').getByRole('rowheader', { name: `${RUN}-a`, exact: true }).waitFor();
  assert.equal(posts.length, 1, 'a double click on Create sent one POST');

  const row = table(page, 'Tags').getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${RUN}-a`, exact: true }) });
  const puts = countRequests(page, 'PUT', /^\/api\/v1\/tags\/[^/]+$/);
  await button(row, 'Rename').click();
  dialog = page.getByRole('dialog', { name: 'Rename tag', exact: true });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(`${RUN}-b`);
  await button(dialog, 'Save').dblclick();
  await dialog.waitFor({ state: 'detached' });
  await table(page, 'Tags').getByRole('rowheader', { name: `${RUN}-b`, exact: true }).waitFor();
  assert.equal(puts.length, 1, 'a double click on Save sent one PUT');

  const deletes = countRequests(page, 'DELETE', /^\/api\/v1\/tags\/[^/]+$/);
  const renamed = table(page, 'Tags').getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${RUN}-b`, exact: true }) });
  await button(renamed, 'Delete').click();
  dialog = page.getByRole('dialog', { name: /^Delete tag/ });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await button(renamed, 'Delete').click();
  await button(dialog, 'Delete').dblclick();
  await dialog.waitFor({ state: 'detached' });
  await renamed.waitFor({ state: 'detached' });
  assert.equal(deletes.length, 1, 'a double click on Delete sent one DELETE');

});

test('fake n8n: variable and API key dialogs send one request per double click; a slow save cannot be sent twice', async (t) => {
  const page = await newPage(t, chromium.browser, fake.url);
  t.after(() => fakeFault(fake.fakeUrl, null));
  await signIn(page, fake.apiKey);
  await nav(page, 'Variables');
  await rowHeaders(page, 'Variables');
  const posts = countRequests(page, 'POST', /^\/api\/v1\/variables$/);
  await fakeFault(fake.fakeUrl, { path: '/api/v1/variables', method: 'POST', delayMs: 1500 });
  await button(page, 'New variable').click();
  const dialog = page.getByRole('dialog', { name: 'New variable', exact: true });
  await dialog.getByRole('textbox', { name: 'Key', exact: true }).fill(`REL_${Date.now().toString(36).toUpperCase()}`);
  await dialog.getByRole('textbox', { name: 'Value', exact: true }).fill('1');
  await button(dialog, 'Create').dblclick();
  await page.keyboard.press('Enter'); // a third submit, by keyboard, while the first is out
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });
  assert.equal(posts.length, 1, 'one POST for a double click and Enter');

  await nav(page, 'API keys');
  const keys = table(page, 'API keys');
  await keys.waitFor();
  const patches = countRequests(page, 'PATCH', /^\/api\/v1\/api-keys\/[^/]+$/);
  const editable = keys.getByRole('row').filter({ has: page.getByRole('button', { name: 'Edit', exact: true }) }).first();
  await button(editable, 'Edit').click();
  const edit = page.getByRole('dialog', { name: 'Edit API key', exact: true });
  await button(edit, 'Save').dblclick();
  await edit.waitFor({ state: 'detached' });
  assert.equal(patches.length, 1, 'one PATCH for a double click on Save');
});

test('a list reload keeps the keyboard focus on its row (Executions, Auto-refresh)', async (t) => {
  const page = await openConsole(t, chromium.browser);
  await nav(page, 'Executions');
  await rowHeaders(page, 'Executions');
  await page.getByRole('checkbox', { name: 'Auto-refresh' }).check();
  const link = table(page, 'Executions').locator('tbody th a').nth(2);
  await link.focus();
  const before = await link.innerText();
  await forgetRequests();
  // The next tick (every 10 s) reloads the list.
  for (let i = 0; i < 140 && !(await requests()).some((r) => r.method === 'GET' && r.path === '/api/v1/executions' && r.status); i++) await sleep(100);
  await quiet();
  const focused = await page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent?.trim(), inTable: !!document.activeElement?.closest('table') }));
  assert.deepEqual(focused, { tag: 'A', text: before, inTable: true }, 'the same link keeps the focus after the reload');
  await page.getByRole('checkbox', { name: 'Auto-refresh' }).uncheck();
});

/** JS heap (after a garbage collection) and wasm memory, in bytes. */
async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__consoleWasm?.memory?.buffer?.byteLength ?? 0);
  return { heap: usedSize, wasm };
}

test('soak: 1,000 navigations and filter changes in one session; memory stays within 2x, nothing is left hanging', async (t) => {
  const page = await newPage(t, chromium.browser, real.faultUrl);
  t.after(disarm);
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__consoleWasm = e.detail.wasm; }));
  await signIn(page, real.apiKey);
  const cdp = await page.context().newCDPSession(page);
  const searches = ['Sync', 'report', 'Slack', ''];
  const statuses = ['success', 'error', ''];
  // One round visits every list and changes a filter on two of them: 10 actions.
  async function round(i) {
    if (process.env.SOAK_PAGES) {
      for (const name of process.env.SOAK_PAGES.split(',')) await nav(page, name);
      return;
    }
    await nav(page, 'Workflows');
    await page.getByRole('textbox', { name: 'Search workflows' }).fill(searches[i % searches.length]);
    await page.getByRole('combobox', { name: 'Status' }).selectOption(i % 2 ? 'active' : '');
    await nav(page, 'Executions');
    await page.getByRole('combobox', { name: 'Status' }).selectOption(statuses[i % statuses.length]);
    await nav(page, 'Tags');
    await nav(page, 'Variables');
    await nav(page, 'API keys');
    await nav(page, 'Executions');
    await nav(page, 'Workflows');
  }
  await round(0);
  await quiet();
  const start = await memory(page, cdp);
  const started = Date.now();
  const samples = [];
  for (let i = 1; i <= Number(process.env.SOAK_ROUNDS ?? 100); i++) {
    await round(i);
    if (i % 10 === 0) {
      await quiet();
      const m = await memory(page, cdp);
      samples.push(`${(m.heap / 1e6).toFixed(2)}/${(m.wasm / 1e6).toFixed(2)}`);
    }
  }
  t.diagnostic(`soak samples (heap/wasm MB every 100 actions): ${samples.join(' ')}`);
  await quiet();
  const log = await requests();
  const end = await memory(page, cdp);
  t.diagnostic(`soak: 1,000 actions in ${((Date.now() - started) / 1000).toFixed(1)} s; JS heap ${(start.heap / 1e6).toFixed(1)} -> ${(end.heap / 1e6).toFixed(1)} MB; wasm memory ${(start.wasm / 1e6).toFixed(1)} -> ${(end.wasm / 1e6).toFixed(1)} MB; ${log.length} requests`);
  assert.ok(end.heap <= 2 * start.heap, `JS heap within 2x: ${start.heap} -> ${end.heap}`);
  assert.ok(start.wasm > 0, 'wasm memory is measured');
  assert.ok(end.wasm <= 2 * start.wasm, `wasm memory within 2x: ${start.wasm} -> ${end.wasm}`);
  assert.deepEqual(log.filter((r) => r.status === undefined), [], 'no request left hanging');
  await assertNoCrash(page);
});

test('leak audit: after connect, n8n sign-in, create + reveal + rotate a key and sign out, no secret is anywhere', async (t) => {
  const page = await newPage(t, chromium.browser, real.url);
  const logged = [];
  page.on('console', (m) => logged.push(m.text()));
  await page.addInitScript(() => {
    window.__urls = [location.href];
    for (const name of ['pushState', 'replaceState']) {
      const original = history[name].bind(history);
      history[name] = (state, title, url) => { window.__urls.push(String(url ?? '')); return original(state, title, url); };
    }
  });
  const urls = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) urls.push(f.url()); });
  const revealed = [];
  page.on('response', async (r) => {
    if (r.request().method() !== 'POST' || !/\/api-keys(\/[^/]+\/rotate)?$/.test(new URL(r.url()).pathname)) return;
    const body = await r.json().catch(() => null);
    const raw = body?.data?.rawApiKey ?? body?.rawApiKey;
    if (raw) revealed.push(raw);
  });
  t.after(async () => {
    // The keys this test made go again, through n8n's own API key list (labels start with RUN).
    const { editorSession } = await import('../support/n8n.mjs');
    const session = editorSession(real.n8nUrl);
    await session.rest('POST', '/login', { emailOrLdapLoginId: real.email, password: real.password });
    const listed = await session.rest('GET', '/api-keys');
    for (const key of Array.isArray(listed) ? listed : listed.items ?? []) {
      if (key.label.startsWith(RUN)) await session.rest('DELETE', `/api-keys/${key.id}`).catch(() => {});
    }
  });

  await signIn(page, real.apiKey);
  await nav(page, 'API keys');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(real.email);
  await page.getByLabel('Password', { exact: true }).fill(real.password);
  await button(page, 'Sign in to n8n').click();
  const keys = table(page, 'API keys');
  await keys.waitFor();
  await button(page, 'Create API key').click();
  const create = page.getByRole('dialog', { name: 'Create API key', exact: true });
  await create.getByRole('textbox', { name: 'Label', exact: true }).fill(`${RUN} audit`);
  await create.getByRole('checkbox', { name: 'workflow:list', exact: true }).check();
  await button(create, 'Create').click();
  const reveal = page.getByRole('dialog', { name: 'Your new API key', exact: true });
  await reveal.waitFor();
  await button(reveal, 'Done').click();
  await button(reveal, 'Close without copying').click();
  await reveal.waitFor({ state: 'detached' });
  const row = keys.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${RUN} audit`, exact: true }) });
  await button(row, 'Rotate').click();
  const rotate = page.getByRole('dialog', { name: 'Rotate API key', exact: true });
  const now = button(rotate, 'Rotate now');
  const replace = button(rotate, 'Create replacement');
  await now.or(replace).first().waitFor();
  if (await now.isVisible()) {
    await now.click();
    await button(rotate, 'Done').click();
  } else {
    await replace.click();
    await button(rotate, 'Keep both for now').click();
  }
  await rotate.waitFor({ state: 'detached' });
  for (let i = 0; i < 20 && revealed.length < 2; i++) await sleep(100);
  assert.equal(revealed.length, 2, 'a key was created and one rotated');
  await button(page, 'Sign out').click();
  await page.getByRole('heading', { name: 'Connect to n8n' }).waitFor();

  const secrets = { 'the API key': real.apiKey, 'the n8n password': real.password, 'the created key': revealed[0], 'the rotated key': revealed[1] };
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const values = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select')].map((e) => e.value));
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`);
  const history = [...urls, ...(await page.evaluate(() => window.__urls))];
  for (const [what, secret] of Object.entries(secrets)) {
    assert.equal(await stores(page, secret), false, `${what}: not in sessionStorage or localStorage`);
    assert.ok(!html.includes(secret), `${what}: not in the DOM`);
    assert.ok(!values.some((v) => v.includes(secret)), `${what}: not in any field's value`);
    assert.ok(!cookies.some((c) => c.includes(secret)), `${what}: not in a cookie`);
    assert.ok(!history.some((u) => u.includes(secret) || decodeURIComponent(u).includes(secret)), `${what}: not in the URL history`);
    assert.ok(!logged.some((l) => l.includes(secret)), `${what}: not in the console output`);
  }
  t.diagnostic(`leak audit: ${Object.keys(secrets).length} secrets checked against storage, ${cookies.length} cookies, ${history.length} URLs, the DOM, ${values.length} fields and ${logged.length} console lines`);
});
