// The deploy recipe for real, as an operator installs it: `make release`'s archive is unpacked, its
// deploy/nginx/n8n-console.conf.template rendered with envsubst, and Debian's nginx runs it on loopback
// in front of the real n8n, with the archive's one bundle (console/) under two prefixes. Under its CSP every page is used with no violation; a portal on another site frames it
// and hands it a key; a window that is not its parent, or a site not on the list, gets nowhere.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { e2eContext, launchBrowser, newPage } from './helpers.mjs';
import { freePort } from '../support/n8n.mjs';
import { startNginx } from '../support/nginx.mjs';

const { real } = e2eContext();
const repo = fileURLToPath(new URL('../..', import.meta.url));
const PREFIXES = ['/console/', '/tools/n8n-console/'];
const NAV = [['Workflows', 'workflows'], ['Executions', 'executions'], ['API keys', 'api-keys'], ['Tags', 'tags'], ['Variables', 'variables']];
/** What each page shows once loaded on real n8n 2.20 (no licence, no editor session yet). */
const LOADED = {
  workflows: (page) => page.locator('table[aria-busy="false"]'),
  executions: (page) => page.locator('table[aria-busy="false"]'),
  'api-keys': (page) => page.getByLabel('Password'),
  tags: (page) => page.locator('table[aria-busy="false"]'),
  variables: (page) => page.getByRole('status').filter({ hasText: /licen[cs]e/i }),
};
const shots = process.env.E2E_SCREENSHOTS; // a folder: the tests save what they saw there

let browser;
let nginx;
let sites; // prefix -> console origin + prefix
let portal; // { url, origin }: allowed to frame the console
let stranger; // { url, origin }: another site, not on the list
const servers = [];

/** A page on `http://localhost:<port>`: another site than the console's `http://127.0.0.1:<port>`. */
async function startPortal() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname !== '/') { res.writeHead(404); return res.end(); }
    const src = url.searchParams.get('src') ?? '';
    const width = Number(url.searchParams.get('width') ?? 400);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html><head><title>Portal</title><style>body{margin:8px;font-family:sans-serif}
iframe{border:1px solid #888;display:block}</style></head><body><h1>Internal portal</h1>
<iframe id="console" title="n8n Console" width="${width}" height="720" src="${src.replace(/"/g, '&quot;')}"></iframe>
<script>
  window.messages = [];
  addEventListener('message', (e) => {
    if (e.source === document.getElementById('console').contentWindow) messages.push({ origin: e.origin, data: e.data });
  });
  window.handOver = (message, origin) => document.getElementById('console').contentWindow.postMessage(message, origin);
</script></body></html>`);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  servers.push(server);
  const origin = `http://localhost:${server.address().port}`;
  return { origin, url: (src, width) => `${origin}/?${new URLSearchParams({ src, width: String(width ?? 400) })}` };
}

/** `make release`'s archive, unpacked into a temporary folder: { console, template, dir }. */
function unpackRelease() {
  const version = readFileSync(join(repo, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
  const archive = join(repo, 'target', `n8n-console-${version}.tar.gz`);
  if (!existsSync(archive)) throw new Error(`${archive} is missing: run make release`);
  const dir = mkdtempSync(join(tmpdir(), 'n8n-console-release-'));
  execFileSync('tar', ['-xzf', archive, '-C', dir]);
  const top = join(dir, `n8n-console-${version}`);
  return { dir, console: join(top, 'console'), template: join(top, 'deploy', 'nginx', 'n8n-console.conf.template') };
}
let release;

before(async () => {
  release = unpackRelease();
  browser = await launchBrowser();
  portal = await startPortal();
  stranger = await startPortal();
  const upstream = new URL(real.n8nUrl).host;
  const ports = await Promise.all(PREFIXES.map(() => freePort()));
  nginx = await startNginx(PREFIXES.map((prefix, i) => ({
    LISTEN: `127.0.0.1:${ports[i]}`,
    N8N_UPSTREAM: upstream,
    CONSOLE_ROOT: release.console,
    CONSOLE_PREFIX: prefix,
    PORTAL_ORIGINS: portal.origin,
  })), { template: release.template });
  sites = Object.fromEntries(PREFIXES.map((prefix, i) => [prefix, `http://127.0.0.1:${ports[i]}${prefix}`]));
  if (shots) {
    mkdirSync(shots, { recursive: true });
    console.log(`[deploy] rendered config for ${PREFIXES[0]}:\n${nginx.rendered[0]}`);
  }
});
after(async () => {
  await browser?.close();
  await nginx?.stop();
  if (release) rmSync(release.dir, { recursive: true, force: true });
  for (const server of servers) server.closeAllConnections?.(), server.close();
});

/** Collects every CSP violation the page (or a frame in it) reports. */
async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}
const violations = (target) => target.evaluate(() => window.__cspViolations ?? ['no CSP watcher']);

async function connectHere(page, apiKey) {
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Connect' }).click();
}

const headingOf = (page, name) => page.getByRole('heading', { level: 1, name });

for (const prefix of PREFIXES) {
  test(`under ${prefix}: connect, every page and link stays under the prefix or on n8n's API, no CSP violation`, async (t) => {
    const page = await newPage(t, browser, sites[prefix]);
    await watchCsp(page.context());
    const outside = [];
    page.on('request', (r) => {
      const { pathname, origin } = new URL(r.url());
      const ours = origin === new URL(sites[prefix]).origin;
      if (!ours || !(pathname.startsWith(prefix) || pathname.startsWith('/api/') || pathname.startsWith('/rest/'))) {
        outside.push(r.url());
      }
    });
    const first = await page.goto(sites[prefix]);
    const headers = first.headers();
    await page.waitForURL(`**${prefix}connect**`);
    await connectHere(page, real.apiKey);
    await page.waitForURL(`**${prefix}workflows**`);
    await page.locator('table[aria-busy="false"]').waitFor();
    assert.ok((await page.getByRole('row').count()) > 1, 'the workflows list has rows');

    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const [name, route] of NAV) {
      const link = nav.getByRole('link', { name, exact: true });
      assert.equal(new URL(await link.evaluate((a) => a.href)).pathname, `${prefix}${route}`, `${name} links under the prefix`);
      await link.click();
      await page.waitForURL(`**${prefix}${route}**`);
      await headingOf(page, name).waitFor();
      await LOADED[route](page).first().waitFor();
      if (shots && prefix === PREFIXES[0]) await page.screenshot({ path: join(shots, `console-${route}.png`), fullPage: true });
    }
    // A detail page and back, through the console's own links.
    await nav.getByRole('link', { name: 'Executions', exact: true }).click();
    await page.locator('table[aria-busy="false"]').waitFor();
    await page.getByRole('row').nth(1).getByRole('link').first().click();
    await page.waitForURL(new RegExp(`${prefix}executions/[^/?]+$`));
    await page.getByText('Raw JSON', { exact: true }).click();
    await page.locator('pre').first().waitFor();
    await page.getByRole('link', { name: '← Executions' }).click();
    await page.waitForURL(`**${prefix}executions**`);
    // A workflow's detail, and a dialog (a native <dialog>), under the same policy.
    await nav.getByRole('link', { name: 'Workflows', exact: true }).click();
    await page.locator('table[aria-busy="false"]').waitFor();
    await page.getByRole('row').nth(1).getByRole('link').first().click();
    await page.waitForURL(new RegExp(`${prefix}workflows/[^/?]+$`));
    await page.getByRole('link', { name: '← Workflows' }).waitFor();
    await nav.getByRole('link', { name: 'Tags', exact: true }).click();
    await page.getByRole('button', { name: 'New tag' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    assert.deepEqual(outside, [], 'every request stays under the prefix or goes to n8n\'s API');
    assert.deepEqual(await violations(page), [], 'no Content-Security-Policy violation');
    const csp = headers['content-security-policy'];
    assert.ok(csp, 'index.html comes with a CSP');
    for (const must of ["connect-src 'self'", "object-src 'none'|default-src 'none'", 'base-uri', 'form-action', `frame-ancestors 'self' ${portal.origin}`]) {
      assert.match(csp, new RegExp(must), `CSP has ${must}`);
    }
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*|\b(https?|data|blob):(?!\/\/)/, 'no unsafe source, wildcard or scheme source');
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['referrer-policy'], 'no-referrer');
  });
}

test('a deep link to /console/executions?status=error survives sign-in and reload', async (t) => {
  const page = await newPage(t, browser, sites['/console/']);
  await watchCsp(page.context());
  const deep = `${sites['/console/']}executions?status=error`;
  await page.goto(deep);
  await page.waitForURL('**/console/connect?next=**');
  await connectHere(page, real.apiKey);
  await page.waitForURL(deep);
  await headingOf(page, 'Executions').waitFor();
  await page.reload();
  await headingOf(page, 'Executions').waitFor();
  assert.equal(page.url(), deep);
  assert.equal(await page.getByLabel('Status').inputValue(), 'error');
  await page.locator('table[aria-busy="false"]').waitFor();
  assert.deepEqual(await violations(page), []);
});

test('the recipe: n8n at /, file types, caching, compression, 404 for a missing file', async () => {
  const origin = new URL(sites['/console/']).origin;
  const get = (path, headers = {}) => fetch(`${origin}${path}`, { headers, redirect: 'manual' });

  const editor = await get('/');
  assert.equal(editor.status, 200);
  assert.match(await editor.text(), /<title>n8n/i, "n8n's editor answers at /");
  assert.equal((await get('/healthz')).status, 200);
  assert.equal((await get('/api/v1/workflows', { 'x-n8n-api-key': real.apiKey })).status, 200);
  assert.equal((await get('/rest/settings')).status, 200);

  const bare = await get('/console');
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.get('location'), '/console/');

  const index = await get('/console/workflows/abc?x=1');
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const html = await index.text();
  assert.match(html, /<base href="\/console\/">/, 'nginx writes the prefix into <base>');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'index.html has no inline script');

  const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]);
  const wasm = assets.find((a) => a.endsWith('_bg.wasm'));
  assert.ok(wasm, `index.html preloads the wasm (${assets.join(', ')})`);
  const wasmAnswer = await get(`/console/${wasm}`, { 'accept-encoding': 'gzip' });
  assert.equal(wasmAnswer.status, 200);
  assert.equal(wasmAnswer.headers.get('content-type'), 'application/wasm');
  assert.equal(wasmAnswer.headers.get('content-encoding'), 'gzip');
  assert.equal(wasmAnswer.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  for (const asset of assets) {
    const answer = await get(`/console/${asset}`);
    assert.equal(answer.status, 200, asset);
    assert.match(answer.headers.get('cache-control'), /immutable/, `${asset} is content-hashed and cached a year`);
  }
  assert.equal((await get('/console/n8n-console-0000000000000000.js')).status, 404, 'a missing file with an extension is a 404');
  assert.equal((await get('/console/nothing-here.css')).status, 404);

  const config = await get('/console/portal.json');
  assert.equal(config.headers.get('content-type'), 'application/json');
  assert.deepEqual(await config.json(), { portalOrigins: portal.origin });
});

/** The console's frame inside the portal page, once it has said it is ready. */
async function framedConsole(page, { theme, width } = {}) {
  const src = `${sites['/console/']}${theme ? `?theme=${theme}` : ''}`;
  await page.goto(portal.url(src, width));
  await page.waitForFunction(() => window.messages.some((m) => m.data?.type === 'n8n-console:ready'));
  const frame = page.frames().find((f) => f.url().startsWith(sites['/console/']));
  assert.ok(frame, 'the console is framed');
  return frame;
}

async function handOver(page, message) {
  const before = await page.evaluate(() => window.messages.length);
  await page.evaluate(([m, origin]) => window.handOver(m, origin), [message, new URL(sites['/console/']).origin]);
  await page.waitForFunction((n) => window.messages.length > n, before);
  return page.evaluate(() => window.messages.at(-1));
}

test('a portal on another site frames the console, hands it a key and sees the Overview and the lists; a 400 px frame fits', async (t) => {
  const page = await newPage(t, browser, portal.origin);
  await watchCsp(page.context());
  await page.setViewportSize({ width: 480, height: 800 });
  const frame = await framedConsole(page, { theme: 'dark', width: 400 });
  const ready = await page.evaluate(() => window.messages[0]);
  assert.deepEqual(ready, { origin: new URL(sites['/console/']).origin, data: { type: 'n8n-console:ready' } });

  const refused = await handOver(page, { type: 'n8n-console:connect', apiKey: 'not-a-key-0000' });
  assert.equal(refused.data.type, 'n8n-console:error');
  assert.match(refused.data.message, /401|rejected|not accept/i);
  const answer = await handOver(page, { type: 'n8n-console:connect', apiKey: real.apiKey });
  assert.deepEqual(answer.data, { type: 'n8n-console:connected' });
  // The frame opened the console's root, which is the Overview.
  await frame.waitForURL('**/console/overview**');
  await frame.locator('dl.tiles[aria-busy="false"] [data-tile="executions"] dd[data-total]').waitFor();
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const overviewFit = await frame.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(overviewFit.scroll <= overviewFit.client, `overview: the page does not scroll sideways in 400 px (${overviewFit.scroll} > ${overviewFit.client})`);

  for (const route of ['workflows', 'executions', 'tags']) {
    await frame.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: NAV.find((n) => n[1] === route)[0], exact: true }).click();
    await frame.waitForURL(`**/console/${route}**`);
    await frame.locator('table[aria-busy="false"]').waitFor();
    const fit = await frame.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(fit.scroll <= fit.client, `${route}: the page does not scroll sideways in 400 px (${fit.scroll} > ${fit.client})`);
    for (const [name] of NAV) {
      const box = await frame.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= fit.client, `${route}: the ${name} link is within the frame`);
    }
    if (shots && route === 'workflows') await page.screenshot({ path: join(shots, 'portal-400-dark.png') });
  }

  // API keys: n8n's editor sign-in cannot work in a frame of another site; the page says so.
  await frame.getByRole('link', { name: 'API keys', exact: true }).click();
  const tab = frame.getByRole('link', { name: 'Open API keys in a new tab' });
  await tab.waitFor();
  assert.equal(await tab.getAttribute('href'), `${sites['/console/']}api-keys`);
  assert.equal(await tab.getAttribute('target'), '_blank');
  assert.equal(await frame.getByLabel('Password').count(), 0, 'no sign-in form that cannot work');
  if (shots) await page.screenshot({ path: join(shots, 'portal-400-api-keys.png') });

  const messages = JSON.stringify(await page.evaluate(() => window.messages));
  assert.ok(!messages.includes(real.apiKey), 'no message from the console holds the key');
  assert.deepEqual(await violations(frame), [], 'no CSP violation in the frame');

  // Signing out from the portal.
  await page.evaluate(([origin]) => window.handOver({ type: 'n8n-console:sign-out' }, origin), [new URL(sites['/console/']).origin]);
  await frame.waitForURL('**/console/connect**');
});

test('light theme in a 400 px frame, with storage blocked in the frame: the key is kept in memory and said so', async (t) => {
  const page = await newPage(t, browser, portal.origin);
  await page.context().addInitScript((consoleOrigin) => {
    if (window === window.top || location.origin !== consoleOrigin) return;
    // What a browser that blocks third-party storage does: touching sessionStorage throws.
    Object.defineProperty(window, 'sessionStorage', {
      configurable: true,
      get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
    });
  }, new URL(sites['/console/']).origin);
  await page.setViewportSize({ width: 480, height: 800 });
  const frame = await framedConsole(page, { theme: 'light', width: 400 });
  await frame.getByText(/kept in memory only/).waitFor();
  const answer = await handOver(page, { type: 'n8n-console:connect', apiKey: real.apiKey });
  assert.deepEqual(answer.data, { type: 'n8n-console:connected' });
  await frame.locator('dl.tiles[aria-busy="false"] [data-tile="executions"] dd[data-total]').waitFor();
  await frame.getByRole('status').filter({ hasText: 'kept in memory only, until you reload' }).waitFor();
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'light');
  if (shots) await page.screenshot({ path: join(shots, 'portal-400-light.png') });
});

test('a window that is not the parent (window.open) is ignored', async (t) => {
  const page = await newPage(t, browser, portal.origin);
  await page.goto(portal.url('about:blank'));
  const [opened] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate((src) => { window.child = window.open(src, 'console'); }, sites['/console/']),
  ]);
  await opened.waitForURL('**/console/connect**');
  await opened.getByRole('button', { name: 'Connect' }).waitFor();
  await page.evaluate(([key, origin]) => {
    window.answers = [];
    addEventListener('message', (e) => window.answers.push(e.data));
    window.child.postMessage({ type: 'n8n-console:connect', apiKey: key }, origin);
  }, [real.apiKey, new URL(sites['/console/']).origin]);
  await new Promise((r) => setTimeout(r, 2000));
  assert.deepEqual(await page.evaluate(() => window.answers), [], 'no answer to a window that is not the parent');
  assert.match(opened.url(), /\/console\/connect/, 'the opened console stays on /connect');
  assert.equal(await opened.evaluate(() => Object.keys(sessionStorage).length), 0, 'nothing stored');
  await opened.close();
});

test('a site not on the list cannot frame the console', async () => {
  // Its own context: Chromium reports the refused frame as a console error, which is the point here.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const refused = new Promise((resolve) => page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) resolve(m.text()); }));
    await page.goto(stranger.url(sites['/console/']));
    assert.match(await Promise.race([refused, new Promise((r) => setTimeout(() => r('no refusal seen'), 10_000))]), /frame-ancestors/);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    assert.doesNotMatch(text, /Connect to n8n/, 'the console did not render in the stranger\'s frame');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await page.evaluate(() => window.messages), [], 'and it said nothing to the stranger');
  } finally {
    await context.close();
  }
});
