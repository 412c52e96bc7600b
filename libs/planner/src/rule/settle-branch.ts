import { runPlan, type Plan } from '@forge/plan';
import type { ToolCaller } from '@forge/tools';
import type { Branches } from './condition-steps.ts';

/**
 * "Only post to #alerts if either fell more than 2%; otherwise don't post": the plan DSL has no branches, so a plan
 * that may post nothing settles the branch while planning. The read-only steps before the post run once against the
 * same tools; the branch the facts take stays in the plan, and the condition step asserts it (`accept_if`), so a
 * replay, or a live world that moved between planning and running, fails that step instead of posting wrongly.
 * A silent branch drops the Slack steps: nothing is posted, and the answer says why.
 */
export async function settleSilentBranch(plan: Plan, branches: Branches | undefined, tools: ToolCaller): Promise<Plan> {
  if (!branches || !branches.silent.some(Boolean)) return plan;
  const steps = plan.tool_sequence;
  const post = steps.findIndex((step) => step.tool === 'send_slack_message');
  const judge = steps.findIndex((step, index) => index < post && step.analysis_requirements.extract.some((line) => line.startsWith('condition_holds = ')));
  if (post < 0 || judge < 0) return plan;
  const trace = await runPlan({ tool_sequence: steps.slice(0, post) }, tools);
  const holds = trace.state.condition_holds;
  if (typeof holds !== 'boolean' || trace.steps.some((step) => !step.accepted)) return plan;
  const asserted = steps.map((step, index) => (index === judge
    ? { ...step, analysis_requirements: { ...step.analysis_requirements, accept_if: [...step.analysis_requirements.accept_if, holds ? 'condition_holds' : 'not condition_holds'] } }
    : step));
  if (!branches.silent[holds ? 0 : 1]) return { ...plan, tool_sequence: asserted };
  const kept = asserted.filter((step) => step.server !== 'slack' || step.tool !== 'send_slack_message' && !isConfirmRead(step, steps[post]!));
  return { ...plan, tool_sequence: kept.map((step, index) => ({ ...step, step: index + 1 })), final_answer_requirements: withoutPostKeys(plan.final_answer_requirements) };
}

/** The history read that confirms the post (same channel placeholder, right after it). */
function isConfirmRead(step: Plan['tool_sequence'][number], post: Plan['tool_sequence'][number]): boolean {
  return step.tool === 'get_slack_channel_history' && step.params.channel === post.params.channel;
}

const POST_KEYS = /^slack_(?:ts|channel|channel_id|history_ts|confirmed)$/;

function withoutPostKeys(requirements: Plan['final_answer_requirements']): Plan['final_answer_requirements'] {
  return {
    ...requirements,
    must_include: requirements.must_include.filter((key) => !POST_KEYS.test(key)),
    grounded_from: requirements.grounded_from.filter((key) => !POST_KEYS.test(key)),
  };
}
