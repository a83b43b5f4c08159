// Benchmark (not a test): how long the Executions page takes from `Next page` to rows on screen at
// 250 rows per page, on the release build in headless Chromium against a real n8n 2.20.0.
// Usage: make bench   (or node tests/bench/executions-paging.mjs [executions=1000] [rounds=10])
// Prints one JSON line with the per-click times in milliseconds, their median and 95th percentile.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGateway } from '../support/gateway.mjs';
import { bootstrap, startN8n } from '../support/n8n.mjs';
import { api } from '../support/seed.mjs';
import { launchBrowser } from '../e2e/helpers.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const wanted = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 10);
const log = (line) => console.error(`[bench] ${line}`);

/** A webhook workflow, active, called `count` times with a few calls in flight; waits for the runs. */
async function makeExecutions(url, apiKey, count) {
  const path = `bench-${randomUUID().slice(0, 8)}`;
  const { id } = await api(url, apiKey, 'POST', '/workflows', {
    name: 'Benchmark webhook',
    nodes: [
      { id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0],
        webhookId: randomUUID(), parameters: { path, httpMethod: 'GET', responseMode: 'onReceived' } },
      { id: randomUUID(), name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
    ],
    connections: { Webhook: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  });
  await api(url, apiKey, 'POST', `/workflows/${id}/activate`);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const res = await fetch(new URL(`/webhook/${path}`, url));
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
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
    const page = await (await browser.newContext({ baseURL: gateway.url })).newPage();
    await page.goto('/connect');
    await page.getByLabel('API key').fill(owner.apiKey);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.waitForURL('**/workflows**');
    const times = [];
    for (let round = 0; round < rounds; round++) {
      await page.goto('/executions?rows=250');
      await page.locator('table[aria-busy="false"] tbody tr th').first().waitFor();
      // Forward through every page: click, then wait in the page until new rows are painted.
      for (;;) {
        const next = page.getByRole('button', { name: 'Next page' });
        if (await next.isDisabled()) break;
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
        times.push(Math.round(ms));
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    console.log(JSON.stringify({ executions: wanted, rowsPerPage: 250, clicks: times.length, medianMs: pick(0.5), p95Ms: pick(0.95), maxMs: sorted.at(-1), times }));
  } finally {
    await browser.close();
    await gateway.stop();
  }
} finally {
  await n8n.stop();
}
