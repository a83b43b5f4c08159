// Where the wasm's bytes go (`make size-profile`, not part of `make test`): the release build's wasm
// from cargo, through wasm-bindgen and `wasm-opt -Oz` as Trunk does but keeping the function names
// (-g), then twiggy: the 20 biggest items, and every item summed by the crate its name starts with
// (a generic instantiation counts for the crate that defines the generic, e.g. a page's view
// closures mostly under `tachys`). The names section itself is left out of every figure.
// Usage: node scripts/size-profile.mjs [wasm]   (default: target/wasm32-unknown-unknown/release/n8n-console.wasm)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const input = process.argv[2] ?? 'target/wasm32-unknown-unknown/release/n8n-console.wasm';
const work = mkdtempSync(join(tmpdir(), 'size-profile-'));
const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
try {
  run('wasm-bindgen', [input, '--out-dir', work, '--target', 'web', '--no-typescript']);
  const bound = join(work, 'n8n-console_bg.wasm');
  const named = join(work, 'named.wasm');
  const features = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'reference-types', 'mutable-globals', 'multivalue'];
  run('wasm-opt', ['-Oz', '-g', ...features.map((f) => `--enable-${f}`), bound, '-o', named]);
  const csv = run('twiggy', ['top', '-n', '1000000', '-f', 'csv', named]).trim().split('\n').slice(1);
  const items = csv.map((line) => {
    const match = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
    return { name: match[1].replace(/^"|"$/g, '').replace(/""/g, '"'), bytes: Number(match[2]) };
  }).filter((item) => !item.name.includes('"function names" subsection') && !item.name.includes('"data names" subsection'));
  const total = items.reduce((sum, item) => sum + item.bytes, 0);
  const pct = (n) => `${((100 * n) / total).toFixed(1)}%`.padStart(6);
  const clean = (name) => name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
  console.log(`${input}: ${statSync(input).size} bytes from cargo; ${total} bytes after wasm-opt -Oz, names left out\n`);
  console.log('The 20 biggest items:');
  for (const item of [...items].sort((a, b) => b.bytes - a.bytes).slice(0, 20)) {
    console.log(`${String(item.bytes).padStart(8)} ${pct(item.bytes)}  ${clean(item.name).slice(0, 140)}`);
  }
  const crates = new Map();
  for (const { name, bytes } of items) {
    const path = clean(name).replace(/^<+/, '');
    const crate = name.startsWith('data segment') ? '(data: strings, tables)'
      : name.startsWith('import ') || name.startsWith('export ') ? '(imports, exports)'
        : /^[a-z_][a-z0-9_]*::/.test(path) ? path.split('::')[0] : '(generic impls: <T as …>)';
    const entry = crates.get(crate) ?? { bytes: 0, count: 0 };
    entry.bytes += bytes;
    entry.count += 1;
    crates.set(crate, entry);
  }
  console.log('\nBy crate (items, bytes):');
  for (const [crate, { bytes, count }] of [...crates].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 20)) {
    console.log(`${String(bytes).padStart(8)} ${pct(bytes)} ${String(count).padStart(6)}  ${crate}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
