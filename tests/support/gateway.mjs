// A same-origin gateway like the production nginx: static files from `root` with an SPA fallback,
// and /api/, /rest/, /webhook/ reverse-proxied to n8n (n8n does not let another origin send the key).
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
 * @param {{ root: string, target: string, port?: number, csp?: boolean }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startGateway({ root, target, port = 0, csp = false }) {
  const base = resolve(root);
  const upstream = new URL(target);

  function proxy(req, res) {
    const headers = { ...req.headers, host: upstream.host };
    const out = http.request(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
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
    if (PROXIED.some((prefix) => path.startsWith(prefix))) return proxy(req, res);
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
