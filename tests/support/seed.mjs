// Demo data for a fresh n8n, made through the public API only (X-N8N-API-KEY), so that what the
// console shows can be compared with what the API answers. See ../shared/notes/real-n8n.md.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** One public-API call; resolves to the parsed JSON answer (null for an empty body), throws on non-2xx. */
export async function api(url, apiKey, method, path, body) {
  const res = await fetch(new URL(`/api/v1${path}`, url), {
    method,
    headers: {
      accept: 'application/json',
      'X-N8N-API-KEY': apiKey,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} /api/v1${path} -> ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Every item of a paged list (`{data, nextCursor}`), following nextCursor with the largest page. */
export async function listAll(url, apiKey, path) {
  const items = [];
  let cursor = null;
  do {
    const [pathname, query = ''] = path.split('?');
    const params = new URLSearchParams(query);
    params.set('limit', '250');
    if (cursor) params.set('cursor', cursor);
    const page = await api(url, apiKey, 'GET', `${pathname}?${params}`);
    items.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const TAGS = ['production', 'staging', 'billing', 'reports'];

// kind: 'manual' = manual trigger, stays inactive; 'ok' = active webhook ending in No Operation;
// 'fail' = active webhook ending in Stop and Error; 'chain' = active webhook through several nodes
// (one of them fanning out to two). calls = webhook calls made while seeding.
// Names share words on purpose ("Sync" x5, "report" x4, "invoice" x3, "Slack" x3) for search tests.
const WORKFLOWS = [
  { name: 'Sync Stripe invoices', tags: ['billing', 'production'], kind: 'ok', calls: 2 },
  { name: 'Sync HubSpot contacts', tags: ['production'], kind: 'manual' },
  { name: 'Sync Shopify orders to Airtable', tags: [], kind: 'manual' },
  { name: 'Sync Jira issues to Linear', tags: ['staging'], kind: 'manual' },
  { name: 'Google Sheets inventory sync', tags: [], kind: 'manual' },
  { name: 'Nightly CRM backup', tags: ['production'], kind: 'manual' },
  { name: 'Nightly Postgres backup', tags: [], kind: 'manual' },
  { name: 'Weekly sales report', tags: ['reports'], kind: 'manual' },
  { name: 'Monthly billing report', tags: ['billing', 'reports'], kind: 'manual' },
  { name: 'Daily KPI report to Slack', tags: ['reports', 'production'], kind: 'manual' },
  { name: 'Error log summary report', tags: ['staging'], kind: 'manual' },
  { name: 'Send invoice reminders', tags: ['billing'], kind: 'manual' },
  { name: 'Invoice PDF generator', tags: ['billing', 'staging'], kind: 'manual' },
  { name: 'Slack alert on failed payments', tags: ['billing', 'production'], kind: 'ok', calls: 1 },
  { name: 'Slack standup digest', tags: [], kind: 'manual' },
  { name: 'New lead enrichment', tags: ['production'], kind: 'ok', calls: 1 },
  { name: 'Lead scoring with OpenAI', tags: ['staging'], kind: 'manual' },
  { name: 'GitHub issue triage', tags: [], kind: 'ok', calls: 1 },
  { name: 'GitHub release notes to Notion', tags: [], kind: 'manual' },
  { name: 'Customer onboarding emails', tags: ['production'], kind: 'manual' },
  { name: 'Churn risk alert', tags: ['reports'], kind: 'fail', calls: 2 },
  { name: 'Refund request handler', tags: ['billing', 'production'], kind: 'fail', calls: 2 },
  { name: 'Support ticket router', tags: ['production'], kind: 'ok', calls: 1 },
  { name: 'Zendesk to Jira escalation', tags: ['staging'], kind: 'manual' },
  { name: 'Newsletter signup webhook', tags: [], kind: 'ok', calls: 1 },
  { name: 'Form submission to CRM', tags: ['staging'], kind: 'ok', calls: 1 },
  { name: 'Calendar booking confirmation', tags: [], kind: 'manual' },
  { name: 'Expense approval flow', tags: ['billing'], kind: 'fail', calls: 1 },
  { name: 'Payroll export to accounting', tags: ['billing'], kind: 'manual' },
  { name: 'Twitter mentions monitor', tags: [], kind: 'manual' },
  { name: 'RSS feed to Discord', tags: [], kind: 'manual' },
  { name: 'Website uptime check', tags: ['production'], kind: 'ok', calls: 1 },
  { name: 'Trial expiry reminders', tags: ['staging'], kind: 'manual' },
  { name: 'Stripe dispute notifier', tags: ['billing'], kind: 'ok', calls: 1 },
  { name: 'Contract renewal tracker', tags: [], kind: 'manual' },
  { name: 'Data warehouse ETL', tags: ['reports'], kind: 'manual' },
  // Fixtures of the action tests (see FIXTURES); they take the tag billing past one page of 10.
  { name: 'Order intake pipeline', tags: ['billing'], kind: 'chain', calls: 1 },
  { name: 'Partner callback relay', tags: ['billing'], kind: 'fail', calls: 2 },
  { name: 'Scratch webhook for deletes', tags: [], kind: 'ok', calls: 3 },
];

/**
 * Seeded workflows that tests change on purpose, so that they disturb no other test's data:
 * `retry` fails on every run (its executions are retried), `deletes` has executions to delete,
 * `multiNode` has five nodes with a fan-out (detail page, export and re-import).
 */
export const FIXTURES = {
  multiNode: 'Order intake pipeline',
  retry: 'Partner callback relay',
  deletes: 'Scratch webhook for deletes',
};

const node = (name, type, x, parameters = {}, extra = {}) =>
  ({ id: randomUUID(), name, type, typeVersion: 1, position: [x, 0], parameters, ...extra });

const to = (...names) => ({ main: [names.map((name) => ({ node: name, type: 'main', index: 0 }))] });

/** The body POST /api/v1/workflows accepts: name, nodes, connections, settings. */
function workflowBody({ name, kind }, path) {
  const trigger = kind === 'manual'
    ? node('Start', 'n8n-nodes-base.manualTrigger', 0)
    : node('Webhook', 'n8n-nodes-base.webhook', 0, { path, httpMethod: 'GET', responseMode: 'onReceived' },
        { typeVersion: 2, webhookId: randomUUID() });
  if (kind === 'chain') {
    const [validate, enrich, warehouse, ledger] = ['Validate order', 'Enrich customer', 'Notify warehouse', 'Update ledger']
      .map((n, i) => node(n, 'n8n-nodes-base.noOp', 220 * (i + 1)));
    return {
      name,
      nodes: [trigger, validate, enrich, warehouse, ledger],
      connections: {
        [trigger.name]: to(validate.name),
        [validate.name]: to(enrich.name),
        [enrich.name]: to(warehouse.name, ledger.name),
      },
      settings: { executionOrder: 'v1' },
    };
  }
  const last = kind === 'fail'
    ? node('Stop and Error', 'n8n-nodes-base.stopAndError', 220, { errorMessage: `${name}: upstream refused` })
    : node('No Operation', 'n8n-nodes-base.noOp', 220);
  return {
    name,
    nodes: [trigger, last],
    connections: { [trigger.name]: to(last.name) },
    settings: { executionOrder: 'v1' },
  };
}

/** Creates and activates a webhook workflow (Webhook -> No Operation) named `name`; answers { id, path }. */
export async function activeWebhook(url, apiKey, name) {
  const path = `hook-${randomUUID().slice(0, 8)}`;
  const { id } = await api(url, apiKey, 'POST', '/workflows', workflowBody({ name, kind: 'ok' }, path));
  await api(url, apiKey, 'POST', `/workflows/${id}/activate`);
  return { id, path };
}

/** Runs `fn` over `items` with at most `limit` calls in flight (SQLite does not like a stampede). */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => { while (next < items.length) { const i = next++; results[i] = await fn(items[i], i); } };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Seeds tags, 39 workflows (15 active webhooks) and about 21 executions, and waits for the executions.
 * `kind` tells what a workflow does (see WORKFLOWS); `executions` counts what seeding ran.
 * @returns {Promise<{ workflows: {id: string, name: string, active: boolean, tags: string[],
 *   kind: 'manual'|'ok'|'fail'|'chain'}[], tags: string[], executions: { success: number, error: number } }>}
 */
export async function seed(url, apiKey) {
  const executionsBefore = await listAll(url, apiKey, '/executions');
  const tagIds = {};
  for (const name of TAGS) tagIds[name] = (await api(url, apiKey, 'POST', '/tags', { name })).id;

  // One write at a time: n8n 1.x on SQLite fails concurrent creates ("no such savepoint: typeorm_1").
  const workflows = await mapLimit(WORKFLOWS, 1, async (spec) => {
    const slug = spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const path = `demo-${slug}-${randomUUID().slice(0, 8)}`; // unique even when seeding twice
    const { id } = await api(url, apiKey, 'POST', '/workflows', workflowBody(spec, path));
    if (spec.tags.length) {
      await api(url, apiKey, 'PUT', `/workflows/${id}/tags`, spec.tags.map((t) => ({ id: tagIds[t] })));
    }
    const active = spec.kind !== 'manual';
    if (active) await api(url, apiKey, 'POST', `/workflows/${id}/activate`);
    return { id, name: spec.name, active, tags: spec.tags, path, spec };
  });

  // Each webhook call answers at once ("Workflow was started"); the execution is listed when it ends.
  const calls = workflows.flatMap((w) => Array.from({ length: w.spec.calls ?? 0 }, () => w));
  await mapLimit(calls, 4, async (w) => {
    const res = await fetch(new URL(`/webhook/${w.path}`, url));
    if (!res.ok) throw new Error(`GET /webhook/${w.path} -> ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  });
  const executions = { success: 0, error: 0 };
  for (const w of calls) executions[w.spec.kind === 'fail' ? 'error' : 'success'] += 1;

  const expected = executionsBefore.length + calls.length;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const listed = (await listAll(url, apiKey, '/executions')).length;
    if (listed >= expected) break;
    if (Date.now() > deadline) throw new Error(`only ${listed} of ${expected} executions appeared within 30 s`);
    await sleep(250);
  }

  return {
    workflows: workflows.map(({ id, name, active, tags, spec }) => ({ id, name, active, tags, kind: spec.kind })),
    tags: [...TAGS],
    executions,
  };
}

// Manual use: `node tests/support/seed.mjs <n8n url> <api key>` prints the manifest.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, apiKey] = process.argv.slice(2);
  if (!url || !apiKey) {
    console.error('usage: node tests/support/seed.mjs <n8n url> <api key>');
    process.exit(2);
  }
  console.log(JSON.stringify(await seed(url, apiKey), null, 2));
}
