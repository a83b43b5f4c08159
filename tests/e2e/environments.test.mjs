// Several instances in one tab, Compare and Promote, against two real n8n instances this file starts
// (own ports, own data), both behind one origin: the gateway sends /api/ to "main" and /n8n/staging/ to
// "staging", with the prefix taken off, as deploy/nginx/n8n-instance.conf.template does; the last test
// runs that snippet itself in Debian's nginx. Each side is seeded through its own API with known
// differences; what Promote wrote is read back through main's API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { api, listAll } from '../support/seed.mjs';
import { bootstrap, freePort, startN8n } from '../support/n8n.mjs';
import { startGateway } from '../support/gateway.mjs';
import { startNginx } from '../support/nginx.mjs';
import { e2eContext, expectedFeatures, launchBrowser, newPage, storage } from './helpers.mjs';

const { real, dist } = e2eContext();
const log = (line) => console.log(`[environments] ${line}`);
const STAGING_PATH = '/n8n/staging';
const shots = process.env.E2E_SCREENSHOTS;

let browser;
let main; // { url, apiKey, stop }: To
let staging; // { url, apiKey, stop }: From
let gateway;
const stops = [];

const node = (name, type, x, parameters = {}, extra = {}) =>
  ({ id: randomUUID(), name, type, typeVersion: 1, position: [x, Math.round(Math.random() * 100)], parameters, ...extra });
const chain = (...names) => Object.fromEntries(names.slice(0, -1).map((name, i) =>
  [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));
const simple = (name) => ({
  name,
  nodes: [node('Start', 'n8n-nodes-base.manualTrigger', 0), node('Done', 'n8n-nodes-base.noOp', 220)],
  connections: chain('Start', 'Done'),
  settings: { executionOrder: 'v1' },
});
/** "Env changed": a webhook (activatable); From adds a node, a method and a time zone. */
const changed = ({ method, audit, timezone }) => {
  const nodes = [
    node('Webhook', 'n8n-nodes-base.webhook', 0, { path: 'env-changed', httpMethod: method, responseMode: 'onReceived' },
      { typeVersion: 2, webhookId: randomUUID() }),
    node('Done', 'n8n-nodes-base.noOp', 220),
  ];
  if (audit) nodes.push(node('Audit', 'n8n-nodes-base.noOp', 440));
  return {
    name: 'Env changed',
    nodes,
    connections: audit ? chain('Webhook', 'Done', 'Audit') : chain('Webhook', 'Done'),
    settings: { executionOrder: 'v1', ...(timezone && { timezone }) },
  };
};

async function seedSide(side, workflows) {
  const call = (method, path, body) => api(side.url, side.apiKey, method, path, body);
  const tagIds = {};
  const made = {};
  for (const { body, tags = [], active } of workflows) {
    const created = await call('POST', '/workflows', body);
    for (const tag of tags) tagIds[tag] ??= (await call('POST', '/tags', { name: tag })).id;
    if (tags.length) await call('PUT', `/workflows/${created.id}/tags`, tags.map((t) => ({ id: tagIds[t] })));
    if (active) await call('POST', `/workflows/${created.id}/activate`);
    (made[body.name] ??= []).push(created.id);
  }
  return made;
}

async function startSide(name) {
  const n8n = await startN8n({ log, version: real.version });
  stops.push(n8n.stop);
  const owner = await bootstrap(n8n.url);
  log(`${name}: n8n ${real.version} at ${n8n.url}`);
  return { url: n8n.url, apiKey: owner.apiKey };
}

before(async () => {
  browser = await launchBrowser();
  [main, staging] = await Promise.all([startSide('main'), startSide('staging')]);
  const credential = await api(staging.url, staging.apiKey, 'POST', '/credentials',
    { name: 'Env header key', type: 'httpHeaderAuth', data: { name: 'X-Key', value: 'not-a-real-secret' } });
  const withCredential = {
    name: 'Env new',
    nodes: [
      node('Start', 'n8n-nodes-base.manualTrigger', 0),
      node('Call partner', 'n8n-nodes-base.httpRequest', 220,
        { url: 'https://partner.example/api', authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' },
        { typeVersion: 4, credentials: { httpHeaderAuth: { id: credential.id, name: 'Env header key' } } }),
    ],
    connections: chain('Start', 'Call partner'),
    settings: { executionOrder: 'v1' },
  };
  await seedSide(staging, [
    { body: simple('Env same'), tags: ['prod'] },
    { body: changed({ method: 'POST', audit: true, timezone: 'Europe/Berlin' }), tags: ['prod'] },
    { body: withCredential, tags: ['prod', 'env-new'] },
    { body: simple('Env twice'), tags: ['prod'] },
    { body: simple('Env untagged') },
  ]);
  main.seeded = await seedSide(main, [
    { body: simple('Env same'), tags: ['prod'] },
    { body: changed({ method: 'GET', audit: false }), tags: ['prod'], active: true },
    { body: simple('Env prod only'), tags: ['prod'] },
    { body: simple('Env twice'), tags: ['prod'] },
    { body: simple('Env twice'), tags: ['prod'] },
  ]);
  gateway = await startGateway({ root: dist, target: main.url, csp: true, instances: { [`${STAGING_PATH}/`]: staging.url } });
  stops.push(gateway.stop);
});

after(async () => {
  await browser?.close();
  for (const stop of stops.reverse()) await stop().catch(() => {});
});

const select = (page, name) => page.getByRole('combobox', { name, exact: true });
const button = (page, name) => page.getByRole('button', { name, exact: true });
const workflowsTable = (page) => page.getByRole('table', { name: 'Workflows' });

/** Connects to main (this origin) and adds staging under its path; ends on staging's Workflows. */
async function twoInstances(page) {
  await page.goto('/connect');
  await page.getByLabel('API key').fill(main.apiKey);
  await button(page, 'Connect').click();
  await page.waitForURL('**/workflows');
  await button(page, 'Add instance').click();
  const dialog = page.getByRole('dialog', { name: 'Add instance' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('staging');
  await dialog.getByRole('textbox', { name: 'n8n URL' }).fill(STAGING_PATH);
  await dialog.getByLabel('API key').fill(staging.apiKey);
  await dialog.getByRole('combobox', { name: 'Colour' }).selectOption('amber');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForURL('**/workflows?instance=staging');
}

/** Each row of Compare's table: name -> class. */
async function classes(page) {
  const table = page.getByRole('table', { name: 'Workflows by name' });
  await table.waitFor();
  return Object.fromEntries(await table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.querySelector('th').textContent.trim(), r.dataset.class])));
}

test('two instances in one tab: each page shows the one the URL names, in its colour; keys stay in sessionStorage', async (t) => {
  const page = await newPage(t, browser, gateway.url);
  await twoInstances(page);
  const bar = page.locator('.instance-bar');
  assert.equal(await bar.getAttribute('data-colour'), 'amber');
  assert.equal(await select(page, 'Instance').inputValue(), 'staging');
  await workflowsTable(page).getByRole('link', { name: 'Env untagged' }).waitFor();
  assert.equal(await workflowsTable(page).getByRole('link', { name: 'Env prod only' }).count(), 0);
  if (shots) await page.screenshot({ path: `${shots}/instances-staging.png` });

  // Links keep the instance; switching goes to the same section on the other instance.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tags' }).click();
  await page.waitForURL('**/tags?instance=staging');
  await page.getByRole('table', { name: 'Tags' }).getByText('env-new').waitFor();
  await select(page, 'Instance').selectOption('main');
  await page.waitForURL((url) => url.pathname.endsWith('/tags') && !url.search);
  assert.equal(await bar.getAttribute('data-colour'), 'blue');
  await page.locator('table[aria-busy="false"]').waitFor();
  assert.equal(await page.getByRole('table', { name: 'Tags' }).getByText('env-new').count(), 0);

  // A shared link opens the instance it names, after a reload too; the keys are nowhere else.
  await page.goto('/workflows?instance=staging');
  await workflowsTable(page).getByRole('link', { name: 'Env untagged' }).waitFor();
  const { session, local } = await storage(page);
  const stored = JSON.parse(session['n8n-console.session']);
  assert.deepEqual(stored.instances.map((i) => [i.name, i.baseUrl, i.colour]), [['main', '', 'blue'], ['staging', STAGING_PATH, 'amber']]);
  for (const key of [main.apiKey, staging.apiKey]) {
    assert.ok(!Object.values(local).some((v) => v.includes(key)), 'no key in localStorage');
    assert.ok(!page.url().includes(key), 'no key in the URL');
  }

  // A link naming an instance this tab lacks says so instead of showing another one's data.
  await page.goto('/workflows?instance=prod-eu');
  await page.getByRole('alert').filter({ hasText: 'no instance named prod-eu' }).waitFor();
  assert.equal(await workflowsTable(page).count(), 0);

  // Remove instance forgets it and shows the first.
  await page.goto('/workflows?instance=staging');
  await button(page, 'Remove instance').click();
  await page.waitForURL((url) => url.pathname.endsWith('/workflows') && !url.search);
  assert.deepEqual((await select(page, 'Instance').locator('option').allTextContents()), ['main']);
  assert.ok(!(await storage(page)).session['n8n-console.session'].includes(staging.apiKey), 'the removed key is forgotten');
});

test('Compare classes every workflow with the tag, and a diff shows each change with both values', async (t) => {
  const page = await newPage(t, browser, gateway.url);
  await twoInstances(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compare' }).click();
  await select(page, 'From').selectOption('staging');
  await select(page, 'To').selectOption('main');
  await page.getByRole('textbox', { name: 'Tag' }).fill('prod');
  await button(page, 'Compare').click();
  await page.waitForURL('**/compare?from=staging&to=main&tag=prod**');
  assert.deepEqual(await classes(page), {
    'Env changed': 'different',
    'Env new': 'only-from',
    'Env prod only': 'only-to',
    'Env same': 'identical',
    'Env twice': 'same-name',
  });
  const ignored = page.locator('details', { hasText: 'What “identical” ignores' });
  await ignored.locator('summary').click();
  await ignored.getByText('node positions on the canvas').waitFor();
  if (shots) await page.screenshot({ path: `${shots}/compare.png`, fullPage: true });

  await button(page, 'Show diff of Env changed').click();
  const diff = page.getByRole('dialog', { name: 'Diff of Env changed' });
  await diff.getByRole('heading', { name: 'Nodes promoting adds' }).waitFor();
  assert.deepEqual(await diff.locator('section', { hasText: 'Nodes promoting adds' }).getByRole('listitem').allTextContents(), ['Audit']);
  const webhook = diff.getByRole('table', { name: 'Node Webhook' });
  const method = webhook.getByRole('row', { name: /parameters\.httpMethod/ });
  assert.deepEqual(await method.getByRole('cell').allTextContents(), ['"GET"', '"POST"']);
  const settings = diff.getByRole('table', { name: 'Settings' }).getByRole('row', { name: /timezone/ });
  assert.deepEqual(await settings.getByRole('cell').allTextContents(), ['absent', '"Europe/Berlin"']);
  assert.deepEqual(await diff.locator('section', { hasText: 'Connections promoting adds' }).getByRole('listitem').allTextContents(), ['Done → Audit']);
  await diff.getByRole('button', { name: 'Show raw JSON' }).click();
  const raws = await diff.locator('pre').allTextContents();
  assert.equal(raws.length, 2);
  assert.equal(JSON.parse(raws[0]).nodes.length, 3, 'From as n8n answered it');
  assert.equal(JSON.parse(raws[1]).nodes.length, 2, 'To as n8n answered it');
  if (shots) {
    await diff.screenshot({ path: `${shots}/compare-diff.png` });
    await page.setViewportSize({ width: 400, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${shots}/compare-diff-400-dark.png` });
    await diff.getByRole('button', { name: 'Close' }).click();
    await page.screenshot({ path: `${shots}/compare-400-dark.png`, fullPage: true });
    await button(page, 'Show diff of Env changed').click();
  }
  await diff.getByRole('button', { name: 'Close' }).click();
  await diff.waitFor({ state: 'detached' });
});

test('Promote plans, then creates and updates on To: same id, active again, tags made, missing credentials named', async (t) => {
  const page = await newPage(t, browser, gateway.url);
  const [changedId] = main.seeded['Env changed'];
  const before = await api(main.url, main.apiKey, 'GET', `/workflows/${changedId}`);
  assert.equal(before.active, true);
  const webhookIdBefore = before.nodes.find((n) => n.name === 'Webhook').webhookId;

  await twoInstances(page);
  await page.goto('/compare?from=staging&to=main&tag=prod');
  await page.getByRole('checkbox', { name: 'Select Env changed' }).check();
  await page.getByRole('checkbox', { name: 'Select Env new' }).check();
  await button(page, 'Promote 2 workflows').click();
  const dialog = page.getByRole('dialog', { name: 'Promote 2 workflows from staging to main' });
  const summary = dialog.locator('.plan-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /^Create 1, update 1, unchanged 0 Planned in (\d+ ms|\d+\.\d s)\.$/);
  const step = (name) => dialog.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell');
  assert.equal(await step('Env changed').innerText(), `Update in place (id ${changedId}), active again after`);
  assert.equal(await step('Env new').innerText(), 'Create');
  assert.deepEqual(await dialog.getByRole('region', { name: 'Tags to create' }).getByRole('listitem').allTextContents(), ['env-new']);
  if (expectedFeatures(real.version).listCredentials) {
    assert.deepEqual(await dialog.getByRole('region', { name: 'Credentials To lacks' }).getByRole('listitem').allTextContents(),
      ['“\u2068Env header key\u2069” (httpHeaderAuth), used by “\u2068Env new\u2069”']);
  } else {
    // n8n 1.x cannot list credentials: the plan says so instead of claiming none are missing.
    await dialog.getByRole('status').filter({ hasText: 'The credentials on main could not be read (this n8n cannot list credentials (before 2.8.4))' }).waitFor();
  }

  if (shots) await dialog.screenshot({ path: `${shots}/promote-plan.png` });
  await button(page, 'Apply').click();
  const result = dialog.getByRole('status', { name: 'Promote result' });
  await result.getByText('Promoted 2 of 2').waitFor({ timeout: 30_000 });
  if (shots) await dialog.screenshot({ path: `${shots}/promote-result.png` });
  const said = async (name) => (await result.getByRole('listitem').filter({ hasText: name }).innerText()).replace(name, '').trim();
  assert.equal(await said('Env changed'), 'updated in place, active');
  assert.match(await said('Env new'), /^created as \S+$/);
  assert.equal(await button(page, 'Apply').isDisabled(), true, 'one click, one run');

  // What To holds now, through its own API.
  const after = await api(main.url, main.apiKey, 'GET', `/workflows/${changedId}`);
  assert.equal(after.active, true, 'active again after the update');
  if ('activeVersionId' in after) assert.equal(after.activeVersionId, after.versionId, 'the promoted version is the live one');
  assert.deepEqual(after.nodes.map((n) => n.name).sort(), ['Audit', 'Done', 'Webhook']);
  const webhook = after.nodes.find((n) => n.name === 'Webhook');
  assert.equal(webhook.parameters.httpMethod, 'POST');
  assert.equal(webhook.webhookId, webhookIdBefore, "To's webhook URL stays");
  assert.deepEqual(after.connections.Done.main[0].map((c) => c.node), ['Audit']);
  assert.equal(after.settings.timezone, 'Europe/Berlin');
  assert.deepEqual(after.tags.map((t) => t.name), ['prod']);
  const onMain = (await listAll(main.url, main.apiKey, '/workflows')).filter((w) => w.name === 'Env new');
  assert.equal(onMain.length, 1, 'created once');
  assert.deepEqual(onMain[0].tags.map((t) => t.name).sort(), ['env-new', 'prod']);
  assert.deepEqual(onMain[0].connections.Start.main[0].map((c) => c.node), ['Call partner']);
  assert.equal((await listAll(main.url, main.apiKey, '/workflows')).filter((w) => w.name === 'Env changed').length, 1, 'no copy made');

  // Compared again, both are identical now.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.reload();
  const now = await classes(page);
  assert.equal(now['Env changed'], 'identical');
  assert.equal(now['Env new'], 'identical');
});

test("the nginx recipe's instance snippet puts a second n8n under a path of the console's origin", async (t) => {
  const port = await freePort();
  const upstream = (url) => new URL(url).host;
  const nginx = await startNginx([{
    LISTEN: `127.0.0.1:${port}`,
    N8N_UPSTREAM: upstream(main.url),
    CONSOLE_ROOT: dist,
    CONSOLE_PREFIX: '/console/',
    PORTAL_ORIGINS: '',
    instances: [{ INSTANCE_PREFIX: `${STAGING_PATH}/`, INSTANCE_UPSTREAM: upstream(staging.url) }],
  }]);
  t.after(nginx.stop);
  const origin = `http://127.0.0.1:${port}`;
  const answer = await fetch(`${origin}${STAGING_PATH}/api/v1/workflows?limit=250`, { headers: { 'X-N8N-API-KEY': staging.apiKey } });
  assert.equal(answer.status, 200);
  assert.ok((await answer.json()).data.some((w) => w.name === 'Env untagged'), "staging's API under the path");

  const page = await newPage(t, browser, `${origin}/console/`);
  await page.goto('connect');
  await page.getByLabel('API key').fill(main.apiKey);
  await button(page, 'Connect').click();
  await page.waitForURL('**/console/workflows');
  await button(page, 'Add instance').click();
  const dialog = page.getByRole('dialog', { name: 'Add instance' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('staging');
  await dialog.getByRole('textbox', { name: 'n8n URL' }).fill(STAGING_PATH);
  await dialog.getByLabel('API key').fill(staging.apiKey);
  await dialog.getByRole('button', { name: 'Add' }).click();
  await page.waitForURL('**/console/workflows?instance=staging');
  await workflowsTable(page).getByRole('link', { name: 'Env untagged' }).waitFor();
});
