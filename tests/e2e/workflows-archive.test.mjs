// Archived workflows on real n8n (archive came in 2.15.1): n8n's GET /workflows returns them with
// isArchived: true, so the console hides them unless `Show archived` is ticked, and offers Archive /
// Unarchive per row. On 1.x, which can only delete, neither is offered. The API is the truth; the
// test deletes the workflows it made.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { api } from '../support/seed.mjs';
import { capabilitiesKnown, countRequests, e2eContext, holdWrites, expectedFeatures, launchBrowser, newPage, signIn, quoted } from './helpers.mjs';

const { real } = e2eContext();
const n8n = (method, path, body) => api(real.n8nUrl, real.apiKey, method, path, body);
const made = [];
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  for (const id of made) await n8n('DELETE', `/workflows/${id}`).catch(() => {});
});

async function workflow(name) {
  const { id } = await n8n('POST', '/workflows', { name, nodes: [], connections: {}, settings: {} });
  made.push(id);
  return id;
}
const isArchived = async (id) => (await n8n('GET', `/workflows/${id}`)).isArchived;
const table = (page) => page.getByRole('table', { name: 'Workflows' });
const rowOf = (page, name) => table(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
const showArchived = (page) => page.getByRole('checkbox', { name: 'Show archived' });

test('archived workflows are hidden until Show archived; Archive and Unarchive change n8n and the list', async (t) => {
  const mark = randomUUID().slice(0, 8);
  const live = `Archive me ${mark}`;
  const old = `Archived before ${mark}`;
  const liveId = await workflow(live);
  const oldId = await workflow(old);
  const archives = expectedFeatures(real.version).archive;
  if (archives) await n8n('POST', `/workflows/${oldId}/archive`);

  const page = await newPage(t, browser, real.url);
  await holdWrites(page); // a double click's second click comes while the first one's request is out
  await signIn(page, real.apiKey);
  await page.goto(`/workflows?q=${mark}`);
  await rowOf(page, live).waitFor();
  await page.locator('table[aria-busy="false"]').waitFor();
  if (!archives) {
    // 1.x: both are plain workflows, and nothing offers an archive n8n does not have.
    await rowOf(page, old).waitFor();
    await capabilitiesKnown(page);
    assert.equal(await showArchived(page).count(), 0, `no Show archived on ${real.version}`);
    assert.equal(await table(page).getByRole('button', { name: 'Archive', exact: true }).count(), 0, 'no Archive button');
    return;
  }
  assert.equal(await rowOf(page, old).count(), 0, 'an archived workflow is not listed by default');
  assert.equal(await showArchived(page).isChecked(), false);

  await showArchived(page).check();
  await page.waitForURL(/archived=show/);
  const oldRow = rowOf(page, old);
  await oldRow.waitFor();
  await oldRow.getByText('Archived', { exact: true }).waitFor();
  assert.equal(await oldRow.getByRole('button', { name: 'Activate' }).count(), 0, 'an archived workflow cannot be activated');

  // Archive the live one (double-clicked: one request): it leaves the default list, and n8n has it archived.
  await showArchived(page).uncheck();
  await page.waitForURL((url) => !url.search.includes('archived'));
  const sent = countRequests(page, 'POST', /^\/api\/v1\/workflows\/[^/]+\/(archive|unarchive)$/);
  await rowOf(page, live).getByRole('button', { name: 'Archive', exact: true }).dblclick();
  await page.getByRole('status').filter({ hasText: `${quoted(live)} archived.` }).waitFor();
  await rowOf(page, live).waitFor({ state: 'detached' });
  assert.equal(await isArchived(liveId), true);
  assert.equal(sent.length, 1, `a double click on Archive sent one request: ${sent}`);

  // Unarchive the old one: it is listed again without Show archived.
  await showArchived(page).check();
  await rowOf(page, old).getByRole('button', { name: 'Unarchive', exact: true }).dblclick();
  await page.getByRole('status').filter({ hasText: `${quoted(old)} unarchived.` }).waitFor();
  assert.equal(await isArchived(oldId), false);
  assert.equal(sent.length, 2, `a double click on Unarchive sent one request: ${sent}`);
  await showArchived(page).uncheck();
  await rowOf(page, old).waitFor();
  await rowOf(page, old).getByRole('button', { name: 'Activate', exact: true }).waitFor();
});
