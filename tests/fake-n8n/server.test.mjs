// Guards the fake's contract: the console's browser tests trust that it answers like real n8n 2.20.
// Run: node --test tests/fake-n8n/
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { FAKE_API_KEY, SCOPES, startFake } from './server.mjs';

let fake;
before(async () => { fake = await startFake(); });
after(() => fake.stop());
beforeEach(() => fetch(`${fake.url}/__fake/reset`, { method: 'POST' }));

async function call(path, { method = 'GET', key = FAKE_API_KEY, body } = {}) {
  const headers = { ...(key && { 'X-N8N-API-KEY': key }), ...(body && { 'content-type': 'application/json' }) };
  const res = await fetch(`${fake.url}${path}`, { method, headers, body: body && JSON.stringify(body) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch {}
  return { status: res.status, type: res.headers.get('content-type'), text, json };
}

/** Follows nextCursor and returns every page's data. */
async function pages(path) {
  const result = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const { status, json } = await call(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(status, 200);
    result.push(json.data);
    cursor = json.nextCursor;
    assert.ok(result.length < 50, 'runaway paging');
  } while (cursor);
  return result;
}

describe('API key errors', () => {
  test('missing header', async () => {
    const r = await call('/api/v1/workflows', { key: null });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json, { message: "'X-N8N-API-KEY' header required" });
  });
  test('wrong key', async () => {
    const r = await call('/api/v1/workflows', { key: 'nope' });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json, { message: 'unauthorized' });
  });
  test('unknown route', async () => {
    const r = await call('/api/v1/nothing-here');
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, { message: 'not found' });
  });
});

describe('paging', () => {
  test('30 workflows, default limit 100: one page, no cursor', async () => {
    const { json } = await call('/api/v1/workflows');
    assert.equal(json.data.length, 30);
    assert.equal(json.nextCursor, null);
  });
  test('an exactly full last page has nextCursor null (no empty trailing page)', async () => {
    const all = await pages('/api/v1/workflows?limit=10');
    assert.deepEqual(all.map((p) => p.length), [10, 10, 10]);
    const ids = all.flat().map((w) => w.id);
    assert.equal(new Set(ids).size, 30);
  });
  test('a short last page', async () => {
    assert.deepEqual((await pages('/api/v1/workflows?limit=7')).map((p) => p.length), [7, 7, 7, 7, 2]);
  });
  test('the cursor carries its own limit', async () => {
    const first = await call('/api/v1/workflows?limit=10');
    const second = await call(`/api/v1/workflows?limit=3&cursor=${first.json.nextCursor}`);
    assert.equal(second.json.data.length, 10);
  });
  test('limit over 250 and bad values', async () => {
    let r = await call('/api/v1/workflows?limit=251');
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { message: 'request/query/limit must be <= 250' });
    r = await call('/api/v1/tags?limit=1000');
    assert.deepEqual([r.status, r.json], [400, { message: 'request/query/limit must be <= 250' }]);
    r = await call('/api/v1/workflows?limit=abc');
    assert.deepEqual([r.status, r.json], [400, { message: 'request/query/limit must be number' }]);
    r = await call('/api/v1/workflows?cursor=garbage');
    assert.deepEqual([r.status, r.json], [400, { message: 'An invalid cursor was provided' }]);
  });
  test('tags and variables page the same way', async () => {
    assert.deepEqual((await pages('/api/v1/tags?limit=1')).map((p) => p.length), [1, 1, 1]);
    assert.deepEqual((await pages('/api/v1/variables?limit=3')).map((p) => p.length), [3]);
  });
});

describe('workflow filters', () => {
  test('name: case-insensitive substring', async () => {
    const { json } = await call('/api/v1/workflows?name=SYNC');
    assert.ok(json.data.length >= 3);
    assert.ok(json.data.every((w) => w.name.toLowerCase().includes('sync')));
    assert.equal(json.data.length, fake.state.workflows.filter((w) => /sync/i.test(w.name)).length);
  });
  test('active', async () => {
    const on = (await call('/api/v1/workflows?active=true')).json.data;
    const off = (await call('/api/v1/workflows?active=false')).json.data;
    assert.ok(on.length > 0 && off.length > 0);
    assert.equal(on.length + off.length, 30);
    assert.ok(on.every((w) => w.active) && off.every((w) => !w.active));
    const r = await call('/api/v1/workflows?active=yes');
    assert.deepEqual([r.status, r.json], [400, { message: 'request/query/active must be boolean' }]);
  });
  test('tags: comma-separated names, a workflow must carry all of them', async () => {
    const both = (await call('/api/v1/workflows?tags=production,finance')).json.data;
    assert.ok(both.length > 0);
    for (const w of both) {
      const names = w.tags.map((t) => t.name);
      assert.ok(names.includes('production') && names.includes('finance'));
    }
    const one = (await call('/api/v1/workflows?tags=production')).json.data;
    assert.ok(one.length > both.length);
    assert.deepEqual((await call('/api/v1/workflows?tags=nope')).json, { data: [], nextCursor: null });
  });
  test('filters combine with paging', async () => {
    const all = await pages('/api/v1/workflows?active=true&limit=2');
    assert.ok(all.flat().every((w) => w.active));
    assert.equal(all.flat().length, fake.state.workflows.filter((w) => w.active).length);
  });
  test('empty name is refused like real n8n', async () => {
    const r = await call('/api/v1/workflows?name=');
    assert.deepEqual([r.status, r.json], [400, { message: "Empty value found for query parameter 'name'" }]);
  });
});

describe('API keys (seed contract)', () => {
  test('scopes', async () => {
    assert.deepEqual((await call('/api/v1/api-keys/scopes')).json, SCOPES);
  });
  test('create answers rawApiKey once; the list redacts it; the new key works', async () => {
    const created = await call('/api/v1/api-keys', {
      method: 'POST', body: { label: 'ci', scopes: ['workflow:list'], expiresAt: null },
    });
    assert.equal(created.status, 200);
    const raw = created.json.rawApiKey;
    assert.equal(created.json.apiKey, `******${raw.slice(-4)}`);
    const list = (await call('/api/v1/api-keys')).json;
    assert.ok(Array.isArray(list));
    assert.deepEqual(list.map((k) => k.label), ['n8n-console demo', 'ci']);
    assert.ok(list.every((k) => !('rawApiKey' in k) && /^\*{6}.{4}$/.test(k.apiKey)));
    assert.equal(list[0].apiKey, `******${FAKE_API_KEY.slice(-4)}`);
    assert.equal((await call('/api/v1/workflows', { key: raw })).status, 200);
  });
  test('expiresAt: unix seconds in the future, or null; past is 400; expired keys get 401', async () => {
    const past = await call('/api/v1/api-keys', {
      method: 'POST', body: { label: 'old', scopes: [], expiresAt: Math.floor(Date.now() / 1000) - 10 },
    });
    assert.equal(past.status, 400);
    const soon = Math.floor(Date.now() / 1000) + 3600;
    const created = await call('/api/v1/api-keys', { method: 'POST', body: { label: 'soon', scopes: [], expiresAt: soon } });
    assert.equal(created.json.expiresAt, soon);
    fake.state.apiKeys.at(-1).expiresAt = Math.floor(Date.now() / 1000) - 1;
    assert.equal((await call('/api/v1/workflows', { key: created.json.rawApiKey })).status, 401);
  });
  test('duplicate label: a 500 with a SQLite stack, like real n8n', async () => {
    const r = await call('/api/v1/api-keys', { method: 'POST', body: { label: 'n8n-console demo', scopes: [] } });
    assert.equal(r.status, 500);
    assert.match(r.text, /SQLITE_CONSTRAINT/);
  });
  test('patch and delete', async () => {
    const { json } = await call('/api/v1/api-keys', { method: 'POST', body: { label: 'tmp', scopes: [] } });
    let r = await call(`/api/v1/api-keys/${json.id}`, { method: 'PATCH', body: { label: 'renamed' } });
    assert.deepEqual([r.status, r.json], [200, { success: true }]);
    assert.ok((await call('/api/v1/api-keys')).json.some((k) => k.label === 'renamed'));
    r = await call(`/api/v1/api-keys/${json.id}`, { method: 'DELETE' });
    assert.deepEqual([r.status, r.json], [200, { success: true }]);
    assert.equal((await call(`/api/v1/api-keys/${json.id}`, { method: 'DELETE' })).status, 404);
  });
});

describe('faults', () => {
  const arm = (fault) => fetch(`${fake.url}/__fake/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault),
  });

  test('answers the fault `times` times, then normally again', async () => {
    await arm({ path: '/api/v1/workflows', times: 2, status: 500, body: '<html>Bad Gateway</html>', contentType: 'text/html' });
    for (let i = 0; i < 2; i++) {
      const r = await call('/api/v1/workflows');
      assert.deepEqual([r.status, r.type, r.text], [500, 'text/html', '<html>Bad Gateway</html>']);
    }
    assert.equal((await call('/api/v1/workflows')).status, 200);
  });
  test('only matching paths; malformed JSON with 200', async () => {
    await arm({ path: '/api/v1/workflows', status: 200, body: '{"data": [' });
    assert.equal((await call('/api/v1/tags')).status, 200);
    const r = await call('/api/v1/workflows?limit=10');
    assert.equal(r.status, 200);
    assert.equal(r.json, undefined);
  });
  test('a fault applies before the key check (e.g. a revoked key)', async () => {
    await arm({ path: '/api/v1/workflows', status: 401, body: '{"message":"unauthorized"}' });
    assert.equal((await call('/api/v1/workflows')).status, 401);
  });
  test('delay only: answers normally, later', async () => {
    await arm({ path: '/api/v1/tags', delayMs: 200 });
    const t0 = Date.now();
    assert.equal((await call('/api/v1/tags')).status, 200);
    assert.ok(Date.now() - t0 >= 190);
  });
  test('DELETE clears', async () => {
    await arm({ path: '/api/v1/workflows', times: 5, status: 503 });
    await fetch(`${fake.url}/__fake/faults`, { method: 'DELETE' });
    assert.equal((await call('/api/v1/workflows')).status, 200);
  });
});
