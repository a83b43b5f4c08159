// Benchmark (not a test): the console and n8n's own editor on the same real n8n 2.20.0 with 1,000
// workflows, both served as in production (the nginx recipe: the console's precompressed files under
// /console/, n8n behind it at /), each loaded cold (a new browser context: no cache, no storage
// except the sign-in each needs) until its first workflow row is on screen. Reports the median, min
// and max of `rounds` loads each, the ratio, and the bytes on the wire and requests of each load.
// Usage: node tests/bench/side-by-side.mjs [workflows=1000] [rounds=5]   (make bench runs it;
// target/bench.json `sideBySide`)
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { bootstrap, startN8n } from '../support/n8n.mjs';
import { api, mapLimit } from '../support/seed.mjs';
import { serveConsole, signInConsole } from './console-behind-nginx.mjs';
import { launchBrowser } from '../e2e/helpers.mjs';
import { record, stats } from './report.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const wanted = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 5);
const log = (line) => console.error(`[bench] ${line}`);
const NAME = /^Bench workflow \d{4}$/;

/** `count` small workflows (Manual trigger -> Set), a few requests in flight. */
async function makeWorkflows(url, apiKey, count) {
  await mapLimit(Array.from({ length: count }, (_, i) => i + 1), 4, (n) => api(url, apiKey, 'POST', '/workflows', {
    name: `Bench workflow ${String(n).padStart(4, '0')}`,
    nodes: [
      { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      { id: randomUUID(), name: 'Set', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [220, 0],
        parameters: { assignments: { assignments: [{ id: randomUUID(), name: 'n', value: n, type: 'number' }] } } },
    ],
    connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  }));
}

/** One cold load of `url` in a new context prepared by `prepare`, until `firstRow(page)` resolves. */
async function coldLoad(browser, url, prepare, firstRow) {
  const context = await browser.newContext();
  try {
    await prepare(context);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; requests++; });
    cdp.on('Network.loadingFailed', () => { requests++; });
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    await firstRow(page).catch(async (error) => {
      await page.screenshot({ path: join(repo, 'target', 'bench-failed-load.png') }).catch(() => {});
      throw error;
    });
    const ms = Date.now() - t0;
    await page.waitForLoadState('networkidle').catch(() => {});
    return { ms, bytes, requests };
  } finally {
    await context.close();
  }
}

const n8n = await startN8n({ log });
let nginx;
try {
  const owner = await bootstrap(n8n.url);
  const seeding = Date.now();
  await makeWorkflows(n8n.url, owner.apiKey, wanted);
  log(`made ${wanted} workflows in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
  nginx = await serveConsole(n8n.url);
  const { origin } = nginx;
  const browser = await launchBrowser();
  try {
    // The console: its key in this tab's sessionStorage, as after Connect.
    const prepareConsole = (context) => signInConsole(context, owner.apiKey);
    const consoleRow = (page) => page.locator('table[aria-busy="false"] tbody tr th').filter({ hasText: NAME }).first().waitFor({ timeout: 60_000 });
    // n8n's editor: its sign-in cookie, bound to the browser id its front end keeps in localStorage.
    const [cookieName, cookieValue] = owner.cookie.split('=');
    const prepareEditor = async (context) => {
      await context.addCookies([{ name: cookieName, value: cookieValue, url: origin }]);
      await context.addInitScript((id) => localStorage.setItem('n8n-browserId', id), owner.browserId);
    };
    // Its list's cards are not "visible" to Playwright's check (their name's <h2> has no box of its
    // own), so: the first time a workflow's name is in the rendered text of the page.
    const editorRow = (page) => page.waitForFunction(() => /Bench workflow \d{4}/.test(document.body?.innerText ?? ''), null, { timeout: 60_000, polling: 'raf' });

    const loads = { console: [], editor: [] };
    for (let i = 0; i < rounds; i++) {
      loads.console.push(await coldLoad(browser, `${origin}/console/workflows`, prepareConsole, consoleRow));
      loads.editor.push(await coldLoad(browser, `${origin}/home/workflows`, prepareEditor, editorRow));
      log(`round ${i + 1}: console ${loads.console.at(-1).ms} ms, editor ${loads.editor.at(-1).ms} ms`);
    }
    const summary = (list) => ({
      firstRowMs: stats(list.map((l) => l.ms)),
      bytesOnWire: stats(list.map((l) => l.bytes)),
      requests: stats(list.map((l) => l.requests)),
    });
    const consoleSummary = summary(loads.console);
    const editorSummary = summary(loads.editor);
    const ratio = Math.round((editorSummary.firstRowMs.median / consoleSummary.firstRowMs.median) * 10) / 10;
    record('sideBySide', {
      workflows: wanted, rounds, console: consoleSummary, editor: editorSummary,
      editorOverConsole: ratio, ratioBudget: 10, ratioMet: ratio >= 10,
    });
  } finally {
    await browser.close();
  }
} finally {
  await nginx?.stop();
  await n8n.stop();
}
