// A same-origin gateway like the production nginx: static files from `root` with an SPA fallback,
// and /api/, /rest/, /webhook/ reverse-proxied to n8n (n8n does not let another origin send the key).
// With `faults`, it is also a fault-injecting proxy for the reliability tests: faults armed per
// request pattern (see FAULT_KINDS) through /__gateway/faults, and a log of every proxied request
// at /__gateway/requests, to count what the console sent (a write must never go twice).
// With `instances` ({ '/n8n/staging/': 'http://127.0.0.1:5679' }), each path prefix goes to another
// n8n with the prefix taken off, as deploy/nginx/n8n-instance.conf.template does: several instances
// behind one origin.
// CLI: node tests/support/gateway.mjs --root dist --target http://127.0.0.1:5678 [--port 8080] [--csp]
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const PROXIED = ['/api/', '/rest/', '/webhook/'];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The CSP for an HTML document: strict, with each inline <script> allowed by its sha256 hash. */
export function contentSecurityPolicy(html) {
  const hashes = [];
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(attrs)) continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...hashes].join(' '),
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    'frame-ancestors *',
  ].join('; ');
}

/**
 * What an armed fault does to a matching request. `forward: true` lets the request reach n8n first
 * (a write happens) and spoils only the answer.
 * - status: answers `status` with `headers` and `body` (a JSON value or a string), n8n not asked
 * - hang: never answers (until the browser gives up)
 * - drop: closes the connection without an answer (with `forward`: once n8n's answer has begun)
 * - truncate: n8n's answer cut off halfway through its body
 * - html: a 200 HTML page (a proxy's login or error page)
 * - huge: n8n's JSON answer padded to 5 MB (still valid JSON)
 * - slow: n8n's answer, `delayMs` late (so a newer request's answer comes first)
 */
export const FAULT_KINDS = ['status', 'hang', 'drop', 'truncate', 'html', 'huge', 'slow'];

/** Reads a request's JSON body. */
async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

/** Buffers n8n's answer to a request: { status, headers (raw pairs), body }. */
function forward(req, upstream, body) {
  return new Promise((ok, fail) => {
    // Uncompressed, so the answer can be read and spoiled here.
    const headers = { ...req.headers, host: upstream.host, 'accept-encoding': 'identity' };
    const out = http.request(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        const chunks = [];
        answer.on('data', (c) => chunks.push(c));
        answer.on('end', () => ok({ status: answer.statusCode, headers: answer.headers, body: Buffer.concat(chunks) }));
        answer.on('error', fail);
      },
    );
    out.on('error', fail);
    out.end(body);
  });
}

/** The armed faults and the request log of one gateway. */
function faultBox() {
  const faults = [];
  const requests = [];
  return {
    faults,
    requests,
    /** The fault for this request, if one is armed; counts down `times` (default: every request). */
    take(req) {
      const path = req.url.split('?')[0];
      const fault = faults.find((f) => new RegExp(f.path).test(path) && (!f.method || f.method === req.method));
      if (!fault) return null;
      fault.hits = (fault.hits ?? 0) + 1;
      if (fault.times !== undefined && --fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      return fault;
    },
    async control(req, res) {
      const path = req.url.split('?')[0];
      const reply = (status, value) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (path === '/__gateway/faults' && req.method === 'POST') {
        const fault = await readJson(req);
        if (typeof fault.path !== 'string' || !FAULT_KINDS.includes(fault.kind)) return reply(400, { message: `a fault needs a path and a kind (${FAULT_KINDS})` });
        faults.push(fault);
        return reply(201, { faults });
      }
      if (path === '/__gateway/faults' && req.method === 'DELETE') {
        faults.length = 0;
        return reply(200, { faults });
      }
      if (path === '/__gateway/requests' && req.method === 'GET') return reply(200, { requests });
      if (path === '/__gateway/requests' && req.method === 'DELETE') {
        requests.length = 0;
        return reply(200, { requests });
      }
      return reply(404, { message: 'no such control route' });
    },
  };
}

/** Answers `req` as `fault` says, asking n8n first where the fault needs its answer. */
async function injectFault(fault, req, res, upstream, record) {
  let body = Buffer.alloc(0);
  for await (const chunk of req) body = Buffer.concat([body, chunk]);
  const needsAnswer = ['truncate', 'huge', 'slow'].includes(fault.kind) || fault.forward;
  const answer = needsAnswer ? await forward(req, upstream, body).catch(() => null) : null;
  record.status = fault.kind === 'status' ? fault.status : answer?.status ?? null;
  record.fault = fault.kind;
  switch (fault.kind) {
    case 'status': {
      const text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? { message: `injected ${fault.status}` });
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json; charset=utf-8', ...fault.headers });
      return res.end(text);
    }
    case 'hang':
      return; // the browser's own time limit ends it; `close` below tidies up
    case 'drop':
      // After n8n answered, the connection breaks once the answer has begun: a connection closed
      // before any byte on a reused socket makes Chromium send the request again by itself
      // (measured: a second POST 65 ms later), which no page can prevent.
      if (answer) {
        res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': answer.body.length + 1000 });
        res.flushHeaders();
        return setTimeout(() => res.socket?.destroy(), 50);
      }
      return res.socket?.destroy();
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><html><head><title>Sign in</title></head><body><form>Sign in to the proxy</form></body></html>');
    case 'truncate': {
      if (!answer) return res.socket?.destroy();
      const cut = answer.body.subarray(0, Math.max(1, Math.floor(answer.body.length / 2)));
      res.writeHead(answer.status, { 'content-type': answer.headers['content-type'] ?? 'application/json', 'content-length': answer.body.length });
      res.write(cut);
      return setTimeout(() => res.socket?.destroy(), 50);
    }
    case 'huge': {
      if (!answer) return res.socket?.destroy();
      let padded = answer.body.toString('utf8');
      const size = 5 * 1024 * 1024;
      try {
        const value = JSON.parse(padded);
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          value.consolePadding = 'x'.repeat(Math.max(0, size - padded.length));
          padded = JSON.stringify(value);
        } else {
          padded = padded + ' '.repeat(Math.max(0, size - padded.length));
        }
      } catch {
        padded = padded + ' '.repeat(Math.max(0, size - padded.length));
      }
      res.writeHead(answer.status, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
      return res.end(padded);
    }
    case 'slow': {
      await new Promise((ok) => setTimeout(ok, fault.delayMs ?? 3000));
      if (!answer) return res.socket?.destroy();
      res.writeHead(answer.status, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
      return res.end(answer.body);
    }
    default:
      return res.socket?.destroy();
  }
}

/**
 * @param {{ root: string, target: string, port?: number, csp?: boolean, faults?: boolean, instances?: Record<string, string> }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startGateway({ root, target, port = 0, csp = false, faults = false, instances = {} }) {
  const base = resolve(root);
  const upstream = new URL(target);
  const box = faults ? faultBox() : null;

  function proxy(req, res, to = upstream, path = req.url) {
    const headers = { ...req.headers, host: to.host };
    const out = http.request(
      { hostname: to.hostname, port: to.port, method: req.method, path, headers },
      (answer) => {
        // rawHeaders keeps repeated headers (several Set-Cookie) exactly as n8n sent them.
        res.writeHead(answer.statusCode, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    out.on('error', (error) => {
      if (res.headersSent) return res.destroy();
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`gateway: ${target} did not answer (${error.code ?? error.message})`);
    });
    res.on('close', () => { if (!res.writableFinished) out.destroy(); }); // the browser gave up
    req.pipe(out);
  }

  async function sendFile(req, res, file, extraHeaders = {}) {
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers = { 'content-type': type, ...extraHeaders };
    if (type.startsWith('text/html')) {
      const html = await readFile(file, 'utf8');
      if (csp) headers['content-security-policy'] = contentSecurityPolicy(html);
      res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(html) });
      return res.end(req.method === 'HEAD' ? undefined : html);
    }
    const { size } = await stat(file);
    res.writeHead(200, { ...headers, 'content-length': size, 'cache-control': 'no-cache' });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  }

  async function serveStatic(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return res.end();
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://gateway').pathname);
    } catch {
      res.writeHead(400);
      return res.end();
    }
    const file = join(base, pathname);
    if (file.startsWith(base + sep) && !pathname.endsWith('/')) {
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) return sendFile(req, res, file);
    }
    // SPA fallback: the console's router decides what /workflows?page=2 (or any other path) shows.
    return sendFile(req, res, join(base, 'index.html'), { 'cache-control': 'no-store' });
  }

  const server = http.createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (box && path.startsWith('/__gateway/')) return box.control(req, res).catch(() => res.destroy());
    const prefix = Object.keys(instances).find((p) => path.startsWith(p));
    if (prefix) return proxy(req, res, new URL(instances[prefix]), `/${req.url.slice(prefix.length)}`);
    if (PROXIED.some((prefix) => path.startsWith(prefix))) {
      if (!box) return proxy(req, res);
      const record = { method: req.method, path, at: Date.now() };
      box.requests.push(record);
      const fault = box.take(req);
      if (!fault) {
        // Answered, or given up by the browser (an aborted load): either way no longer out.
        res.on('close', () => { record.status ??= res.writableFinished ? res.statusCode : 0; });
        res.on('finish', () => { record.status = res.statusCode; });
        return proxy(req, res);
      }
      return injectFault(fault, req, res, upstream, record).catch(() => res.destroy());
    }
    serveStatic(req, res).catch((error) => {
      if (res.headersSent) return res.destroy();
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`gateway: ${error.code === 'ENOENT' ? `no index.html in ${base}` : error.message}`);
    });
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;

  async function stop() {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  }
  return { url, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: 'dist' },
      target: { type: 'string', default: 'http://127.0.0.1:5678' },
      port: { type: 'string', default: '8080' },
      csp: { type: 'boolean', default: false },
    },
  });
  const gateway = await startGateway({ ...values, port: Number(values.port) });
  console.log(`gateway on ${gateway.url}: ${values.root} + ${PROXIED.join(' ')} -> ${values.target}`);
  const quit = () => gateway.stop().then(() => process.exit(0));
  process.once('SIGINT', quit).once('SIGTERM', quit);
}
