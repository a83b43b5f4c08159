// Benchmark (not a test): the console on a real n8n 2.20.0 with 1,000 large workflows (20 nodes
// each), served as in production (the nginx recipe, compressed):
// - name-only pages: what the Executions page (its Workflow column) and the Tags page (its counts)
//   download of workflows, beside reading every workflow (what the Workflow filter does once the
//   admin goes to it);
// - Workflows search: from the last keystroke to the updated rows, less the search box's debounce,
//   and how many requests each settled query sent;
// - `Export all` of every workflow: from the click to the saved file, and its size.
// Usage: node tests/bench/workflows-scale.mjs [workflows=1000] [rounds=5]   (make bench runs it;
// target/bench.json `workflowsScale`)
import { stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { bootstrap, startN8n } from '../support/n8n.mjs';
import { activeWebhook, api, mapLimit } from '../support/seed.mjs';
import { serveConsole, signInConsole } from './console-behind-nginx.mjs';
import { launchBrowser } from '../e2e/helpers.mjs';
import { record, stats } from './report.mjs';

const wanted = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 5);
const log = (line) => console.error(`[bench] ${line}`);
/** The search box's debounce (src/components/search_box.rs `DEBOUNCE`). */
const DEBOUNCE_MS = 300;
const NODES = 20;

/** A workflow of `NODES` nodes (a trigger and a chain of Set nodes with some text each). */
function largeWorkflow(name) {
  const nodes = [{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
  const connections = {};
  for (let i = 1; i < NODES; i++) {
    nodes.push({
      id: randomUUID(), name: `Set ${i}`, type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [220 * i, 0],
      parameters: { assignments: { assignments: [{ id: randomUUID(), name: `field${i}`, value: `${name} step ${i}: ${randomUUID()} ${'lorem ipsum '.repeat(12)}`, type: 'string' }] } },
    });
    connections[nodes[i - 1].name] = { main: [[{ node: nodes[i].name, type: 'main', index: 0 }]] };
  }
  return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** `count` large workflows, every tenth tagged `bench-tag`; a few requests in flight. */
async function makeWorkflows(url, apiKey, count) {
  const tag = await api(url, apiKey, 'POST', '/tags', { name: 'bench-tag' });
  await mapLimit(Array.from({ length: count }, (_, i) => i + 1), 4, async (n) => {
    const { id } = await api(url, apiKey, 'POST', '/workflows', largeWorkflow(`Bench workflow ${String(n).padStart(4, '0')}`));
    if (n % 10 === 0) await api(url, apiKey, 'PUT', `/workflows/${id}/tags`, [{ id: tag.id }]);
  });
}

/** Three active webhook workflows, called `calls` times each: executions naming a few workflows. */
async function makeExecutions(url, apiKey, calls) {
  for (let w = 1; w <= 3; w++) {
    const { path } = await activeWebhook(url, apiKey, `Bench webhook ${w}`);
    for (let i = 0; i < calls; i++) await (await fetch(new URL(`/webhook/${path}`, url))).arrayBuffer();
  }
}

/** Counts what the page downloads from n8n's workflow routes: requests, bytes on the wire, JSON bytes. */
async function watchWorkflowReads(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map();
  // `lists`: reads of the whole list; `filtered`: list reads narrowed by a tag; `singles`: one workflow each.
  const seen = { lists: 0, filtered: 0, singles: 0, wireBytes: 0, jsonBytes: 0 };
  cdp.on('Network.requestWillBeSent', (e) => {
    const url = new URL(e.request.url);
    if (!/^\/api\/v1\/workflows(\/[^/]+)?$/.test(url.pathname) || e.request.method !== 'GET') return;
    urls.set(e.requestId, url.pathname === '/api/v1/workflows' ? (url.searchParams.has('tags') ? 'filtered' : 'lists') : 'singles');
  });
  cdp.on('Network.dataReceived', (e) => { if (urls.has(e.requestId)) seen.jsonBytes += e.dataLength; });
  cdp.on('Network.loadingFinished', (e) => {
    const kind = urls.get(e.requestId);
    if (!kind) return;
    seen.wireBytes += e.encodedDataLength;
    seen[kind]++;
  });
  return () => ({ ...seen });
}

const n8n = await startN8n({ log });
let nginx;
try {
  const owner = await bootstrap(n8n.url);
  let started = Date.now();
  await makeWorkflows(n8n.url, owner.apiKey, wanted);
  log(`made ${wanted} workflows of ${NODES} nodes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  await makeExecutions(n8n.url, owner.apiKey, 40);
  log(`made 120 executions of 3 workflows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  nginx = await serveConsole(n8n.url);
  const { origin } = nginx;
  const browser = await launchBrowser();
  /** A new tab signed in as after Connect. */
  const openTab = async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await signInConsole(context, owner.apiKey);
    return { context, page: await context.newPage() };
  };
  const settled = (page) => page.locator('table[aria-busy="false"]').first().waitFor({ timeout: 120_000 });
  try {
    // Name-only pages.
    let tab = await openTab();
    let reads = await watchWorkflowReads(tab.context, tab.page);
    await tab.page.goto(`${origin}/console/executions`);
    await settled(tab.page);
    await tab.page.locator('tbody tr td:nth-child(2) a').first().waitFor();
    await tab.page.waitForLoadState('networkidle');
    const executionsPage = reads();
    // The Workflow filter, once the admin goes to it, offers every workflow: one full read.
    await tab.page.getByRole('combobox', { name: 'Workflow', exact: true }).focus();
    await tab.page.getByRole('combobox', { name: 'Workflow', exact: true }).locator('option').nth(wanted).waitFor({ state: 'attached', timeout: 300_000 });
    await tab.page.waitForLoadState('networkidle');
    const afterFilter = reads();
    const everyWorkflow = {
      lists: afterFilter.lists - executionsPage.lists,
      wireBytes: afterFilter.wireBytes - executionsPage.wireBytes,
      jsonBytes: afterFilter.jsonBytes - executionsPage.jsonBytes,
    };
    await tab.context.close();
    log(`Executions page: ${executionsPage.singles} single reads, ${executionsPage.lists} list reads, ${executionsPage.wireBytes} B; every workflow: ${everyWorkflow.wireBytes} B`);

    tab = await openTab();
    reads = await watchWorkflowReads(tab.context, tab.page);
    await tab.page.goto(`${origin}/console/tags`);
    await settled(tab.page);
    await tab.page.waitForFunction(() => [...document.querySelectorAll('tbody tr td:nth-child(2)')].every((td) => /^\d+$/.test(td.textContent.trim())), null, { timeout: 300_000 });
    await tab.page.waitForLoadState('networkidle');
    const tagsPage = reads();
    await tab.context.close();
    log(`Tags page: ${tagsPage.lists} whole-list reads, ${tagsPage.filtered} reads by tag, ${tagsPage.wireBytes} B`);

    // Workflows search: each query typed a key every 50 ms (inside the debounce), to its rows.
    tab = await openTab();
    const { page } = tab;
    await page.goto(`${origin}/console/workflows`);
    await settled(page);
    const searches = [];
    const searchUrls = [];
    const bare = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/v1/workflows' && url.searchParams.has('name')) {
        searches.push(url.searchParams.get('name'));
        searchUrls.push(url.pathname + url.search);
      }
    });
    const box = page.getByRole('textbox', { name: 'Search workflows' });
    const latencies = [];
    const requestsPerQuery = [];
    for (let i = 0; i < rounds; i++) {
      const query = String(((i + 1) * 197) % wanted || 1).padStart(4, '0');
      await box.fill('');
      await page.waitForURL((u) => !u.searchParams.has('q'));
      await settled(page);
      await page.evaluate(() => {
        window.__lastKey = 0;
        document.addEventListener('keydown', () => { window.__lastKey = performance.now(); }, { capture: true });
      });
      const before = searches.length;
      await box.click();
      await page.keyboard.type(query, { delay: 50 });
      const ms = await page.evaluate((q) => new Promise((resolve) => {
        const check = () => {
          const table = document.querySelector('table');
          const names = [...(table?.querySelectorAll('tbody tr th') ?? [])].map((th) => th.textContent.trim());
          if (table?.getAttribute('aria-busy') === 'false' && names.length > 0 && names.every((n) => n.includes(q))) {
            requestAnimationFrame(() => resolve(performance.now() - window.__lastKey));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      }), query);
      await page.waitForLoadState('networkidle');
      latencies.push(ms - DEBOUNCE_MS);
      requestsPerQuery.push(searches.slice(before).length);
      // The anchor: the same search fetched and parsed in the page, nothing drawn.
      bare.push(await page.evaluate(async ([url, key]) => {
        const t0 = performance.now();
        const res = await fetch(url, { headers: { 'X-N8N-API-KEY': key, accept: 'application/json' } });
        await res.json();
        return performance.now() - t0;
      }, [searchUrls.at(-1), owner.apiKey]));
    }
    log(`search: ${latencies.map((l) => l.toFixed(0)).join(', ')} ms after the debounce (the bare call: ${bare.map((l) => l.toFixed(0)).join(', ')} ms); requests ${requestsPerQuery}`);

    // Export all of every workflow.
    await box.fill('');
    await page.waitForURL((u) => !u.searchParams.has('q'));
    await settled(page);
    const exports = [];
    let fileBytes = 0;
    for (let i = 0; i < Math.min(rounds, 3); i++) {
      const t0 = Date.now();
      const download = page.waitForEvent('download', { timeout: 600_000 });
      await page.getByRole('button', { name: 'Export all', exact: true }).click();
      const file = await (await download).path();
      exports.push(Date.now() - t0);
      fileBytes = (await stat(file)).size;
      log(`export ${i + 1}: ${exports.at(-1)} ms, ${fileBytes} B`);
    }
    await tab.context.close();

    const search = stats(latencies);
    record('workflowsScale', {
      workflows: wanted, nodesPerWorkflow: NODES, rounds,
      namesOnly: {
        executionsPage: { ...executionsPage, met: executionsPage.lists === 0 && executionsPage.filtered === 0 },
        tagsPage: { ...tagsPage, met: tagsPage.lists === 0 },
        everyWorkflow,
      },
      search: {
        afterDebounceMs: search, bareApiMs: stats(bare), budgetMs: 100, met: search.max < 100,
        requestsPerQuery, oneRequestEach: requestsPerQuery.every((n) => n === 1),
      },
      exportAll: { ms: stats(exports), fileBytes },
    });
  } finally {
    await browser.close();
  }
} finally {
  await nginx?.stop();
  await n8n.stop();
}
