import { runPlan, toPlainJson, type Step, type StepTrace } from '@forge/plan';
import type { ToolCaller, ToolResult } from '@forge/tools';
import { finalHeuristic, type FinalHeuristic, type HeuristicRequirements, type HeuristicWeights } from './final-heuristic.ts';

/** One tool call as the generation run recorded it: what was asked and what came back. */
export interface RecordedCall {
  server: string;
  tool: string;
  args: Record<string, unknown>;
  status: string;
  structured_content: unknown;
}

export interface ReplayInput {
  /** The packaged plan, the agent's actions in the oracle replay. */
  toolSequence: readonly Step[];
  /** The recorded results, in step order; the replay never calls a live tool. */
  recorded: readonly RecordedCall[];
  /** The packaged reference answer, the oracle's final answer. */
  finalText: string;
  requirements: HeuristicRequirements;
  weights?: HeuristicWeights | null;
}

export type ReplayProblemCode = 'replay:step' | 'replay:coverage' | 'replay:grounding';

export interface ReplayProblem {
  code: ReplayProblemCode;
  message: string;
}

export interface ReplayStep {
  step: number;
  tool: string;
  /** Share of this step's accept_if checks that passed (1 when it has none and ran); 0 when it did not run. */
  reward: number;
  accepted: boolean;
}

export interface Replay {
  steps: ReplayStep[];
  /** Mean of the step rewards. */
  step_reward: number;
  final: FinalHeuristic;
  problems: ReplayProblem[];
}

/**
 * Re-runs a sample the way the training environment does: the packaged plan through our interpreter (the
 * environment's DSL semantics, Python types kept) over the recorded tool results, then the final-answer
 * heuristic on the packaged answer against the replayed state. A sample whose oracle does not earn every step
 * and full coverage and grounding teaches a target the environment will not reward.
 */
export async function replaySample(input: ReplayInput): Promise<Replay> {
  const trace = await runPlan({ tool_sequence: [...input.toolSequence] }, recordedCaller(input.recorded), { pythonTypes: true, now: () => new Date(0) });
  const steps = trace.steps.map(stepReward);
  const final = finalHeuristic({ finalText: input.finalText, requirements: input.requirements, facts: trace.state, weights: input.weights });
  const problems: ReplayProblem[] = [];
  for (const [index, step] of trace.steps.entries()) {
    if (!steps[index]!.accepted) problems.push({ code: 'replay:step', message: `step ${step.step} ${step.server}.${step.tool} not accepted on replay: ${stepWhy(step)}` });
  }
  if (final.coverage < 1) problems.push({ code: 'replay:coverage', message: `coverage ${final.coverage.toFixed(3)}: must_include not found in the answer: ${final.missing_must_include.join(', ')}` });
  if (final.grounding < 1) problems.push({ code: 'replay:grounding', message: `grounding ${final.grounding.toFixed(3)}: grounded_from not found in the answer: ${final.missing_grounded_from.join(', ')}` });
  const stepTotal = steps.reduce((sum, step) => sum + step.reward, 0);
  return { steps, step_reward: steps.length === 0 ? 1 : stepTotal / steps.length, final, problems };
}

function stepReward(step: StepTrace): ReplayStep {
  const passed = step.accept.filter((check) => check.passed).length;
  const ran = step.status === 'ok' && !(step.errors?.length);
  const reward = !ran ? 0 : step.accept.length === 0 ? 1 : passed / step.accept.length;
  return { step: step.step, tool: `${step.server}.${step.tool}`, reward, accepted: ran && step.accepted };
}

function stepWhy(step: StepTrace): string {
  if (step.status !== 'ok') return step.why ?? step.status;
  if (step.errors?.length) return step.errors.map((error) => `${error.field}: ${error.message}`).join('; ');
  return step.accept.filter((check) => !check.passed).map((check) => `accept_if "${check.condition}" failed${check.error ? ` (${check.error})` : ''}`).join('; ');
}

/**
 * Serves the i-th call from the i-th recording, and only when the replayed call asks for the same tool with the
 * same arguments: a plan whose placeholders resolve differently on replay is not the plan that was recorded.
 */
function recordedCaller(recorded: readonly RecordedCall[]): ToolCaller {
  let next = 0;
  return {
    inventory: () => [],
    async call(server, tool, args): Promise<ToolResult> {
      const index = next++;
      const call = recorded[index];
      const failed = (error: string): ToolResult => ({ ok: false, kind: 'tool_error', error, latencyMs: 0 });
      if (!call) return failed(`no recorded result for call ${index + 1}`);
      if (call.server !== server || call.tool !== tool) return failed(`recorded call ${index + 1} was ${call.server}.${call.tool}, not ${server}.${tool}`);
      const asked = JSON.stringify(toPlainJson(args));
      if (asked !== JSON.stringify(toPlainJson(call.args))) return failed(`arguments differ from the recorded call: replayed ${asked}, recorded ${JSON.stringify(call.args)}`);
      if (call.status !== 'ok' || !call.structured_content || typeof call.structured_content !== 'object') return failed(`recorded call ${index + 1} returned no result (${call.status})`);
      return { ok: true, structuredContent: call.structured_content as Record<string, unknown>, text: '', latencyMs: 0 };
    },
  };
}
