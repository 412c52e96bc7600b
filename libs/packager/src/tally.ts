import type { SampleProblem } from '@forge/sample';
import type { Replay } from '@forge/replay';
import type { BuiltSample } from './build-samples.ts';
import type { FailureSummary } from './index-run.ts';
import { bump, countToolCalls, countUsage, type RunStats } from './run-stats.ts';

/** Counts one built sample into the run's statistics. */
export function tallySample(stats: RunStats, built: BuiltSample): void {
  const level = stats.complexities[built.record.complexity];
  level.records += 1;
  level.plan_lengths.add(built.record.plan.tool_sequence.length);
  if (built.verdict.ok) {
    level.accepted += 1;
    if (typeof built.verdict.prompt_tokens === 'number') stats.accepted_prompt_tokens.add(built.verdict.prompt_tokens);
  } else {
    level.rejected += 1;
    for (const code of new Set(built.verdict.problems.map((problem: SampleProblem) => problem.code))) bump(stats.rejection_reasons, code);
  }
  if (built.replay) tallyReplay(stats, built.replay);
  countToolCalls(stats, built.record.trace);
  countUsage(stats, built.record.usage);
  for (const phase of ['plan', 'run', 'compose', 'total'] as const) stats.durations_ms[phase] += built.record.timings_ms[phase];
}

/** Counts one failed prompt into the run's statistics. */
export function tallyFailure(stats: RunStats, failure: FailureSummary): void {
  const level = stats.complexities[failure.complexity];
  level.records += 1;
  level.failed += 1;
  bump(stats.failure_reasons, failure.stage);
  if (failure.trace) countToolCalls(stats, failure.trace);
  countUsage(stats, failure.usage);
}

export function tallyReplay(stats: RunStats, replay: Replay): void {
  const tally = stats.replay;
  tally.replayed += 1;
  if (replay.problems.length === 0) tally.full += 1;
  tally.coverage_sum += replay.final.coverage;
  tally.grounding_sum += replay.final.grounding;
  tally.step_reward_sum += replay.step_reward;
  tally.heuristics.add(replay.final.heuristic);
}
