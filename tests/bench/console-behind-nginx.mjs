// What the benchmarks that load the console as in production share: the console's dist/ served by
// nginx with the deploy recipe under /console/, n8n behind it at /, and a browser context signed in
// as after Connect (the key in the tab's sessionStorage).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/n8n.mjs';
import { startNginx } from '../support/nginx.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * nginx with the recipe in front of the n8n at `n8nUrl`; `instances` ({ '/n8n/staging/': url }) adds
 * the instance snippet for each further n8n. Answers { origin, stop }.
 */
export async function serveConsole(n8nUrl, { instances = {} } = {}) {
  const port = await freePort();
  const nginx = await startNginx([{
    LISTEN: `127.0.0.1:${port}`,
    N8N_UPSTREAM: new URL(n8nUrl).host,
    CONSOLE_ROOT: join(repo, 'dist'),
    CONSOLE_PREFIX: '/console/',
    PORTAL_ORIGINS: '',
    instances: Object.entries(instances).map(([prefix, url]) => ({ INSTANCE_PREFIX: prefix, INSTANCE_UPSTREAM: new URL(url).host })),
  }]);
  return { origin: `http://127.0.0.1:${port}`, stop: () => nginx.stop() };
}

/**
 * Every page of `context` starts signed in with `apiKey`, as after Connect; `more` ([{ name, baseUrl,
 * apiKey }]) are further instances, as after Add instance.
 */
export function signInConsole(context, apiKey, more = []) {
  const instances = [{ name: 'main', colour: 'blue', baseUrl: '', apiKey }, ...more.map((i) => ({ colour: 'amber', ...i }))];
  return context.addInitScript((value) => sessionStorage.setItem('n8n-console.session', value),
    JSON.stringify({ instances }));
}
