// Benchmark (not a test): promoting 30 workflows of 20 nodes from staging to main, two real n8n
// 2.20.0 behind the nginx recipe with the instance snippet (/n8n/staging/), as in production. Staging
// holds 30 workflows tagged `prod`; main already holds 10 of them changed and 5 unchanged, so the plan
// is create 15, update 10, unchanged 5. Measured in the browser: Compare (from `Compare` to the
// classes table), the plan (from `Promote 30 workflows` to the plan on screen, and the dialog's own
// figure for reading To and planning), and `Apply` (to `Promoted 25 of 30, 5 skipped`: the unchanged ones are not sent).
// Usage: node tests/bench/promote.mjs [rounds=3]   (make bench runs it; target/bench.json `promote`;
// E2E_SCREENSHOTS=<folder> saves the plan's dialog)
import { randomUUID } from 'node:crypto';
import { bootstrap, startN8n } from '../support/n8n.mjs';
import { api, mapLimit } from '../support/seed.mjs';
import { serveConsole, signInConsole } from './console-behind-nginx.mjs';
import { launchBrowser } from '../e2e/helpers.mjs';
import { record, stats } from './report.mjs';

const rounds = Number(process.argv[2] ?? 3);
const log = (line) => console.error(`[bench] ${line}`);
const COUNT = 30;
const NODES = 20;

/** A workflow of `NODES` nodes; `variant` changes one Set node's value. */
function workflow(name, variant) {
  const nodes = [{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
  const connections = {};
  for (let i = 1; i < NODES; i++) {
    nodes.push({
      id: randomUUID(), name: `Set ${i}`, type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [220 * i, 0],
      parameters: { assignments: { assignments: [{ id: `a${i}`, name: `field${i}`, value: `${name} step ${i} ${i === 7 ? variant : ''}`, type: 'string' }] } },
    });
    connections[nodes[i - 1].name] = { main: [[{ node: nodes[i].name, type: 'main', index: 0 }]] };
  }
  return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

async function seed(url, apiKey, items) {
  const tag = await api(url, apiKey, 'POST', '/tags', { name: 'prod' });
  await mapLimit(items, 4, async ({ name, variant }) => {
    const { id } = await api(url, apiKey, 'POST', '/workflows', workflow(name, variant));
    await api(url, apiKey, 'PUT', `/workflows/${id}/tags`, [{ id: tag.id }]);
  });
}

const names = Array.from({ length: COUNT }, (_, i) => `Promote ${String(i + 1).padStart(2, '0')}`);
const results = { compareMs: [], planMs: [], plannedMs: [], applyMs: [] };
let plan = '';
const servers = [];
try {
  for (let round = 0; round < rounds; round++) {
    const [main, staging] = await Promise.all([startN8n({ log }), startN8n({ log })]);
    servers.push(main, staging);
    const [mainOwner, stagingOwner] = await Promise.all([bootstrap(main.url), bootstrap(staging.url)]);
    await seed(staging.url, stagingOwner.apiKey, names.map((name) => ({ name, variant: 'staging' })));
    await seed(main.url, mainOwner.apiKey, [
      ...names.slice(0, 10).map((name) => ({ name, variant: 'main' })),
      ...names.slice(10, 15).map((name) => ({ name, variant: 'staging' })),
    ]);
    const nginx = await serveConsole(main.url, { instances: { '/n8n/staging/': staging.url } });
    servers.push(nginx);
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      await signInConsole(context, mainOwner.apiKey, [{ name: 'staging', baseUrl: '/n8n/staging', apiKey: stagingOwner.apiKey }]);
      const page = await context.newPage();
      page.setDefaultTimeout(120_000);
      await page.goto(`${nginx.origin}/console/compare`);
      await page.getByRole('combobox', { name: 'From', exact: true }).selectOption('staging');
      await page.getByRole('combobox', { name: 'To', exact: true }).selectOption('main');
      await page.getByRole('textbox', { name: 'Tag' }).fill('prod');
      let started = Date.now();
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      await page.getByRole('table', { name: 'Workflows by name' }).waitFor();
      results.compareMs.push(Date.now() - started);
      await page.getByRole('checkbox', { name: 'Select every workflow to promote' }).check();
      started = Date.now();
      await page.getByRole('button', { name: 'Promote 30 workflows' }).click();
      const summary = page.locator('.plan-summary');
      await summary.waitFor();
      results.planMs.push(Date.now() - started);
      results.plannedMs.push(Number(await summary.getAttribute('data-planned-ms')));
      plan = await summary.locator('strong').innerText();
      if (process.env.E2E_SCREENSHOTS) await page.getByRole('dialog').screenshot({ path: `${process.env.E2E_SCREENSHOTS}/promote-30-plan.png` });
      started = Date.now();
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await page.getByRole('status', { name: 'Promote result' }).getByText(/^Promoted \d+ of \d+/).waitFor();
      results.applyMs.push(Date.now() - started);
      const outcome = await page.getByRole('status', { name: 'Promote result' }).locator('.bulk-summary')
        .evaluate((p) => p.firstChild.textContent.trim());
      log(`round ${round + 1}: ${plan}; ${outcome}`);
    } finally {
      await browser.close();
      for (const s of servers.splice(0)) await s.stop();
    }
  }
  record('promote', {
    workflows: COUNT,
    nodesEach: NODES,
    plan,
    compareMs: stats(results.compareMs),
    planOnScreenMs: stats(results.planMs),
    readToAndPlanMs: stats(results.plannedMs),
    applyMs: stats(results.applyMs),
  });
} finally {
  for (const s of servers) await s.stop().catch(() => {});
}
