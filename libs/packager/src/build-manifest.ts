import { COMPLEXITIES } from '@forge/catalog';
import { hashFile } from './hash-file.ts';
import { summariseLatencies } from './latency-summary.ts';
import type { Manifest } from './manifest.ts';
import type { PreparedRun } from './prepare-run.ts';
import type { RunStats } from './run-stats.ts';
import type { ValidationReport } from './validation-report.ts';
import type { ValueHistogram } from './value-histogram.ts';

/** Distinct provenance values seen across the packaged records. */
export interface ProvenanceSets {
  catalog: Set<string>;
  snapshots: Set<string>;
  asOf: Set<string>;
  planners: Set<string>;
  composers: Set<string>;
  models: Set<string>;
  backends: Set<string>;
}

export interface ManifestInput {
  createdAt: string;
  run: PreparedRun;
  stats: RunStats;
  validation: ValidationReport;
  provenance: ProvenanceSets;
  outputs: Manifest['outputs'];
  promptsFile: string | null;
  versions: Record<string, string>;
  pricePerMillion: { input: number; output: number } | null;
  packageMs: number;
}

const sorted = (values: Set<string>) => [...values].sort();

/** Assembles manifest.json from what the package pass counted; hashes the input files it names. */
export async function buildManifest(input: ManifestInput): Promise<Manifest> {
  const { stats, validation, run, provenance } = input;
  const shards: Manifest['inputs']['shards'] = {};
  for (const [name, files] of Object.entries(run.index.files)) {
    shards[name] = {
      samples: { path: files.samples, ...(await hashFile(files.samples)) },
      failures: { path: files.failures, ...(await hashFile(files.failures)) },
    };
  }
  const byComplexity: Manifest['counts']['by_complexity'] = {};
  const total = { records: 0, accepted: 0, rejected: 0, failed: 0 };
  for (const level of COMPLEXITIES) {
    const { records, accepted, rejected, failed } = stats.complexities[level];
    byComplexity[level] = { records, accepted, rejected, failed };
    total.records += records;
    total.accepted += accepted;
    total.rejected += rejected;
    total.failed += failed;
  }
  const price = input.pricePerMillion;
  const usage = stats.usage;
  return {
    manifest_version: 1,
    created_at: input.createdAt,
    inputs: {
      catalog_sha256: sorted(provenance.catalog),
      prompts_file: { path: input.promptsFile ?? '', sha256: input.promptsFile ? (await hashFile(input.promptsFile)).sha256 : null },
      shards,
      problems: run.index.problems,
    },
    snapshot: { snapshot_ids: sorted(provenance.snapshots), as_of: sorted(provenance.asOf) },
    generator: { planners: sorted(provenance.planners), composers: sorted(provenance.composers), models: sorted(provenance.models), backends: sorted(provenance.backends) },
    counts: { total, by_complexity: byComplexity },
    rejection_reasons: stats.rejection_reasons,
    failure_reasons: stats.failure_reasons,
    rejected: validation.verdicts
      .filter((verdict) => !verdict.ok)
      .map((verdict) => ({ sample_id: verdict.sample_id, prompt_id: verdict.prompt_id, complexity: verdict.complexity, reasons: verdict.problems.map((problem) => `${problem.code}: ${problem.message}`) })),
    failed: validation.failures,
    tools: Object.fromEntries(
      Object.entries(stats.tools)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([tool, counts]) => [tool, { calls: counts.calls, errors: counts.errors, accepted: counts.accepted, latency_ms: summariseLatencies(counts.latencies_ms) }]),
    ),
    token_usage: {
      ...usage,
      estimated_cost_usd: price ? Math.round(((usage.prompt_tokens * price.input + usage.completion_tokens * price.output) / 1e6) * 1e6) / 1e6 : null,
      price_per_million_usd: price,
    },
    prompt_tokens: { encoding: run.promptTokenEncoding, max_prompt_tokens: run.maxPromptTokens, ...summarisePromptTokens(stats.accepted_prompt_tokens) },
    replay: summariseReplay(stats.replay),
    durations_ms: { ...stats.durations_ms, package: input.packageMs },
    outputs: input.outputs,
    versions: input.versions,
  };
}

/** rows/min/median/p95/max (nearest-rank) of prompt token counts; null figures for none. */
export function summarisePromptTokens(values: ValueHistogram): Omit<Manifest['prompt_tokens'], 'encoding' | 'max_prompt_tokens'> {
  if (values.size === 0) return { rows: 0, min: null, median: null, p95: null, max: null };
  const sorted = values.entries();
  const rank = (q: number) => values.quantile(q, sorted) as number;
  return { rows: values.size, min: sorted[0]![0], median: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1]![0] };
}

/** Means and a tenths histogram of the oracle replay; the histogram keeps every bin so runs compare at a glance. */
export function summariseReplay(tally: RunStats['replay']): Manifest['replay'] {
  const mean = (sum: number) => (tally.replayed === 0 ? null : Math.round((sum / tally.replayed) * 1e4) / 1e4);
  const histogram: Record<string, number> = {};
  for (let tenth = 0; tenth < 10; tenth += 1) histogram[`${(tenth / 10).toFixed(1)}-${((tenth + 1) / 10).toFixed(1)}`] = 0;
  histogram['1.0'] = 0;
  for (const [value, count] of tally.heuristics.entries()) {
    const label = value >= 1 ? '1.0' : `${(Math.floor(value * 10) / 10).toFixed(1)}-${((Math.floor(value * 10) + 1) / 10).toFixed(1)}`;
    histogram[label] = (histogram[label] ?? 0) + count;
  }
  return { replayed: tally.replayed, full: tally.full, mean_coverage: mean(tally.coverage_sum), mean_grounding: mean(tally.grounding_sum), mean_step_reward: mean(tally.step_reward_sum), heuristic_histogram: histogram };
}
