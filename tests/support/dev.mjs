// What `make dev` runs: a seeded real n8n (or the one in $N8N_URL) plus `trunk serve`, whose proxy
// makes /api/, /rest/ and /webhook/ same-origin with the console, as the production gateway does.
// The dev build goes to target/dev-dist, so it never replaces the release bundle in dist/.
// Env: N8N_URL (use that n8n, start and seed none), N8N_PORT (default 5678 when free), CONSOLE_PORT (8080).
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { bootstrap, freePort, portIsFree, startN8n } from './n8n.mjs';
import { seed } from './seed.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const log = (line) => console.log(`[dev] ${line}`);

let n8n = null; // set when we started it, so that we stop only what we started
let trunk = null;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  if (trunk && trunk.exitCode === null) trunk.kill('SIGTERM');
  if (n8n) {
    log('stopping n8n');
    await n8n.stop().catch((error) => console.error(error));
  }
  process.exit(code);
}
process.once('SIGINT', () => shutdown(130));
process.once('SIGTERM', () => shutdown(143));

/** Trunk.toml + one [[proxy]] per n8n prefix. Trunk 0.21 forwards a request whose path starts with
 * the backend URL's path (/api/...) to backend + the rest of the path. */
async function writeDevConfig(n8nUrl) {
  const base = await readFile(join(repo, 'Trunk.toml'), 'utf8').catch(() => {
    throw new Error(`no Trunk.toml in ${repo}: the console's build config is needed for trunk serve`);
  });
  const proxies = ['api', 'rest', 'webhook'].map((p) => `\n[[proxy]]\nbackend = "${n8nUrl}/${p}/"\n`).join('');
  const file = join(repo, 'Trunk.dev.toml');
  await writeFile(file, `${base.trimEnd()}\n\n# Added by tests/support/dev.mjs for this run (gitignored).${proxies}`);
  return file;
}

async function main() {
  let n8nUrl = process.env.N8N_URL?.replace(/\/+$/, '');
  let owner = null;
  if (n8nUrl) {
    log(`using the n8n at ${n8nUrl} (not starting or seeding one)`);
  } else {
    const wanted = Number(process.env.N8N_PORT || 5678);
    const port = (await portIsFree(wanted)) ? wanted : await freePort();
    if (port !== wanted) log(`port ${wanted} is taken, n8n gets ${port}`);
    n8n = await startN8n({ port, log });
    n8nUrl = n8n.url;
    owner = await bootstrap(n8nUrl);
    const started = Date.now();
    const manifest = await seed(n8nUrl, owner.apiKey);
    log(`seeded ${manifest.workflows.length} workflows, ${manifest.tags.length} tags, `
      + `${manifest.executions.success + manifest.executions.error} executions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const config = await writeDevConfig(n8nUrl);
  const consolePort = Number(process.env.CONSOLE_PORT || 8080);
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  const banner = () => {
    const lines = [
      `console:  ${consoleUrl}`,
      `n8n:      ${n8nUrl}${owner ? `   (editor login: ${owner.email} / ${owner.password})` : ''}`,
      owner ? `API key:  ${owner.apiKey}` : 'API key:  use a key from your n8n (Settings > n8n API)',
      'Ctrl-C stops trunk' + (n8n ? ' and this n8n.' : '.'),
    ];
    console.log(`\n${'='.repeat(72)}\n${lines.join('\n')}\n${'='.repeat(72)}\n`);
  };
  banner();

  const env = { ...process.env, PATH: `${join(homedir(), '.cargo', 'bin')}:${process.env.PATH}` };
  trunk = spawn('trunk', ['serve', '--config', config, '--dist', 'target/dev-dist', '--port', String(consolePort), '--address', '127.0.0.1'],
    { cwd: repo, env, stdio: 'inherit' });
  trunk.on('error', (error) => {
    console.error(`[dev] could not run trunk (${error.message}): run \`scripts/setup.sh rust\``);
    shutdown(1);
  });
  trunk.on('exit', (code, signal) => {
    if (!stopping) log(`trunk ended (${signal ?? code})`);
    shutdown(code ?? 1);
  });

  // The first build takes a while and trunk's output scrolls the banner away: repeat it once served.
  while (!stopping && trunk.exitCode === null) {
    const ok = await fetch(consoleUrl).then((r) => r.ok, () => false);
    if (ok) return banner();
    await sleep(1000);
  }
}

main().catch((error) => {
  console.error(`[dev] ${error.message}`);
  shutdown(1);
});
