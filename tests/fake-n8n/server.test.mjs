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
    assert.deepEqual((await pages('/api/v1/variables?limit=3')).map((p) => p.length), [3, 3, 3, 3, 2]); // 14
    assert.deepEqual((await pages('/api/v1/variables?limit=10')).map((p) => p.length), [10, 4]);
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

describe('tags (as real n8n 2.20 answers them)', () => {
  const tagNamed = async (name) => (await pages('/api/v1/tags')).flat().find((t) => t.name === name);
  const workflowTags = async () => new Map((await pages('/api/v1/workflows')).flat().map((w) => [w.id, w.tags.map((t) => t.name)]));

  test('get one; an unknown id is 404 "Not Found"', async () => {
    const production = await tagNamed('production');
    const r = await call(`/api/v1/tags/${production.id}`);
    assert.deepEqual([r.status, r.json], [200, production]);
    assert.deepEqual(Object.keys(r.json).sort(), ['createdAt', 'id', 'name', 'updatedAt']);
    const missing = await call('/api/v1/tags/nope');
    assert.deepEqual([missing.status, missing.json], [404, { message: 'Not Found' }]);
  });

  test('create: 201 with the tag (name trimmed); it is listed last', async () => {
    const r = await call('/api/v1/tags', { method: 'POST', body: { name: '  ops  ' } });
    assert.equal(r.status, 201);
    assert.equal(r.json.name, 'ops');
    assert.match(r.json.id, /^[A-Za-z0-9]{16}$/);
    assert.ok(!Number.isNaN(Date.parse(r.json.createdAt)) && r.json.createdAt === r.json.updatedAt);
    const all = (await pages('/api/v1/tags')).flat();
    assert.deepEqual(all.at(-1), r.json);
    assert.equal(all.length, 4);
    assert.deepEqual((await call(`/api/v1/tags/${r.json.id}`)).json, r.json);
  });

  test('create: any refused name is 409 "Tag already exists" (duplicate, empty, over 24 characters)', async () => {
    for (const name of ['production', '', '   ', 'x'.repeat(25)]) {
      const r = await call('/api/v1/tags', { method: 'POST', body: { name } });
      assert.deepEqual([r.status, r.json], [409, { message: 'Tag already exists' }], JSON.stringify(name));
    }
    const ok24 = await call('/api/v1/tags', { method: 'POST', body: { name: 'y'.repeat(24) } });
    assert.equal(ok24.status, 201, '24 characters are allowed');
    const otherCase = await call('/api/v1/tags', { method: 'POST', body: { name: 'Production' } });
    assert.equal(otherCase.status, 201, "n8n's unique index is case-sensitive");
    assert.equal((await pages('/api/v1/tags')).flat().length, 5);
  });

  test('create and update: the OpenAPI validator answers 400 first', async () => {
    const cases = [
      [{}, "request/body must have required property 'name'"],
      [{ name: 'x', foo: 1 }, 'request/body must NOT have additional properties'],
      [{ name: 12 }, 'request/body/name must be string'],
      [{ name: 'x', id: 'abc' }, 'request/body/id is read-only'],
    ];
    for (const [body, message] of cases) {
      const r = await call('/api/v1/tags', { method: 'POST', body });
      assert.deepEqual([r.status, r.json], [400, { message }], JSON.stringify(body));
    }
    const r = await call('/api/v1/tags/nope', { method: 'PUT', body: {} });
    assert.deepEqual([r.status, r.json], [400, { message: "request/body must have required property 'name'" }]);
  });

  test('update: 200 with only what changed; refusals 409; unknown id 404; workflows show the new name', async () => {
    const staging = await tagNamed('staging');
    const r = await call(`/api/v1/tags/${staging.id}`, { method: 'PUT', body: { name: ' preprod ' } });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json).sort(), ['id', 'name', 'updatedAt']);
    assert.deepEqual([r.json.id, r.json.name], [staging.id, 'preprod']);
    const same = await call(`/api/v1/tags/${staging.id}`, { method: 'PUT', body: { name: 'preprod' } });
    assert.deepEqual([same.status, same.json], [200, { id: staging.id, name: 'preprod' }], 'unchanged: no updatedAt');
    const got = (await call(`/api/v1/tags/${staging.id}`)).json;
    assert.deepEqual([got.name, got.createdAt, got.updatedAt], ['preprod', staging.createdAt, r.json.updatedAt]);

    for (const name of ['production', '', 'z'.repeat(25)]) {
      const refused = await call(`/api/v1/tags/${staging.id}`, { method: 'PUT', body: { name } });
      assert.deepEqual([refused.status, refused.json], [409, { message: 'Tag already exists' }], JSON.stringify(name));
    }
    const missing = await call('/api/v1/tags/nope', { method: 'PUT', body: { name: 'x' } });
    assert.deepEqual([missing.status, missing.json], [404, { message: 'Not Found' }]);

    const carriers = (await call('/api/v1/workflows?tags=preprod')).json.data;
    assert.equal(carriers.length, fake.state.workflows.filter((w) => w.tagIds.includes(staging.id)).length);
    assert.ok(carriers.length > 0);
    assert.ok(carriers.every((w) => w.tags.some((t) => t.id === staging.id && t.name === 'preprod')));
    assert.deepEqual((await call('/api/v1/workflows?tags=staging')).json.data, []);
  });

  test('delete: 200 with the tag; gone from the list and from every workflow; then 404', async () => {
    const finance = await tagNamed('finance');
    const before = await workflowTags();
    const carried = [...before.values()].filter((names) => names.includes('finance')).length;
    assert.ok(carried >= 2, 'the seed tags several workflows with finance');
    assert.equal((await call('/api/v1/workflows?tags=finance')).json.data.length, carried);

    const r = await call(`/api/v1/tags/${finance.id}`, { method: 'DELETE' });
    assert.deepEqual([r.status, r.json], [200, finance]);
    assert.equal(await tagNamed('finance'), undefined);
    const after = await workflowTags();
    for (const [id, names] of before) {
      assert.deepEqual(after.get(id), names.filter((n) => n !== 'finance'), `workflow ${id}`);
    }
    assert.deepEqual((await call('/api/v1/workflows?tags=finance')).json.data, []);
    const again = await call(`/api/v1/tags/${finance.id}`, { method: 'DELETE' });
    assert.deepEqual([again.status, again.json], [404, { message: 'Not Found' }]);
  });

  test('reset brings the seeded tags back', async () => {
    const finance = await tagNamed('finance');
    await call(`/api/v1/tags/${finance.id}`, { method: 'DELETE' });
    await fetch(`${fake.url}/__fake/reset`, { method: 'POST' });
    assert.deepEqual((await pages('/api/v1/tags')).flat().map((t) => t.name), ['production', 'staging', 'finance']);
    assert.ok((await call('/api/v1/workflows?tags=finance')).json.data.length >= 2);
  });
});

describe('variables (licensed, as n8n 2.20 answers them)', () => {
  const all = async () => (await pages('/api/v1/variables')).flat();
  const byKey = async (key) => (await all()).find((v) => v.key === key);

  test('14 seeded variables: unique keys, one long value, the list shape', async () => {
    const list = await all();
    assert.equal(list.length, 14);
    assert.equal(new Set(list.map((v) => v.key)).size, 14);
    assert.ok(list.some((v) => v.value.length >= 300 && v.value.length <= 1000), 'a value of several hundred characters');
    for (const v of list) {
      assert.deepEqual(Object.keys(v).sort(), ['id', 'key', 'project', 'type', 'value']);
      assert.equal(v.type, 'string');
      assert.equal(v.project, null);
    }
    const empty = (await call('/api/v1/variables?state=empty')).json.data;
    assert.deepEqual(empty.map((v) => v.key), list.filter((v) => v.value === '').map((v) => v.key));
  });

  test('create: 201 with an empty body; listed last with type string', async () => {
    const r = await call('/api/v1/variables', { method: 'POST', body: { key: 'NEW_ONE', value: 'hello' } });
    assert.deepEqual([r.status, r.text, r.type], [201, '', null]);
    const list = await all();
    assert.equal(list.length, 15);
    const created = list.at(-1);
    assert.deepEqual({ ...created, id: 'x' }, { id: 'x', key: 'NEW_ONE', value: 'hello', type: 'string', project: null });
    assert.match(created.id, /^[A-Za-z0-9]{16}$/);
    const edge = await call('/api/v1/variables', { method: 'POST', body: { key: `_${'k'.repeat(49)}`, value: 'v'.repeat(1000) } });
    assert.equal(edge.status, 201, 'a 50-character key and a 1000-character value are allowed');
  });

  test('create: a duplicate key is 400 with n8n\'s message', async () => {
    const r = await call('/api/v1/variables', { method: 'POST', body: { key: 'ENVIRONMENT', value: 'x' } });
    assert.deepEqual([r.status, r.json], [400, { message: 'A global variable with key "ENVIRONMENT" already exists' }]);
    assert.equal((await all()).length, 14);
  });

  test('create: keys and values outside n8n\'s rules are 400 with the zod issue', async () => {
    const regex = {
      validation: 'regex', code: 'invalid_string', path: ['key'],
      message: 'key can only contain letters, numbers (not as first character), and underscores (A-Za-z0-9_)',
    };
    for (const key of ['my-var', '1abc', 'with space', 'ünï']) {
      const r = await call('/api/v1/variables', { method: 'POST', body: { key, value: 'x' } });
      assert.deepEqual([r.status, r.json], [400, regex], key);
    }
    let r = await call('/api/v1/variables', { method: 'POST', body: { key: 'K'.repeat(51), value: 'x' } });
    assert.equal(r.status, 400);
    assert.deepEqual([r.json.code, r.json.message, r.json.path], ['too_big', 'key cannot be longer than 50 characters', ['key']]);
    r = await call('/api/v1/variables', { method: 'POST', body: { key: '', value: 'x' } });
    assert.deepEqual([r.status, r.json.message], [400, 'key must be at least 1 character long']);
    r = await call('/api/v1/variables', { method: 'POST', body: { key: 'bad-key', value: 'v'.repeat(1001) } });
    assert.deepEqual([r.status, r.json.message, r.json.path], [400, 'value cannot be longer than 1000 characters', ['value']],
      'the value is checked before the key, as in n8n');
    assert.equal((await all()).length, 14, 'nothing was created');
  });

  test('create and update: the OpenAPI validator answers 400 first', async () => {
    const cases = [
      [{ value: 'x' }, "request/body must have required property 'key'"],
      [{ key: 'A' }, "request/body must have required property 'value'"],
      [{ key: 'A', value: 'x', other: 1 }, 'request/body must NOT have additional properties'],
      [{ key: 'A', value: 'x', type: 'string' }, 'request/body/type is read-only'],
      [{ key: 'A', value: 5 }, 'request/body/value must be string'],
    ];
    for (const [body, message] of cases) {
      const r = await call('/api/v1/variables', { method: 'POST', body });
      assert.deepEqual([r.status, r.json], [400, { message }], JSON.stringify(body));
    }
    const v = await byKey('ENVIRONMENT');
    const r = await call(`/api/v1/variables/${v.id}`, { method: 'PUT', body: { value: 'x' } });
    assert.deepEqual([r.status, r.json], [400, { message: "request/body must have required property 'key'" }]);
  });

  test('update: 204 with an empty body; the looser update key rule; duplicates 400; unknown id 404', async () => {
    const v = await byKey('TIMEZONE');
    let r = await call(`/api/v1/variables/${v.id}`, { method: 'PUT', body: { key: 'TIMEZONE', value: 'UTC' } });
    assert.deepEqual([r.status, r.text, r.type], [204, '', null]);
    assert.deepEqual(await byKey('TIMEZONE'), { ...v, value: 'UTC' });

    r = await call(`/api/v1/variables/${v.id}`, { method: 'PUT', body: { key: '1TZ', value: 'UTC' } });
    assert.equal(r.status, 204, 'an update may start a key with a digit (^[A-Za-z0-9_]+$)');
    r = await call(`/api/v1/variables/${v.id}`, { method: 'PUT', body: { key: 'T-Z', value: 'UTC' } });
    assert.deepEqual([r.status, r.json.message, r.json.path], [400, 'key can only contain characters A-Za-z0-9_', ['key']]);
    r = await call(`/api/v1/variables/${v.id}`, { method: 'PUT', body: { key: 'ENVIRONMENT', value: 'x' } });
    assert.deepEqual([r.status, r.json], [400, { message: 'A global variable with key "ENVIRONMENT" already exists' }]);
    r = await call('/api/v1/variables/nope', { method: 'PUT', body: { key: 'X', value: 'x' } });
    assert.deepEqual([r.status, r.json], [404, { message: 'Variable with id nope not found' }]);
    assert.equal((await byKey('1TZ')).id, v.id);
  });

  test('delete: 204 with an empty body, an unknown id too', async () => {
    const v = await byKey('RETRY_LIMIT');
    let r = await call(`/api/v1/variables/${v.id}`, { method: 'DELETE' });
    assert.deepEqual([r.status, r.text], [204, '']);
    assert.equal(await byKey('RETRY_LIMIT'), undefined);
    r = await call(`/api/v1/variables/${v.id}`, { method: 'DELETE' });
    assert.deepEqual([r.status, r.text], [204, '']);
    assert.equal((await all()).length, 13);
  });

  test('an armed fault stands in for real n8n without a licence, or a key without the scope', async () => {
    const licence = 'Your license does not allow for feat:variables. To enable feat:variables, please upgrade to a license that supports this feature.';
    await fetch(`${fake.url}/__fake/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/api/v1/variables', status: 403, body: JSON.stringify({ message: licence }) }),
    });
    const r = await call('/api/v1/variables');
    assert.deepEqual([r.status, r.json], [403, { message: licence }]);
    assert.equal((await call('/api/v1/variables')).status, 200, 'once only');
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
