// Trunk post_build hook (Trunk.toml): makes the bundle deployable under a strict CSP and any prefix.
// 1. Trunk writes its loader as an inline <script type="module">. A CSP without 'unsafe-inline' would
//    need that script's hash in the web server's config, changing with every build; instead it moves
//    into loader-<hash>.js, loaded with an integrity hash. The build fails if an inline script stays.
// 2. index.html must say <base href="/"> verbatim: the nginx recipe rewrites that string to the prefix.
// 3. Every other text or wasm file gets a .gz beside it, for nginx's gzip_static (index.html does not:
//    nginx rewrites it on the way out, which it cannot do to a precompressed file).
// Runs in Trunk's staging folder ($TRUNK_STAGING_DIR). Usage outside Trunk: node scripts/finish-bundle.mjs <dir>
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('usage: node scripts/finish-bundle.mjs <bundle folder> (or run it as a Trunk hook)');
const BASE = '<base href="/">';
const COMPRESSED = /\.(js|wasm|css|svg|json)$/;

const fail = (message) => {
  console.error(`finish-bundle: ${message}`);
  process.exit(1);
};

const indexFile = join(dir, 'index.html');
let html = readFileSync(indexFile, 'utf8');
if (!html.includes(BASE)) fail(`index.html does not contain ${BASE}, which the web server rewrites to the prefix`);

// Trunk's loader imports the wasm-bindgen module and starts the app; `trunk serve` adds its own
// auto-reload script, which stays inline (development has no CSP).
const inline = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
html = html.replace(inline, (whole, attrs, body) => {
  if (/\bsrc\s*=/i.test(attrs) || !/TrunkApplicationStarted|__wbg_init|\binit\(/.test(body)) return whole;
  const digest = (algorithm, encoding) => createHash(algorithm).update(body, 'utf8').digest(encoding);
  const name = `loader-${digest('sha256', 'hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, name), body);
  return `<script type="module" src="./${name}" integrity="sha384-${digest('sha384', 'base64')}"></script>`;
});
const left = [...html.matchAll(inline)].filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs));
if (process.env.TRUNK_PROFILE === 'release' && left.length) fail(`index.html still has ${left.length} inline script(s)`);
if (/<[^>]*\sstyle\s*=/i.test(html.replace(inline, ''))) fail('index.html has an inline style attribute, which the CSP forbids');
writeFileSync(indexFile, html);

for (const file of readdirSync(dir, { recursive: true })) {
  if (!COMPRESSED.test(file)) continue;
  const path = join(dir, file);
  writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
}
