// The connect screen and the session: where the key is kept (sessionStorage only), what a bad key,
// a wrong URL or a revoked key show, and that signed-out visitors are sent to /connect.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connect, e2eContext, fakeFault, holdRequests, launchBrowser, newPage, signIn, storage, stores } from './helpers.mjs';

const { real, fake } = e2eContext();
const SESSION_KEY = 'n8n-console.session';
let browser;
before(async () => { browser = await launchBrowser(); });
after(() => browser?.close());

const alert = (page) => page.getByRole('alert').first();
const onConnect = (page) => new URL(page.url()).pathname === '/connect';

test('a good key lands on /workflows; the key lives in sessionStorage only; reload and sign out', async (t) => {
  const page = await newPage(t, browser, real.url);
  await signIn(page, real.apiKey);
  assert.equal(new URL(page.url()).pathname, '/workflows');
  assert.ok(!page.url().includes(real.apiKey), 'the key must not be in the URL');

  const { session, local } = await storage(page);
  assert.ok(session[SESSION_KEY]?.includes(real.apiKey), `sessionStorage["${SESSION_KEY}"] holds the key`);
  assert.ok(!Object.values(local).some((v) => v.includes(real.apiKey)), 'localStorage must not hold the key');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Workflows' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/workflows');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/connect**');
  await page.getByRole('button', { name: 'Connect' }).waitFor();
  assert.equal(await stores(page, real.apiKey), false, 'signing out forgets the key');
});

test('Connect double-clicked, then Enter, while the check is out: one check, one session', async (t) => {
  const page = await newPage(t, browser, real.url);
  // The key check (GET /workflows?limit=1) held 500 ms, so the later clicks come while it is out.
  const checks = await holdRequests(page, (request) => {
    const url = new URL(request.url());
    return url.pathname === '/api/v1/workflows' && url.searchParams.get('limit') === '1';
  });
  await page.goto('/connect');
  await page.getByLabel('API key').fill(real.apiKey);
  await page.getByRole('button', { name: 'Connect' }).dblclick();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Workflows' }).waitFor();
  await page.locator('[data-capabilities="known"]').waitFor();
  assert.equal(checks.length, 1, `one key check for a double click and Enter: ${checks}`);
});

test('a bad key shows an alert, stays on /connect and stores nothing', async (t) => {
  const page = await newPage(t, browser, real.url);
  const badKey = 'not-a-valid-key-0123456789';
  await connect(page, badKey);
  await alert(page).waitFor();
  assert.ok(onConnect(page), `still on /connect, not ${page.url()}`);
  assert.equal(await stores(page, badKey), false);
});

test('a URL that is not n8n (HTML from the SPA fallback) is explained and nothing is stored', async (t) => {
  const page = await newPage(t, browser, real.url);
  await connect(page, real.apiKey, { n8nUrl: `${real.url}/not-n8n` });
  await alert(page).waitFor();
  const text = await alert(page).innerText();
  assert.match(text, /not (the )?n8n['’]?s? (public )?API/i, `the alert says the answer was not n8n's API: "${text}"`);
  assert.ok(onConnect(page));
  assert.equal(await stores(page, real.apiKey), false);
});

test('signed out, /workflows redirects to /connect', async (t) => {
  const page = await newPage(t, browser, real.url);
  await page.goto('/workflows');
  await page.waitForURL('**/connect**');
  await page.getByRole('button', { name: 'Connect' }).waitFor();
});

test('a key that n8n stops accepting (401) sends you back to /connect with an alert', async (t) => {
  const page = await newPage(t, browser, fake.url);
  t.after(() => fakeFault(fake.fakeUrl, null));
  await signIn(page, fake.apiKey);
  await fakeFault(fake.fakeUrl, {
    path: '/api/v1/workflows', times: 1, status: 401, body: '{"message":"unauthorized"}', contentType: 'application/json',
  });
  await page.reload();
  await page.waitForURL('**/connect**');
  await alert(page).waitFor();
});
