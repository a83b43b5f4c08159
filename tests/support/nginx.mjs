// Debian's nginx running the project's own recipe (deploy/nginx/n8n-console.conf.template) on
// loopback: each site is the template rendered by the real `envsubst`, included in a minimal main
// config (`http { include mime.types; include <rendered>; }`), as an operator would deploy it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
export const TEMPLATE = join(repo, 'deploy', 'nginx', 'n8n-console.conf.template');
export const VARIABLES = ['LISTEN', 'N8N_UPSTREAM', 'CONSOLE_ROOT', 'CONSOLE_PREFIX', 'PORTAL_ORIGINS'];
export const INSTANCE_TEMPLATE = join(repo, 'deploy', 'nginx', 'n8n-instance.conf.template');
export const INSTANCE_VARIABLES = ['INSTANCE_PREFIX', 'INSTANCE_UPSTREAM'];
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

/** The template rendered by envsubst with exactly the recipe's variables (nginx's own $vars stay). */
export function renderTemplate(values, template = TEMPLATE, variables = VARIABLES) {
  for (const name of variables) {
    if (values[name] === undefined) throw new Error(`renderTemplate: ${name} is not set`);
  }
  return execFileSync('envsubst', [variables.map((v) => `\${${v}}`).join(' ')], {
    input: readFileSync(template),
    env: { PATH: process.env.PATH, ...values },
    encoding: 'utf8',
  });
}

async function waitForPort(port, stopped) {
  for (let i = 0; i < 100; i++) {
    if (stopped()) return false;
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Starts one nginx serving each site (an object of the recipe's variables, LISTEN being a port on
 * 127.0.0.1), rendered from `template` (default: the repository's). A site's `instances` (a list of
 * { INSTANCE_PREFIX, INSTANCE_UPSTREAM }) are rendered from the instance snippet and included just
 * before the server block's last `}`, as its header tells an operator. Returns the rendered configs, and stop().
 * @param {Array<Record<string, string>>} sites
 * @param {{ template?: string }} options
 */
export async function startNginx(sites, { template = TEMPLATE } = {}) {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: run \`scripts/setup.sh nginx\``);
  const dir = await mkdtemp(join(tmpdir(), 'n8n-console-nginx-'));
  const rendered = [];
  for (const [i, site] of sites.entries()) {
    let text = renderTemplate(site, template);
    for (const [j, instance] of (site.instances ?? []).entries()) {
      const file = join(dir, `site-${i}-instance-${j}.conf`);
      await writeFile(file, renderTemplate(instance, INSTANCE_TEMPLATE, INSTANCE_VARIABLES));
      const end = text.lastIndexOf('}');
      text = `${text.slice(0, end)}    include ${file};\n${text.slice(end)}`;
    }
    await writeFile(join(dir, `site-${i}.conf`), text);
    rendered.push(text);
  }
  const main = [
    // As root, nginx's workers would switch to `nobody`, who may not read a checkout in a home folder.
    userInfo().uid === 0 ? 'user root;' : '',
    'daemon off;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events {}',
    'http {',
    '  include /etc/nginx/mime.types;',
    `  access_log ${dir}/access.log;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
    ...sites.map((_, i) => `  include ${dir}/site-${i}.conf;`),
    '}',
  ].join('\n');
  await writeFile(join(dir, 'nginx.conf'), `${main}\n`);

  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  // Last resort if the test process ends without stop(): no nginx left behind on the port.
  const onExit = () => { if (child.exitCode === null) child.kill('SIGKILL'); };
  process.on('exit', onExit);
  const ports = sites.map((s) => Number(String(s.LISTEN).split(':').pop()));
  for (const port of ports) {
    if (!(await waitForPort(port, () => child.exitCode !== null))) {
      child.kill('SIGKILL');
      const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
      throw new Error(`nginx did not start on ${port}: ${stderr}${log}`);
    }
  }
  async function stop() {
    process.off('exit', onExit);
    if (child.exitCode === null) {
      child.kill('SIGQUIT');
      await new Promise((r) => { child.once('exit', r); setTimeout(r, 3000); });
    }
    await rm(dir, { recursive: true, force: true });
  }
  return { rendered, stop, errorLog: () => readFile(join(dir, 'error.log'), 'utf8').catch(() => '') };
}
