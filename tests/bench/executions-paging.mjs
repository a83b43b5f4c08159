// Benchmark (not a test): the Executions page from `Next page` to rows on screen at 250 rows per
// page, against the bare API call for the same page (the same URL fetched and parsed in the same
// page, with the same key), on the release build in headless Chromium against a real n8n 2.20.0;
// then the JS heap and wasm memory after paging through every execution.
// Usage: make bench   (or node tests/bench/executions-paging.mjs [executions=10000] [rounds=3])
// Prints one JSON line and writes it to target/bench.json (`executionsPaging`).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGateway } from '../support/gateway.mjs';
import { bootstrap, startN8n } from '../support/n8n.mjs';
import { activeWebhook, api, mapLimit } from '../support/seed.mjs';
import { launchBrowser } from '../e2e/helpers.mjs';
import { record, stats } from './report.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const wanted = Number(process.argv[2] ?? 10000);
const rounds = Number(process.argv[3] ?? 3);
const log = (line) => console.error(`[bench] ${line}`);

/** A webhook workflow, active, called `count` times with a few calls in flight; waits for the runs. */
async function makeExecutions(url, apiKey, count) {
  const { id, path } = await activeWebhook(url, apiKey, 'Benchmark webhook');
  await mapLimit(Array.from({ length: count }), 6, async () => {
    const res = await fetch(new URL(`/webhook/${path}`, url));
    await res.arrayBuffer();
  });
  for (let i = 0; i < 120; i++) {
    const page = await api(url, apiKey, 'GET', `/executions?workflowId=${id}&limit=250`);
    if (page.data.length >= Math.min(count, 250) && !page.nextCursor === (count <= 250)) break;
    await sleep(500);
  }
  await sleep(2000); // the last runs finish writing
}

const n8n = await startN8n({ log });
try {
  const owner = await bootstrap(n8n.url);
  const started = Date.now();
  await makeExecutions(n8n.url, owner.apiKey, wanted);
  log(`made ${wanted} executions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const gateway = await startGateway({ root: join(repo, 'dist'), target: n8n.url });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ baseURL: gateway.url });
    const page = await context.newPage();
    await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__consoleWasm = e.detail.wasm; }));
    const cdp = await context.newCDPSession(page);
    await page.goto('/connect');
    await page.getByLabel('API key').fill(owner.apiKey);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.waitForURL('**/workflows**');
    // Each page's request by its cursor (sent ahead while the previous page was read, or on the
    // click), to fetch the same page bare afterwards; and how many clicks sent a request.
    const byCursor = new Map();
    let sent = 0;
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (r.method() !== 'GET' || url.pathname !== '/api/v1/executions') return;
      sent++;
      const cursor = url.searchParams.get('cursor');
      if (cursor) byCursor.set(cursor, { url: url.pathname + url.search, index: sent });
    });
    let servedAhead = 0;
    /** The cursor of the page on screen: the last of the console's `after` list (api::paging). */
    const shownCursor = () => {
      const after = new URL(page.url()).searchParams.get('after') ?? '';
      return after.split(',').at(-1).replaceAll('%2C', ',').replaceAll('%25', '%');
    };
    const clicks = [];
    const bare = [];
    let memory = null;
    /** What the page holds now, after a garbage collection: JS heap and wasm memory, in MB. */
    const sampleMemory = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const wasm = await page.evaluate(() => window.__consoleWasm?.memory?.buffer?.byteLength ?? 0);
      return { jsHeapMB: Math.round(usedSize / 1e5) / 10, wasmMB: Math.round(wasm / 1e5) / 10, totalMB: Math.round((usedSize + wasm) / 1e5) / 10 };
    };
    // On the last round, every 8 pages: memory along the way, to see that it stays flat.
    const along = [];
    for (let round = 0; round < rounds; round++) {
      await page.goto('/executions?rows=250');
      await page.locator('table[aria-busy="false"] tbody tr th').first().waitFor();
      // Forward through every page: click, then wait in the page until new rows are painted.
      for (let pageNumber = 1; ; pageNumber++) {
        if (round === rounds - 1 && pageNumber % 8 === 0) along.push({ page: pageNumber, ...(await sampleMemory()) });
        const next = page.getByRole('button', { name: 'Next page' });
        if (await next.isDisabled()) break;
        const sentBefore = sent;
        const ms = await page.evaluate(() => new Promise((resolve) => {
          const table = document.querySelector('table');
          const first = () => table.querySelector('tbody tr th')?.textContent;
          const before = first();
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Next page');
          const t0 = performance.now();
          button.click();
          const check = () => {
            if (table.getAttribute('aria-busy') === 'false' && first() && first() !== before) {
              // Two frames: the rows have been laid out and painted.
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
            } else {
              requestAnimationFrame(check);
            }
          };
          requestAnimationFrame(check);
        }));
        clicks.push(ms);
        // A page fetched ahead: the click itself waited for no request (the next one ahead may be out).
        const shown = byCursor.get(shownCursor());
        if (!shown) throw new Error(`no request for the page on screen (${page.url()})`);
        if (shown.index <= sentBefore) servedAhead++; // its request was out before the click
        const lastList = shown.url;
        // The anchor: the same request, fetched and parsed in the page, nothing drawn.
        bare.push(await page.evaluate(async ([url, key]) => {
          const t0 = performance.now();
          const res = await fetch(url, { headers: { 'X-N8N-API-KEY': key, accept: 'application/json' } });
          const body = await res.json();
          if (!Array.isArray(body.data)) throw new Error(`not a page: ${res.status}`);
          return performance.now() - t0;
        }, [lastList, owner.apiKey]));
      }
      if (round === rounds - 1) {
        // After paging through every execution: what the page holds (after a garbage collection).
        memory = { ...(await sampleMemory()), budgetMB: 40 };
      }
    }
    const click = stats(clicks);
    const apiStats = stats(bare);
    const ratio = Math.round((click.median / apiStats.median) * 100) / 100;
    record('executionsPaging', {
      executions: wanted, rowsPerPage: 250, rounds,
      nextPageMs: click, bareApiMs: apiStats,
      ratio, ratioBudget: 1.3, ratioMet: ratio <= 1.3, clicksServedAhead: servedAhead,
      memoryAfterPagingAll: { ...memory, met: memory.totalMB < 40 },
      // Flat: the last sample within 10% of the first (pages no longer shown are dropped).
      memoryAlongPaging: { samples: along, flat: along.length < 2 || memory.totalMB <= along[0].totalMB * 1.1 },
    });
  } finally {
    await browser.close();
    await gateway.stop();
  }
} finally {
  await n8n.stop();
}
