import { formatNumber as f, type TableRow } from './render-table.ts';
import type { StageBreakdown } from './throughput-run.ts';

/** Table rows for one concurrency-1 stage breakdown: ms per sample by stage, then per server. */
export function stageRows(scenario: string, stages: StageBreakdown): TableRow[] {
  const row = (metric: string, value: string): TableRow => ({ scenario, metric, value });
  return [
    row(`ms/sample at concurrency 1 (wall, ${stages.samples} samples)`, f(stages.wall_ms)),
    row('  plan (rule logic + planning lookups)', f(stages.plan_ms)),
    row('  checkPlan', f(stages.check_ms)),
    row('  run (interpreter + tool calls)', f(stages.run_ms)),
    row('  compose', f(stages.compose_ms)),
    row('  grounding', f(stages.grounding_ms)),
    row('  other (ledger append, cache, task log, engine)', f(stages.other_ms)),
    ...Object.entries(stages.servers).map(([server, entry]) =>
      row(`  ${server}: lookups ms (calls) | trace ms (calls)`, `${f(entry.lookup_ms)} (${f(entry.lookups, 1)}) | ${f(entry.trace_ms)} (${f(entry.trace_calls, 1)})`),
    ),
  ];
}
