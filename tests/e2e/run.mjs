// What `make test` runs for the browser tests: one seeded real n8n and one fake n8n, each behind a
// same-origin gateway serving dist/ under a strict Content-Security-Policy (inline script only by hash,
// nothing from other origins), then `node --test` over tests/e2e/*.test.mjs; stops it all.
// Usage: node tests/e2e/run.mjs [name-filter ...]   e.g. `node tests/e2e/run.mjs connect`
// Env: E2E_DIST (default dist/), CHROMIUM (default /usr/bin/chromium), E2E_N8N_VERSION (default 2.20.0;
// another version scripts/setup.sh installed, e.g. 2.41.1), E2E_TEST_TIMEOUT_MS (default 180000: the
// limit for each test file; a lower one finds a hanging test sooner).
// The tests read the context from the JSON file named by $E2E_CONTEXT:
//   { dist, real: { url, faultUrl, n8nUrl, version, apiKey, email, password, manifest }, fake: { url, fakeUrl, apiKey } }
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAKE_API_KEY, startFake } from '../fake-n8n/server.mjs';
import { startGateway } from '../support/gateway.mjs';
import { bootstrap, N8N_VERSION, startN8n } from '../support/n8n.mjs';
import { seed } from '../support/seed.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const here = join(repo, 'tests', 'e2e');
const dist = process.env.E2E_DIST ?? join(repo, 'dist'); // E2E_DIST: another build to test
const log = (line) => console.log(`[e2e] ${line}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const cleanups = []; // run in reverse order, whatever happens
let child = null;
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    if (child && child.exitCode === null) child.kill('SIGTERM');
    for (const fn of cleanups.reverse()) await fn().catch((error) => console.error(`[e2e] cleanup: ${error.message}`));
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => cleanup().then(() => process.exit(signal === 'SIGINT' ? 130 : 143)));
}

async function main() {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html does not exist: run make dist first`);
  if (!existsSync(join(here, 'node_modules', 'playwright-core'))) {
    throw new Error('playwright-core is not installed: run `scripts/setup.sh e2e`');
  }
  const filters = process.argv.slice(2);
  const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs'))
    .filter((f) => !filters.length || filters.some((x) => f.includes(x))).sort();
  if (!files.length) throw new Error(`no test file matches ${filters.join(' ')}`);

  const started = Date.now();
  const version = process.env.E2E_N8N_VERSION || N8N_VERSION;
  const n8n = await startN8n({ log, version });
  cleanups.push(n8n.stop);
  const owner = await bootstrap(n8n.url);
  const seeding = Date.now();
  const manifest = await seed(n8n.url, owner.apiKey);
  log(`seeded ${manifest.workflows.length} workflows and ${manifest.executions.success + manifest.executions.error} executions in ${seconds(seeding)}`);
  const realGateway = await startGateway({ root: dist, target: n8n.url, csp: true });
  cleanups.push(realGateway.stop);
  // The same n8n behind a fault-injecting gateway, for the reliability tests (faults-*.test.mjs); the
  // fake's gateway injects faults too (the seeds' API key endpoints exist only there).
  const faultGateway = await startGateway({ root: dist, target: n8n.url, csp: true, faults: true });
  cleanups.push(faultGateway.stop);
  const fake = await startFake();
  cleanups.push(fake.stop);
  const fakeGateway = await startGateway({ root: dist, target: fake.url, csp: true, faults: true });
  cleanups.push(fakeGateway.stop);
  log(`real n8n ${version} at ${n8n.url} behind ${realGateway.url}; fake n8n ${fake.url} behind ${fakeGateway.url} (ready in ${seconds(started)})`);

  const dir = await mkdtemp(join(tmpdir(), 'n8n-console-e2e-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const contextFile = join(dir, 'context.json');
  const context = {
    dist,
    real: { url: realGateway.url, faultUrl: faultGateway.url, n8nUrl: n8n.url, version, apiKey: owner.apiKey, email: owner.email, password: owner.password, manifest },
    fake: { url: fakeGateway.url, fakeUrl: fake.url, apiKey: FAKE_API_KEY },
  };
  await writeFile(contextFile, JSON.stringify(context, null, 2));

  const testsStarted = Date.now();
  child = spawn(process.execPath,
    ['--test', '--test-concurrency=1', `--test-timeout=${process.env.E2E_TEST_TIMEOUT_MS || 180000}`, ...files.map((f) => join(here, f))],
    { cwd: repo, stdio: 'inherit', env: { ...process.env, E2E_CONTEXT: contextFile } });
  const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  log(`browser tests took ${seconds(testsStarted)}; whole run ${seconds(started)}; exit code ${code}`);
  return code;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`[e2e] ${error.message}`);
}
await cleanup();
process.exit(code);
