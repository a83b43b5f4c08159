// What every benchmark reports the same way: statistics of a sample, and one JSON file for the run
// (target/bench.json: each benchmark under its own name, merged with what the others wrote).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = join(fileURLToPath(new URL('../..', import.meta.url)), 'target', 'bench.json');

/** Median, 95th percentile, min and max of `values` (numbers), rounded to 0.1. */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (n) => Math.round(n * 10) / 10;
  return { n: sorted.length, median: round(pick(0.5)), p95: round(pick(0.95)), min: round(sorted[0]), max: round(sorted.at(-1)) };
}

/** Writes `result` under `name` in target/bench.json and prints it as one JSON line. */
export function record(name, result) {
  let all = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // first benchmark of the run, or an unreadable file: start again
  }
  all[name] = { ...result, at: new Date().toISOString() };
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  console.log(JSON.stringify({ [name]: result }));
}
