import type { Entry } from '@forge/catalog';
import { describeAsks, describeForm } from '@forge/asks';
import type { Plan } from '@forge/plan';
import type { GroundingReport } from './grounding-report.ts';
import type { Citation } from './reference.ts';

/** The system message: write only from the facts, in the plan's format, as JSON. */
export function buildComposeSystemPrompt(plan: Plan): string {
  const [minWords, maxWords] = plan.judge_rubric.target_length_range;
  return [
    'You write the reference answer to a research question strictly from tool facts (a JSON object of named values).',
    'Rules:',
    '- Every number you write must come from the facts; you may round (keep at least two significant digits) but never',
    '  compute new figures or add outside knowledge. Percent facts (names with pct, percent, changesPercentage) are',
    '  already in percent.',
    '- If the facts do not cover part of the question, say so in one short clause instead of guessing.',
    '- No investment advice, no predictions.',
    `- Format: ${plan.final_answer_requirements.asks ? describeForm(plan.final_answer_requirements.asks.form) : plan.final_answer_requirements.format}; about ${minWords}-${maxWords} words.`,
    ...(plan.final_answer_requirements.asks ? ['- Deliver what the question asks, in this order, and nothing it did not ask:', ...describeAsks(plan.final_answer_requirements.asks).slice(1).map((line) => `  - ${line}`)] : []),
    '- State every fact listed under must_include.',
    ...plan.final_answer_requirements.quality_criteria.map((criterion) => `- ${criterion}`),
    'Reply with a JSON object {"answer_text": "..."} and nothing else.',
  ].join('\n');
}

/** The user message: the question verbatim, the facts and where each came from. */
export function buildComposeUserPrompt(entry: Entry, plan: Plan, facts: Record<string, unknown>, citations: Citation[]): string {
  return [
    'Question:',
    entry.user_prompt,
    '',
    `must_include: ${JSON.stringify(plan.final_answer_requirements.must_include)}`,
    `facts: ${JSON.stringify(facts)}`,
    `sources: ${JSON.stringify(Object.fromEntries(citations.map((citation) => [citation.fact, `step ${citation.step} ${citation.tool}`])))}`,
  ].join('\n');
}

/** The repair message after a reply that was unreadable or not grounded in the facts. */
export function buildComposeRepairPrompt(problem: { reason?: string; grounding?: GroundingReport }): string {
  const lines = ['Your answer cannot be used as it is. Fix it and reply with the complete JSON {"answer_text": "..."}:'];
  if (problem.reason) lines.push(`- ${problem.reason}`);
  for (const number of problem.grounding?.ungrounded ?? []) {
    lines.push(`- the number ${number.text} is not in the facts: use a fact's value (rounded if you like) or drop it`);
  }
  for (const key of problem.grounding?.missing ?? []) lines.push(`- the answer does not state the fact "${key}"`);
  return lines.join('\n');
}
