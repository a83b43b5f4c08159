// Benchmark (not a test): the execution detail view on a ~5 MB execution (served by the fake n8n):
// time to the node table, time to open `Raw JSON`, and the longest main-thread task meanwhile.
// Usage: node tests/bench/execution-detail.mjs [megabytes=5]   (make bench runs it; target/bench.json `executionDetail`)
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAKE_API_KEY, startFake } from '../fake-n8n/server.mjs';
import { startGateway } from '../support/gateway.mjs';
import { launchBrowser } from '../e2e/helpers.mjs';
import { record } from './report.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const megabytes = Number(process.argv[2] ?? 5);

/** An execution of a 20-node chain whose every node passed on `items` items of ~120 bytes. */
function bigExecution(targetBytes) {
  const nodes = 20;
  const item = { json: { id: 0, email: 'someone@example.com', note: 'x'.repeat(60), ok: true } };
  const perItem = JSON.stringify(item).length + 1;
  const items = Math.ceil(targetBytes / nodes / perItem);
  const runData = {};
  for (let n = 0; n < nodes; n++) {
    runData[`Step ${n + 1}`] = [{
      startTime: 1795464327000 + n, executionIndex: n, executionTime: 3, executionStatus: 'success',
      source: n ? [{ previousNode: `Step ${n}` }] : [],
      data: { main: [Array.from({ length: items }, (_, i) => ({ json: { ...item.json, id: i } }))] },
    }];
  }
  return {
    id: 'big', finished: true, mode: 'webhook', status: 'success', workflowId: 'none',
    startedAt: '2026-11-23T10:00:00.000Z', stoppedAt: '2026-11-23T10:00:02.500Z',
    data: { resultData: { runData, lastNodeExecuted: `Step ${nodes}` } },
  };
}

const body = JSON.stringify(bigExecution(megabytes * 1024 * 1024));
const fake = await startFake();
const gateway = await startGateway({ root: join(repo, 'dist'), target: fake.url });
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ baseURL: gateway.url })).newPage();
  await page.goto('/connect');
  await page.getByLabel('API key').fill(FAKE_API_KEY);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.waitForURL('**/workflows**');
  await fetch(`${fake.url}/__fake/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path: '/api/v1/executions/big', times: 1, status: 200, body }),
  });
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const t0 = Date.now();
  // A client-side navigation, like clicking the execution's id in the list.
  await page.evaluate(() => {
    history.pushState(null, '', '/executions/big');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await page.getByRole('table', { name: 'Nodes' }).locator('tbody tr').nth(19).waitFor();
  const toTable = Date.now() - t0;
  const t1 = Date.now();
  await page.getByText('Raw JSON', { exact: true }).click();
  await page.locator('pre.code-block-large').waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const toRaw = Date.now() - t1;
  const longestTaskMs = Math.round(await page.evaluate(() => window.__longest));
  record('executionDetail', { bytes: body.length, toNodeTableMs: toTable, toRawJsonMs: toRaw, longestTaskMs });
} finally {
  await browser.close();
  await gateway.stop();
  await fake.stop();
}
