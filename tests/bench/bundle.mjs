// Benchmark entry (not a test): the first load's bytes, as `make test-size` counts them
// (scripts/bundle-size.mjs), in target/bench.json (`bundle`) beside the timings.
// Usage: node tests/bench/bundle.mjs [dist]   (make bench runs it)
import { measure } from '../../scripts/bundle-size.mjs';
import { record } from './report.mjs';

const result = measure(process.argv[2] ?? 'dist');
record('bundle', {
  firstLoadGzipBytes: result.gzip,
  firstLoadRawBytes: result.raw,
  files: result.files,
  budgetBytes: result.target,
  met: result.gzip <= result.target,
});
