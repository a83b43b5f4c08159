// The first load's size (issue 11), as a deterministic check in `make test`: every file a browser
// fetches to show the console (index.html and what it references: icon, CSS, loader, the
// wasm-bindgen module and the wasm it preloads; then what the scripts import), each compressed with
// gzip -9, summed. Fails above LIMIT_BYTES.
//
// TARGET_BYTES is the budget the console must reach (200 KB); LIMIT_BYTES is where the build fails
// today: the measured size plus a small margin, lowered as optimisations land, so that nothing
// grows the bundle unnoticed on the way down. docs/performance.md keeps the figures.
// Usage: node scripts/bundle-size.mjs [dist] [--json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const TARGET_BYTES = 200_000;
export const LIMIT_BYTES = 710_000;

/** The files of the first load: index.html, its href/src assets, and the modules the scripts import. */
export function firstLoadFiles(dist) {
  const files = ['index.html'];
  const queue = ['index.html'];
  while (queue.length) {
    const file = queue.shift();
    const text = readFileSync(join(dist, file), 'utf8');
    const refs = file.endsWith('.html')
      ? [...text.matchAll(/\b(?:href|src)="\.\/([^"?#]+)"/g)].map((m) => m[1])
      : [...text.matchAll(/\bfrom\s*['"]\.\/([^'"]+)['"]/g)].map((m) => m[1]);
    for (const ref of refs) {
      if (files.includes(ref)) continue;
      files.push(ref);
      if (/\.(js|html)$/.test(ref)) queue.push(ref);
    }
  }
  return files;
}

/** Each file's raw and gzip -9 size, and the totals. */
export function measure(dist) {
  const rows = firstLoadFiles(dist).map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const total = (key) => rows.reduce((sum, row) => sum + row[key], 0);
  return { files: rows, raw: total('raw'), gzip: total('gzip'), limit: LIMIT_BYTES, target: TARGET_BYTES };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
  const result = measure(dist);
  if (args.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
    for (const { file, raw, gzip } of result.files) console.log(`${kb(gzip).padStart(10)} gzip  ${kb(raw).padStart(10)} raw  ${file}`);
    console.log(`${kb(result.gzip).padStart(10)} gzip  ${kb(result.raw).padStart(10)} raw  first load`);
    console.log(`limit ${kb(LIMIT_BYTES)} (fails above); budget ${kb(TARGET_BYTES)}: ${result.gzip <= TARGET_BYTES ? 'met' : `not met, ${kb(result.gzip - TARGET_BYTES)} over`}`);
  }
  if (result.files.length < 4 || !result.files.some((f) => f.file.endsWith('.wasm'))) {
    console.error('bundle-size: the first load has no wasm module; is dist/ a release build?');
    process.exit(1);
  }
  if (result.gzip > LIMIT_BYTES) {
    console.error(`bundle-size: the first load is ${result.gzip} bytes gzip -9, above the limit of ${LIMIT_BYTES}`);
    process.exit(1);
  }
}
