import type { Complexity } from '@forge/catalog';
import type { Trace } from '@forge/plan';
import { ValueHistogram } from './value-histogram.ts';

export interface ToolStats {
  calls: number;
  errors: number;
  accepted: number;
  latencies_ms: ValueHistogram;
}

export interface ComplexityStats {
  records: number;
  accepted: number;
  rejected: number;
  failed: number;
  plan_lengths: ValueHistogram;
}

export interface UsageTotals {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  calls: number;
}

export interface ReplayTally {
  replayed: number;
  /** Rows whose replay accepted every step with full coverage and grounding. */
  full: number;
  coverage_sum: number;
  grounding_sum: number;
  step_reward_sum: number;
  /** The final-answer heuristic of each replayed row. */
  heuristics: ValueHistogram;
}

/** Everything the manifest and report count, gathered while records stream past. */
export interface RunStats {
  complexities: Record<Complexity, ComplexityStats>;
  tools: Record<string, ToolStats>;
  rejection_reasons: Record<string, number>;
  failure_reasons: Record<string, number>;
  usage: UsageTotals;
  /** Prompt tokens (chat template included) of each accepted row, in the run's encoding. */
  accepted_prompt_tokens: ValueHistogram;
  /** Oracle replay of every schema-valid row (libs/replay): one entry per replayed row. */
  replay: ReplayTally;
  durations_ms: { plan: number; run: number; compose: number; total: number };
}

/** Fresh, empty counters. */
export function createRunStats(): RunStats {
  const level = (): ComplexityStats => ({ records: 0, accepted: 0, rejected: 0, failed: 0, plan_lengths: new ValueHistogram() });
  return {
    complexities: { simple: level(), moderate: level(), complex: level() },
    tools: {},
    rejection_reasons: {},
    failure_reasons: {},
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, calls: 0 },
    accepted_prompt_tokens: new ValueHistogram(),
    replay: { replayed: 0, full: 0, coverage_sum: 0, grounding_sum: 0, step_reward_sum: 0, heuristics: new ValueHistogram() },
    durations_ms: { plan: 0, run: 0, compose: 0, total: 0 },
  };
}

/** Counts every tool call of a trace: calls, errors, accepted steps and latency. */
export function countToolCalls(stats: RunStats, trace: Trace): void {
  for (const step of trace.steps) {
    if (step.status === 'skipped') continue;
    const fqn = `${step.server}.${step.tool}`;
    const tool = (stats.tools[fqn] ??= { calls: 0, errors: 0, accepted: 0, latencies_ms: new ValueHistogram() });
    tool.calls += 1;
    if (step.status !== 'ok') tool.errors += 1;
    if (step.accepted) tool.accepted += 1;
    tool.latencies_ms.add(step.latency_ms);
  }
}

/** Adds model usage entries to the totals. */
export function countUsage(stats: RunStats, usage: ReadonlyArray<{ prompt_tokens: number; completion_tokens: number; total_tokens: number }>): void {
  for (const entry of usage) {
    stats.usage.prompt_tokens += entry.prompt_tokens;
    stats.usage.completion_tokens += entry.completion_tokens;
    stats.usage.total_tokens += entry.total_tokens;
    stats.usage.calls += 1;
  }
}

/** Increments one key of a histogram. */
export function bump(histogram: Record<string, number>, key: string): void {
  histogram[key] = (histogram[key] ?? 0) + 1;
}
