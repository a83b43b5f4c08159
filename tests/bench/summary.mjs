// The table `make bench` ends with: every figure issue 11 asks for, from target/bench.json, with its
// budget and whether it is met. A benchmark that did not run shows as "not run".
// Usage: node tests/bench/summary.mjs   (after the benchmarks; make bench runs it last)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = join(fileURLToPath(new URL('../..', import.meta.url)), 'target', 'bench.json');
let all = {};
try {
  all = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  // nothing ran: every row says so
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const ms = (s) => `${s.median} ms (${s.min}-${s.max})`;
const verdict = (met) => (met === undefined ? '' : met ? 'met' : 'NOT met');

/** [figure, value, budget, status] for each figure; `null` where its benchmark did not run. */
function rows() {
  const { bundle, sideBySide: side, executionsPaging: paging, executionDetail: detail, workflowsScale: scale, promote } = all;
  const out = [];
  const add = (source, make) => {
    if (!source) {
      out.push([make.figure, 'not run', make.budget ?? '', '']);
      return;
    }
    const [value, met] = make.value(source);
    out.push([make.figure, value, make.budget ?? '', verdict(met)]);
  };
  add(bundle, { figure: 'first load, gzip -9', budget: '200 KB', value: (b) => [kb(b.firstLoadGzipBytes), b.met] });
  add(side, { figure: 'first workflow row, 1,000 workflows: console', value: (s) => [ms(s.console.firstRowMs)] });
  add(side, { figure: 'first workflow row: n8n editor', value: (s) => [ms(s.editor.firstRowMs)] });
  add(side, { figure: 'editor / console', budget: '>= 10x', value: (s) => [`${s.editorOverConsole}x`, s.ratioMet] });
  add(side, { figure: 'cold load bytes; requests: console', value: (s) => [`${kb(s.console.bytesOnWire.median)}; ${s.console.requests.median}`] });
  add(side, { figure: 'cold load bytes; requests: n8n editor', value: (s) => [`${mb(s.editor.bytesOnWire.median)}; ${s.editor.requests.median}`] });
  add(paging, { figure: 'Executions Next page, 250 rows (median, p95)', value: (p) => [`${p.nextPageMs.median} ms, p95 ${p.nextPageMs.p95} ms`] });
  add(paging, { figure: 'bare API call for that page (median, p95)', value: (p) => [`${p.bareApiMs.median} ms, p95 ${p.bareApiMs.p95} ms`] });
  add(paging, { figure: 'Next page / bare API call', budget: '<= 1.3x', value: (p) => [`${p.ratio}x`, p.ratioMet] });
  add(paging, { figure: `memory after paging every execution`, budget: '< 40 MB', value: (p) => [`${p.memoryAfterPagingAll.totalMB} MB (${p.executions} executions)`, p.memoryAfterPagingAll.met] });
  add(paging, {
    figure: 'memory along the way (every 8 pages)', budget: 'flat',
    value: (p) => [(p.memoryAlongPaging?.samples ?? []).map((s) => s.totalMB).join(', ') + ' MB', p.memoryAlongPaging?.flat],
  });
  add(detail, { figure: 'execution detail, payload over 1 MB: to node table; Raw JSON', value: (d) => [`${mb(d.bytes)}: ${d.toNodeTableMs} ms; ${d.toRawJsonMs} ms`] });
  add(scale, { figure: 'Workflows search, 1,000 workflows: after the debounce', budget: '< 100 ms', value: (s) => [ms(s.search.afterDebounceMs), s.search.met] });
  add(scale, { figure: 'the bare API call for that search', value: (s) => [s.search.bareApiMs ? ms(s.search.bareApiMs) : 'not measured'] });
  add(scale, { figure: 'requests per settled query', budget: '1', value: (s) => [s.search.requestsPerQuery.join(', '), s.search.oneRequestEach] });
  add(scale, {
    figure: 'Executions page: workflow data downloaded', budget: 'not every workflow',
    value: (s) => [`${kb(s.namesOnly.executionsPage.wireBytes)} in ${s.namesOnly.executionsPage.singles} reads (every workflow: ${mb(s.namesOnly.everyWorkflow.wireBytes)})`, s.namesOnly.executionsPage.met],
  });
  add(scale, {
    figure: 'Tags page: workflow data downloaded', budget: 'not every workflow',
    value: (s) => [`${kb(s.namesOnly.tagsPage.wireBytes)} in ${s.namesOnly.tagsPage.filtered} reads by tag, ${s.namesOnly.tagsPage.lists} of the whole list`, s.namesOnly.tagsPage.met],
  });
  add(scale, { figure: 'Export all of 1,000 workflows', value: (s) => [`${ms(s.exportAll.ms)}, file ${mb(s.exportAll.fileBytes)}`] });
  add(promote, { figure: 'Promote 30 workflows: Compare, to the table', value: (p) => [ms(p.compareMs)] });
  add(promote, { figure: 'Promote 30 workflows: the plan on screen (reading To and planning)', value: (p) => [`${ms(p.planOnScreenMs)} (${ms(p.readToAndPlanMs)}): ${p.plan}`] });
  add(promote, { figure: 'Promote 30 workflows: Apply, to the result', value: (p) => [ms(p.applyMs)] });
  return out;
}

const table = [['figure', 'value', 'budget', 'status'], ...rows()];
const widths = table[0].map((_, c) => Math.max(...table.map((r) => String(r[c]).length)));
const line = (r) => `| ${r.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ')} |`;
console.log(line(table[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of table.slice(1)) console.log(line(r));
