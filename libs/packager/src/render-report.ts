import { COMPLEXITIES, type Complexity } from '@forge/catalog';
import { escapeHtml } from './escape-html.ts';
import type { Manifest } from './manifest.ts';
import type { RunStats } from './run-stats.ts';
import { columnChart, latencyBins, stackedBarChart, type BarRow } from './svg-charts.ts';

/** One sample shown in full in the report. */
export interface ReportExample {
  complexity: Complexity;
  prompt_id: string;
  user_prompt: string;
  accepted: boolean;
  steps: Array<{ step: number; tool: string; params: Record<string, unknown> }>;
  answer_text: string;
}

export interface ReportData {
  manifest: Manifest;
  stats: RunStats;
  examples: ReportExample[];
}

const GREEN = '#54a24b';
const ORANGE = '#f58518';
const RED = '#e45756';
const GREY = '#9d9d9d';

const CSS = `
body{font-family:system-ui,sans-serif;margin:24px auto;max-width:980px;color:#222;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#555;font-size:13px}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:110px}.card b{display:block;font-size:22px}
table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f5}details{border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:10px 0}
summary{cursor:pointer;font-weight:600}pre{white-space:pre-wrap;word-break:break-word;background:#f7f7f7;padding:8px;border-radius:4px;font-size:12px}
.row{display:flex;flex-wrap:wrap;gap:12px}.row h3{font-size:14px;margin:8px 0 0}.ok{color:${GREEN}}.bad{color:${RED}}`;

/** The self-contained report page: inline CSS and server-drawn SVG, no script, every text escaped. */
export function renderReport(data: ReportData): string {
  const { manifest, stats } = data;
  const total = manifest.counts.total;
  const sections = [
    `<h1>curriculum-forge package report</h1>`,
    `<p class="meta">created ${escapeHtml(manifest.created_at)} · snapshot ${escapeHtml(manifest.snapshot.snapshot_ids.join(', ') || 'n/a')} (as of ${escapeHtml(manifest.snapshot.as_of.join(', ') || 'n/a')}) · planner ${escapeHtml(manifest.generator.planners.join(', ') || 'n/a')} · model ${escapeHtml(manifest.generator.models.join(', ') || 'n/a')}</p>`,
    `<div class="cards">${card('records', total.records)}${card('accepted', total.accepted, 'ok')}${card('rejected', total.rejected, total.rejected ? 'bad' : '')}${card('failed', total.failed, total.failed ? 'bad' : '')}${card('tokens', manifest.token_usage.total_tokens)}${card('est. cost (USD)', manifest.token_usage.estimated_cost_usd === null ? 'n/a' : manifest.token_usage.estimated_cost_usd.toFixed(4))}</div>`,
    `<h2>Samples per complexity</h2>`,
    stackedBarChart(COMPLEXITIES.map((level) => {
      const counts = manifest.counts.by_complexity[level];
      return { label: level, segments: [seg('accepted', counts.accepted, GREEN), seg('rejected', counts.rejected, ORANGE), seg('failed', counts.failed, RED)] };
    }), { labelWidth: 100 }),
    `<h2>Step acceptance per tool</h2>`,
    stackedBarChart(toolRows(stats), { labelWidth: 260 }),
    `<h2>Rejection and failure reasons</h2>`,
    reasonsSection(manifest),
    `<h2>Oracle replay</h2>`,
    replaySection(manifest),
    `<h2>Tool latency</h2>`,
    columnChart(latencyBins(Object.values(stats.tools).flatMap((tool) => tool.latencies_ms.entries())), { axisLabel: 'latency per tool call (ms)' }),
    latencyTable(manifest),
    `<h2>Plan length per complexity</h2>`,
    planLengthSection(stats),
    `<h2>Examples</h2>`,
    data.examples.length ? data.examples.map(renderExample).join('') : '<p>No samples.</p>',
  ];
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>curriculum-forge report</title><style>${CSS}</style></head><body>${sections.join('\n')}</body></html>\n`;
}

function seg(name: string, value: number, color: string) {
  return { name, value, color };
}

function card(label: string, value: number | string, tone = ''): string {
  return `<div class="card"><b class="${tone}">${escapeHtml(value)}</b>${escapeHtml(label)}</div>`;
}

function toolRows(stats: RunStats): BarRow[] {
  return Object.entries(stats.tools)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tool, counts]) => ({
      label: tool,
      segments: [seg('accepted', counts.accepted, GREEN), seg('not accepted', counts.calls - counts.accepted - counts.errors, ORANGE), seg('tool error', counts.errors, RED)],
    }));
}

function reasonsSection(manifest: Manifest): string {
  const rows: BarRow[] = [
    ...Object.entries(manifest.rejection_reasons).map(([reason, count]) => ({ label: `rejected: ${reason}`, segments: [seg('rejected samples', count, ORANGE)] })),
    ...Object.entries(manifest.failure_reasons).map(([stage, count]) => ({ label: `failed at ${stage}`, segments: [seg('failed prompts', count, RED)] })),
  ];
  if (rows.length === 0) return '<p class="ok">Nothing rejected, nothing failed.</p>';
  const listed = [
    ...manifest.rejected.slice(0, 50).map((entry) => `<tr><td>${escapeHtml(entry.prompt_id)}</td><td>${escapeHtml(entry.complexity)}</td><td>rejected</td><td>${escapeHtml(entry.reasons.join('; '))}</td></tr>`),
    ...manifest.failed.slice(0, 50).map((entry) => `<tr><td>${escapeHtml(entry.prompt_id)}</td><td>${escapeHtml(entry.complexity)}</td><td>failed (${escapeHtml(entry.stage)})</td><td>${escapeHtml(entry.reason)}</td></tr>`),
  ].join('');
  return `${stackedBarChart(rows, { labelWidth: 240 })}<details><summary>Rejected and failed prompts (first 50 of each)</summary><table><tr><th>prompt</th><th>complexity</th><th>outcome</th><th>why</th></tr>${listed}</table></details>`;
}

function latencyTable(manifest: Manifest): string {
  const rows = Object.entries(manifest.tools)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tool, entry]) => `<tr><td>${escapeHtml(tool)}</td><td>${entry.calls}</td><td>${entry.errors}</td><td>${entry.latency_ms.p50}</td><td>${entry.latency_ms.p90}</td><td>${entry.latency_ms.max}</td></tr>`)
    .join('');
  return `<table><tr><th>tool</th><th>calls</th><th>errors</th><th>p50 ms</th><th>p90 ms</th><th>max ms</th></tr>${rows}</table>`;
}

function planLengthSection(stats: RunStats): string {
  // A loop, not Math.max(...lengths): spreading one argument per row throws RangeError above ~120k rows.
  const longest = COMPLEXITIES.reduce((most, level) => Math.max(most, stats.complexities[level].plan_lengths.max() ?? 0), 1);
  const colors: Record<Complexity, string> = { simple: '#72b7b2', moderate: '#4c78a8', complex: '#b279a2' };
  const charts = COMPLEXITIES.map((level) => {
    const lengths = stats.complexities[level].plan_lengths;
    const counts = new Array(longest).fill(0);
    for (const [length, count] of lengths.entries()) counts[length - 1] += count;
    const bins = counts.map((value, index) => ({ label: `${index + 1}`, value }));
    const mean = lengths.size ? (lengths.sortedSum() / lengths.size).toFixed(1) : '–';
    return `<div><h3>${escapeHtml(level)}: ${lengths.size} plan${lengths.size === 1 ? '' : 's'}, mean ${mean} steps</h3>${columnChart(bins, { width: 300, height: 150, color: colors[level], axisLabel: 'steps per plan' })}</div>`;
  });
  return `<div class="row">${charts.join('')}</div>`;
}

function renderExample(example: ReportExample): string {
  const steps = example.steps
    .map((step) => `<tr><td>${step.step}</td><td>${escapeHtml(step.tool)}</td><td><pre>${escapeHtml(JSON.stringify(step.params, null, 1))}</pre></td></tr>`)
    .join('');
  return `<details><summary>${escapeHtml(example.complexity)} · ${escapeHtml(example.prompt_id)} <span class="${example.accepted ? 'ok' : 'bad'}">${example.accepted ? 'accepted' : 'rejected'}</span></summary>`
    + `<p><b>Prompt</b></p><pre>${escapeHtml(example.user_prompt)}</pre><p><b>Plan</b></p><table><tr><th>step</th><th>tool</th><th>params</th></tr>${steps}</table>`
    + `<p><b>Reference answer</b></p><pre>${escapeHtml(example.answer_text)}</pre></details>`;
}

function replaySection(manifest: Manifest): string {
  const replay = manifest.replay;
  if (replay.replayed === 0) return '<p>Nothing replayed.</p>';
  const figure = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));
  const bins = Object.entries(replay.heuristic_histogram).map(([label, value]) => ({ label, value }));
  return `<p class="meta">Each row's own plan re-run over its recorded tool results and its reference answer scored with the environment's final-answer heuristic: ${replay.full} of ${replay.replayed} earn every step and full coverage and grounding; mean coverage ${figure(replay.mean_coverage)}, grounding ${figure(replay.mean_grounding)}, step reward ${figure(replay.mean_step_reward)}.</p>${columnChart(bins, { axisLabel: 'final-answer heuristic of the oracle replay' })}`;
}
