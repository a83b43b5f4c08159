// Benchmark (not a test): the Workflows list's first load on the release build against a real,
// seeded n8n 2.20.0, with the browser cache disabled: requests, bytes (as served, uncompressed: the
// test gateway does not compress) and the time from navigation to the first workflow row on screen.
// Usage: node tests/bench/first-load.mjs [rounds=5]   (make bench runs it; target/bench.json `consoleFirstLoad`)
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway } from '../support/gateway.mjs';
import { bootstrap, startN8n } from '../support/n8n.mjs';
import { seed } from '../support/seed.mjs';
import { launchBrowser } from '../e2e/helpers.mjs';
import { record, stats } from './report.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const rounds = Number(process.argv[2] ?? 5);
const n8n = await startN8n({});
try {
  const owner = await bootstrap(n8n.url);
  await seed(n8n.url, owner.apiKey);
  const gateway = await startGateway({ root: join(repo, 'dist'), target: n8n.url });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ baseURL: gateway.url });
    const page = await context.newPage();
    await page.goto('/connect');
    await page.getByLabel('API key').fill(owner.apiKey);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.waitForURL('**/workflows**');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const results = [];
    for (let i = 0; i < rounds; i++) {
      let requests = 0;
      let bytes = 0;
      const onResponse = async (response) => {
        requests++;
        bytes += (await response.body().catch(() => Buffer.alloc(0))).length;
      };
      page.on('response', onResponse);
      const t0 = Date.now();
      await page.goto('/workflows', { waitUntil: 'commit' });
      await page.locator('table[aria-busy="false"] tbody tr th').first().waitFor();
      const firstRowMs = Date.now() - t0;
      await page.waitForLoadState('networkidle');
      page.off('response', onResponse);
      results.push({ firstRowMs, requests, bytes });
    }
    record('consoleFirstLoad', {
      firstRowMs: stats(results.map((r) => r.firstRowMs)),
      requests: results[0].requests,
      bytesUncompressed: results[0].bytes,
      rounds: results,
    });
  } finally {
    await browser.close();
    await gateway.stop();
  }
} finally {
  await n8n.stop();
}
