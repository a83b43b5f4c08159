// A small fake n8n public API for tests that a real n8n cannot set up: faults, licence-gated
// variables, the seeds' /api/v1/api-keys contract. Status codes and error bodies follow what real
// n8n 2.20.0 answers (../shared/notes/real-n8n.md), its OpenAPI spec and its handlers' code
// (tags: 409 "Tag already exists" for any refused name; variables: 201/204 with empty bodies and
// zod issue objects for refused keys and values).
// CLI: node tests/fake-n8n/server.mjs [--port 5680]
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

export const FAKE_API_KEY = 'n8n_fake_api_key_for_tests_0000000000000000abcd';

// What an owner's /rest/api-keys/scopes listed on a fresh 2.20.0 (68 scopes).
export const SCOPES = [
  'communityPackage:install', 'communityPackage:list', 'communityPackage:uninstall', 'communityPackage:update',
  'credential:create', 'credential:delete', 'credential:list', 'credential:move', 'credential:read', 'credential:update',
  'dataTable:create', 'dataTable:delete', 'dataTable:list', 'dataTable:read', 'dataTable:update',
  'folder:create', 'folder:delete', 'folder:list', 'folder:read', 'folder:update', 'insights:read',
  'project:create', 'project:delete', 'project:list', 'project:update', 'securityAudit:generate', 'sourceControl:pull',
  'tag:create', 'tag:delete', 'tag:list', 'tag:read', 'tag:update',
  'user:changeRole', 'user:create', 'user:delete', 'user:enforceMfa', 'user:list', 'user:read',
  'variable:create', 'variable:delete', 'variable:list', 'variable:update',
  'workflow:create', 'workflow:delete', 'workflow:list', 'workflow:move', 'workflow:read', 'workflow:update',
  'workflowTags:update', 'workflowTags:list', 'executionTags:update', 'executionTags:list',
  'workflow:activate', 'workflow:deactivate',
  'execution:delete', 'execution:read', 'execution:retry', 'execution:stop', 'execution:list',
  'dataTableRow:create', 'dataTableRow:read', 'dataTableRow:update', 'dataTableRow:delete', 'dataTableRow:upsert',
  'dataTableColumn:create', 'dataTableColumn:read', 'dataTableColumn:update', 'dataTableColumn:delete',
];

// 30 workflows: [name, active, tags]. 30 = 3 full pages of 10, to test an exactly full last page.
const WORKFLOWS = [
  ['Sync Stripe customers', true, ['production', 'finance']],
  ['Sync Salesforce accounts', true, ['production']],
  ['Sync Intercom users', false, []],
  ['Nightly database backup', true, ['production']],
  ['Nightly S3 cleanup', false, ['staging']],
  ['Weekly finance report', true, ['finance']],
  ['Monthly usage report', false, ['finance', 'staging']],
  ['Daily error report', true, []],
  ['Invoice overdue reminder', true, ['finance']],
  ['Invoice archive to Drive', false, []],
  ['Slack on-call handover', true, ['production']],
  ['Slack welcome message', false, []],
  ['Lead capture from Typeform', true, ['production']],
  ['Lead dedupe in Pipedrive', false, ['staging']],
  ['GitHub PR reminder', true, []],
  ['GitHub stars to Sheets', false, []],
  ['Onboarding drip emails', true, ['production']],
  ['Offboarding checklist', false, []],
  ['Refund approval', true, ['finance', 'production']],
  ['Ticket escalation', false, ['staging']],
  ['Webhook relay to Kafka', true, []],
  ['Form to Notion database', false, []],
  ['Calendar sync to Outlook', false, ['staging']],
  ['Expense receipt OCR', true, ['finance']],
  ['Payroll CSV export', false, ['finance']],
  ['Mentions to Discord', false, []],
  ['RSS digest email', true, []],
  ['Status page updater', true, ['production']],
  ['Trial conversion nudges', false, []],
  ['Warehouse nightly load', true, ['production', 'staging']],
];
const TAGS = ['production', 'staging', 'finance'];
// 14 variables: more than one page of 10; one value of several hundred characters, one empty value.
const LONG_VALUE = 'Scheduled maintenance: the billing and reporting workflows are paused every first Sunday of '
  + 'the month between 02:00 and 04:00 UTC while the data warehouse is vacuumed and re-indexed. Runs that '
  + 'are triggered in that window are queued and replayed afterwards, in order, by the "Warehouse nightly '
  + 'load" workflow. If a run must not wait, post in #alerts with the workflow name and the reason, and the '
  + 'on-call engineer will start it by hand once the warehouse answers again. Questions about this window go '
  + 'to ops@example.com; the full runbook lives in the wiki under Operations / Maintenance / Warehouse.';
const VARIABLES = [
  ['ENVIRONMENT', 'demo'],
  ['SLACK_CHANNEL', '#alerts'],
  ['REPORT_RECIPIENT', 'ops@example.com'],
  ['API_BASE_URL', 'https://api.example.com/v2'],
  ['STRIPE_ACCOUNT', 'acct_1Demo0000000000'],
  ['RETRY_LIMIT', '5'],
  ['TIMEZONE', 'Europe/Berlin'],
  ['S3_BUCKET', 'n8n-demo-exports'],
  ['SUPPORT_EMAIL', 'support@example.com'],
  ['MAINTENANCE_NOTICE', LONG_VALUE],
  ['FEATURE_FLAGS', '{"newBilling":true,"betaReports":false}'],
  ['EMPTY_PLACEHOLDER', ''],
  ['_internal_owner', 'platform-team'],
  ['webhookSecretName', 'shared-secret-2026'],
];

/** A stable n8n-looking id (16 base62 characters) derived from a name, so listings are reproducible. */
function idFor(name) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...createHash('sha256').update(name).digest()].slice(0, 16).map((b) => alphabet[b % 62]).join('');
}

/** A fresh n8n-looking id (16 base62 characters), for what the API creates. */
const newId = () => idFor(randomBytes(16).toString('hex'));

function seedState() {
  const t0 = Date.parse('2026-11-01T08:00:00.000Z');
  const at = (i) => new Date(t0 + i * 3_600_000).toISOString();
  const tags = TAGS.map((name, i) => ({ id: idFor(`tag:${name}`), name, createdAt: at(i), updatedAt: at(i) }));
  const workflows = WORKFLOWS.map(([name, active, tagNames], i) => ({
    id: idFor(`workflow:${name}`),
    name,
    active,
    isArchived: false,
    createdAt: at(i),
    updatedAt: at(i + 24 * (i % 7)),
    // By id, like n8n's join table: renaming a tag shows on its workflows, deleting it removes it.
    tagIds: tagNames.map((tag) => tags.find((t) => t.name === tag).id),
  }))
    // Real n8n lists workflows ordered by their (random) id.
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const variables = VARIABLES.map(([key, value]) => ({ id: idFor(`var:${key}`), key, value, type: 'string', project: null }));
  const apiKeys = [{
    id: idFor('key:demo'), label: 'n8n-console demo', rawApiKey: FAKE_API_KEY, scopes: [...SCOPES],
    expiresAt: null, createdAt: at(0), updatedAt: at(0),
  }];
  return { tags, workflows, variables, apiKeys, faults: [] };
}

// ---- answers -------------------------------------------------------------------------------------

class HttpError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}
const fail = (status, message) => { throw new HttpError(status, message); };

/** Sends `body` (a string as is, else JSON); `null` sends no body and no content type, like n8n's 201/204. */
function send(res, status, body, contentType = 'application/json; charset=utf-8', headers = {}) {
  if (body === null) {
    res.writeHead(status, { ...headers, 'content-length': 0 });
    return res.end();
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Real n8n's cursor: base64 of {"limit":N,"offset":M}. The cursor's own limit wins over ?limit=. */
function page(items, query) {
  let limit = 100;
  let offset = 0;
  if (query.has('limit')) {
    const raw = query.get('limit');
    if (raw.trim() === '' || Number.isNaN(Number(raw))) fail(400, 'request/query/limit must be number');
    limit = Number(raw);
    if (limit > 250) fail(400, 'request/query/limit must be <= 250');
  }
  if (query.get('cursor')) {
    try {
      ({ limit, offset } = JSON.parse(Buffer.from(query.get('cursor'), 'base64').toString('utf8')));
      if (!Number.isInteger(limit) || !Number.isInteger(offset)) throw new Error();
    } catch {
      fail(400, 'An invalid cursor was provided');
    }
  }
  if (limit <= 0) return { data: items, nextCursor: null }; // n8n takes no limit then
  const data = items.slice(offset, offset + limit);
  const more = offset + limit < items.length; // an exactly full last page has no next cursor
  const nextCursor = more ? Buffer.from(JSON.stringify({ limit, offset: offset + limit })).toString('base64') : null;
  return { data, nextCursor };
}

function nonEmpty(query, name) {
  if (!query.has(name)) return null;
  if (query.get(name) === '') fail(400, `Empty value found for query parameter '${name}'`);
  return query.get(name);
}

function workflowJson(w, state) {
  const { tagIds, ...rest } = w;
  const versionId = idFor(`version:${w.id}`);
  const trigger = { id: idFor(`node:${w.id}`), name: 'Schedule Trigger', type: 'n8n-nodes-base.scheduleTrigger',
    typeVersion: 1.2, position: [0, 0], parameters: { rule: { interval: [{}] } } };
  return {
    ...rest,
    nodes: [trigger],
    connections: {},
    settings: { executionOrder: 'v1' },
    staticData: null,
    meta: null,
    pinData: null,
    versionId,
    activeVersionId: w.active ? versionId : null,
    triggerCount: w.active ? 1 : 0,
    shared: [],
    tags: tagIds.map((id) => state.tags.find((t) => t.id === id)).filter(Boolean),
  };
}

const redact = (key) => ({
  id: key.id, label: key.label, apiKey: `******${key.rawApiKey.slice(-4)}`, scopes: key.scopes,
  expiresAt: key.expiresAt, createdAt: key.createdAt, updatedAt: key.updatedAt,
});

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try { return JSON.parse(text); } catch { fail(400, 'request/body must be valid JSON'); }
}

function checkKeyBody(body, { partial }) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail(400, 'request/body must be object');
  if (!partial || 'label' in body) {
    if (typeof body.label !== 'string' || body.label.trim() === '') fail(400, 'request/body/label must be a non-empty string');
  }
  if (!partial || 'scopes' in body) {
    if (!Array.isArray(body.scopes) || body.scopes.some((s) => !SCOPES.includes(s))) fail(400, 'request/body/scopes must be known scopes');
  }
  if (!partial && body.expiresAt != null) {
    if (typeof body.expiresAt !== 'number') fail(400, 'request/body/expiresAt must be number');
    if (body.expiresAt <= Date.now() / 1000) fail(400, 'Expiration date must be in the future');
  }
}

// Real n8n answers a duplicate label (on /rest/api-keys) with a 500 that carries a SQLite stack.
const SQLITE_500 = {
  message: 'SQLITE_CONSTRAINT: UNIQUE constraint failed: user_api_keys.userId, user_api_keys.label',
  stack: 'QueryFailedError: SQLITE_CONSTRAINT: UNIQUE constraint failed: user_api_keys.userId, user_api_keys.label\n'
    + '    at handler (/usr/local/lib/node_modules/n8n/node_modules/@n8n/typeorm/driver/sqlite/SqliteQueryRunner.js:84:26)',
};

/**
 * What n8n's OpenAPI validator checks on a request body, with its messages: an object, the required
 * properties, no unknown ones, no read-only ones, and each property's type. `schema.properties`
 * maps a name to 'string', 'string?' (nullable) or 'readOnly'.
 */
function checkBody(body, schema) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail(400, 'request/body must be object');
  for (const name of schema.required) {
    if (!(name in body)) fail(400, `request/body must have required property '${name}'`);
  }
  for (const name of Object.keys(body)) {
    if (!(name in schema.properties)) fail(400, 'request/body must NOT have additional properties');
  }
  for (const [name, type] of Object.entries(schema.properties)) {
    if (!(name in body)) continue;
    if (type === 'readOnly') fail(400, `request/body/${name} is read-only`);
    if (type === 'string?' && body[name] === null) continue;
    if (typeof body[name] !== 'string') fail(400, `request/body/${name} must be string`);
  }
  return body;
}

const TAG_SCHEMA = { required: ['name'], properties: { id: 'readOnly', name: 'string', createdAt: 'readOnly', updatedAt: 'readOnly' } };
const VARIABLE_SCHEMA = { required: ['key', 'value'], properties: { id: 'readOnly', key: 'string', value: 'string', type: 'readOnly', projectId: 'string?' } };

/** n8n's TagEntity check (1 to 24 characters) and unique name, after trimming. Any failure is a 409. */
function tagName(state, body, except) {
  const name = body.name.trim();
  const clash = state.tags.some((t) => t !== except && t.name === name); // SQLite's unique index: case-sensitive
  if (name.length < 1 || name.length > 24 || clash) fail(409, 'Tag already exists');
  return name;
}

// n8n's zod DTOs answer 400 with the first zod issue itself (not {message}): these are its issues.
const zodTooBig = (path, maximum, message) => ({ code: 'too_big', maximum, type: 'string', inclusive: true, exact: false, message, path: [path] });
const zodTooSmall = (path, message) => ({ code: 'too_small', minimum: 1, type: 'string', inclusive: true, exact: false, message, path: [path] });
const zodRegex = (path, message) => ({ validation: 'regex', code: 'invalid_string', message, path: [path] });
const NEW_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/; // CreateVariableRequestDto
const ANY_KEY = /^[A-Za-z0-9_]+$/; // UpdateVariableRequestDto

/** The first issue n8n's variable DTO finds, or null. Create checks value then key; update key then value. */
function variableIssue(body, { create }) {
  const key = [];
  if (body.key.length < 1) key.push(zodTooSmall('key', 'key must be at least 1 character long'));
  if (body.key.length > 50) key.push(zodTooBig('key', 50, 'key cannot be longer than 50 characters'));
  if (create && !NEW_KEY.test(body.key)) {
    key.push(zodRegex('key', 'key can only contain letters, numbers (not as first character), and underscores (A-Za-z0-9_)'));
  }
  if (!create && !ANY_KEY.test(body.key)) key.push(zodRegex('key', 'key can only contain characters A-Za-z0-9_'));
  const value = body.value.length > 1000 ? [zodTooBig('value', 1000, 'value cannot be longer than 1000 characters')] : [];
  return (create ? [...value, ...key] : [...key, ...value])[0] ?? null;
}

function uniqueKey(state, key, except) {
  if (state.variables.some((v) => v !== except && v.key === key && !v.project)) {
    fail(400, `A global variable with key "${key}" already exists`);
  }
}

/** A tag's id from the path, or n8n's 404. */
const tagById = (state, id) => state.tags.find((t) => t.id === id) ?? fail(404, 'Not Found');

/** The public API, once the key is known good. Returns [status, body]. */
async function route(state, req, url) {
  const { pathname, searchParams: q } = url;
  const m = (method, pattern) => req.method === method && pattern.exec(pathname);
  let match;

  if (m('GET', /^\/api\/v1\/workflows$/)) {
    const name = nonEmpty(q, 'name')?.toLowerCase();
    const active = q.get('active');
    if (active !== null && active !== 'true' && active !== 'false') fail(400, 'request/query/active must be boolean');
    const tags = nonEmpty(q, 'tags')?.split(',').map((t) => t.trim()).filter(Boolean);
    const rows = state.workflows.filter((w) =>
      (!name || w.name.toLowerCase().includes(name))
      && (active === null || w.active === (active === 'true'))
      && (!tags || tags.every((t) => w.tagIds.some((id) => state.tags.find((x) => x.id === id)?.name === t))));
    const { data, nextCursor } = page(rows, q);
    return [200, { data: data.map((w) => workflowJson(w, state)), nextCursor }];
  }
  if (m('GET', /^\/api\/v1\/tags$/)) return [200, page(state.tags, q)];
  if (m('POST', /^\/api\/v1\/tags$/)) {
    const body = checkBody(await readJson(req), TAG_SCHEMA);
    const now = new Date().toISOString();
    const tag = { id: newId(), name: tagName(state, body, null), createdAt: now, updatedAt: now };
    state.tags.push(tag);
    return [201, tag];
  }
  if ((match = m('GET', /^\/api\/v1\/tags\/([^/]+)$/))) return [200, tagById(state, match[1])];
  if ((match = m('PUT', /^\/api\/v1\/tags\/([^/]+)$/))) {
    const body = checkBody(await readJson(req), TAG_SCHEMA);
    const tag = tagById(state, match[1]);
    const name = tagName(state, body, tag);
    // Real n8n answers only what the update touched: no createdAt, and no updatedAt when the name
    // did not change (TypeORM then skips the UPDATE and its timestamp hook).
    if (name === tag.name) return [200, { id: tag.id, name }];
    Object.assign(tag, { name, updatedAt: new Date().toISOString() });
    return [200, { id: tag.id, name, updatedAt: tag.updatedAt }];
  }
  if ((match = m('DELETE', /^\/api\/v1\/tags\/([^/]+)$/))) {
    const tag = tagById(state, match[1]);
    state.tags.splice(state.tags.indexOf(tag), 1);
    for (const w of state.workflows) w.tagIds = w.tagIds.filter((id) => id !== tag.id);
    return [200, tag];
  }

  // Variables: the fake is "licensed" (real n8n without a licence answers 403, see the faults).
  if (m('GET', /^\/api\/v1\/variables$/)) {
    const only = q.get('state');
    if (only !== null && only !== 'empty') fail(400, 'request/query/state must be equal to one of the allowed values: empty');
    const projectId = q.get('projectId');
    const rows = state.variables.filter((v) => (only !== 'empty' || v.value === '')
      && (projectId === null || (v.project?.id ?? null) === (projectId === 'null' ? null : projectId)));
    return [200, page(rows, q)];
  }
  if (m('POST', /^\/api\/v1\/variables$/)) {
    const body = checkBody(await readJson(req), VARIABLE_SCHEMA);
    const issue = variableIssue(body, { create: true });
    if (issue) return [400, issue];
    if (body.projectId) fail(403, 'You are not allowed to create a variable in this project'); // the fake has no projects
    uniqueKey(state, body.key, null);
    state.variables.push({ id: newId(), key: body.key, value: body.value, type: 'string', project: null });
    return [201, null];
  }
  if ((match = m('PUT', /^\/api\/v1\/variables\/([^/]+)$/))) {
    const body = checkBody(await readJson(req), VARIABLE_SCHEMA);
    const issue = variableIssue(body, { create: false });
    if (issue) return [400, issue];
    const variable = state.variables.find((v) => v.id === match[1]) ?? fail(404, `Variable with id ${match[1]} not found`);
    if (body.projectId) fail(403, 'You are not allowed to move this variable to the specified project');
    uniqueKey(state, body.key, variable);
    Object.assign(variable, { key: body.key, value: body.value });
    return [204, null];
  }
  if ((match = m('DELETE', /^\/api\/v1\/variables\/([^/]+)$/))) {
    const index = state.variables.findIndex((v) => v.id === match[1]);
    if (index >= 0) state.variables.splice(index, 1); // an unknown id is a 204 too
    return [204, null];
  }

  // The seeds' API-key contract (../shared/seeds/001_*.txt): bare arrays/objects, not {data}.
  if (m('GET', /^\/api\/v1\/api-keys\/scopes$/)) return [200, [...SCOPES]];
  if (m('GET', /^\/api\/v1\/api-keys$/)) return [200, state.apiKeys.map(redact)];
  if (m('POST', /^\/api\/v1\/api-keys$/)) {
    const body = await readJson(req);
    checkKeyBody(body, { partial: false });
    if (state.apiKeys.some((k) => k.label === body.label)) return [500, SQLITE_500];
    const now = new Date().toISOString();
    const key = {
      id: randomBytes(12).toString('base64url').slice(0, 16), label: body.label, scopes: body.scopes,
      rawApiKey: `n8n_api_${randomBytes(24).toString('hex')}`, expiresAt: body.expiresAt ?? null,
      createdAt: now, updatedAt: now,
    };
    state.apiKeys.push(key);
    return [200, { ...redact(key), rawApiKey: key.rawApiKey }];
  }
  if ((match = m('PATCH', /^\/api\/v1\/api-keys\/([^/]+)$/))) {
    const key = state.apiKeys.find((k) => k.id === match[1]) ?? fail(404, 'not found');
    const body = await readJson(req);
    checkKeyBody(body, { partial: true });
    if ('label' in body && state.apiKeys.some((k) => k !== key && k.label === body.label)) return [500, SQLITE_500];
    Object.assign(key, 'label' in body && { label: body.label }, 'scopes' in body && { scopes: body.scopes },
      { updatedAt: new Date().toISOString() });
    return [200, { success: true }];
  }
  if ((match = m('DELETE', /^\/api\/v1\/api-keys\/([^/]+)$/))) {
    const index = state.apiKeys.findIndex((k) => k.id === match[1]);
    if (index < 0) fail(404, 'not found');
    state.apiKeys.splice(index, 1);
    return [200, { success: true }];
  }
  fail(404, 'not found');
}

/** Test-only control routes: fault injection and reset. */
async function control(state, req, url, reset) {
  if (url.pathname === '/__fake/faults' && req.method === 'POST') {
    const fault = await readJson(req);
    if (typeof fault.path !== 'string') fail(400, 'a fault needs a path');
    state.faults.push({ times: 1, delayMs: 0, contentType: 'application/json', body: '', ...fault });
    return [201, { faults: state.faults }];
  }
  if (url.pathname === '/__fake/faults' && req.method === 'DELETE') {
    state.faults.length = 0;
    return [200, { faults: [] }];
  }
  if (url.pathname === '/__fake/faults' && req.method === 'GET') return [200, { faults: state.faults }];
  if (url.pathname === '/__fake/reset' && req.method === 'POST') {
    reset();
    return [200, { reset: true }];
  }
  fail(404, 'not found');
}

/** A fault for this request, if one is armed: counts down `times` and drops it at zero. */
function takeFault(state, req, pathname) {
  const fault = state.faults.find((f) => f.path === pathname && (!f.method || f.method === req.method));
  if (!fault) return null;
  if (--fault.times <= 0) state.faults.splice(state.faults.indexOf(fault), 1);
  return fault;
}

/**
 * @param {{ port?: number }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void>, state: object }>} `state` is live and mutable.
 */
export async function startFake({ port = 0 } = {}) {
  const state = seedState();
  const reset = () => Object.assign(state, seedState());

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://fake');
    try {
      if (url.pathname.startsWith('/__fake/')) return send(res, ...(await control(state, req, url, reset)));
      const fault = takeFault(state, req, url.pathname);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.status) return send(res, fault.status, fault.body, fault.contentType, fault.headers);
      if (url.pathname.startsWith('/api/v1/')) {
        const key = req.headers['x-n8n-api-key'];
        if (!key) fail(401, "'X-N8N-API-KEY' header required");
        const known = state.apiKeys.find((k) => k.rawApiKey === key);
        if (!known || (known.expiresAt !== null && known.expiresAt <= Date.now() / 1000)) fail(401, 'unauthorized');
      }
      send(res, ...(await route(state, req, url)));
    } catch (error) {
      if (!(error instanceof HttpError)) {
        console.error(error);
        return send(res, 500, { message: 'fake n8n: internal error' });
      }
      send(res, error.status, { message: error.message });
    }
  });
  await new Promise((ok, ko) => server.once('error', ko).listen(port, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  async function stop() {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  }
  return { url, stop, state };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  const fake = await startFake({ port: Number(values.port) });
  console.log(`fake n8n on ${fake.url}\nAPI key: ${FAKE_API_KEY}`);
  const quit = () => fake.stop().then(() => process.exit(0));
  process.once('SIGINT', quit).once('SIGTERM', quit);
}
