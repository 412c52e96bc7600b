import { z } from 'zod';
import type { Entry } from '@forge/catalog';
import type { Plan, Trace } from '@forge/plan';
import { OpenAIJsonClient, toModelJsonSchema, type JsonMessage, type OpenAIJsonClientOptions, type TokenUsage } from '@forge/planner';
import { checkGrounding } from './check-grounding.ts';
import type { Composer, ComposeOptions, ComposeOutcome } from './composer.ts';
import type { GroundingReport } from './grounding-report.ts';
import { OpenAIComposeError } from './openai-compose-error.ts';
import { buildComposeRepairPrompt, buildComposeSystemPrompt, buildComposeUserPrompt } from './openai-composer-prompt.ts';
import type { Citation, Reference } from './reference.ts';

const AnswerReplySchema = z.object({ answer_text: z.string().min(1) });

export interface OpenAIComposerOptions extends OpenAIJsonClientOptions {
  /** Extra rounds for an unreadable or ungrounded answer (default 1). */
  maxRepairs?: number;
}

/** The facts an answer may use: the trace state restricted to grounded_from (and must_include) keys it holds. */
export function selectFacts(plan: Plan, trace: Trace): Record<string, unknown> {
  const { grounded_from, must_include } = plan.final_answer_requirements;
  const keys = [...new Set([...grounded_from, ...must_include])].filter((key) => key in trace.state);
  return Object.fromEntries(keys.map((key) => [key, trace.state[key]]));
}

/** For each fact, the step that produced its final value: the last step whose extracted/computed holds the key. */
export function citeFacts(facts: Record<string, unknown>, trace: Trace): Citation[] {
  const citations: Citation[] = [];
  for (const key of Object.keys(facts)) {
    const step = trace.steps.findLast((candidate) => key in candidate.extracted || key in candidate.computed);
    if (step) citations.push({ fact: key, step: step.step, tool: `${step.server}.${step.tool}` });
  }
  return citations;
}

function readAnswer(content: string): { answer?: string; reason?: string } {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { reason: 'the reply is not valid JSON' };
  }
  const parsed = AnswerReplySchema.safeParse(json);
  return parsed.success ? { answer: parsed.data.answer_text } : { reason: 'the reply needs a non-empty string field answer_text' };
}

/**
 * Writes the reference answer with a model from the trace's facts alone; an answer with numbers outside the facts
 * gets up to `maxRepairs` rounds to fix them and is then returned as is (the engine's grounding gate decides).
 * Throws OpenAIComposeError when no reply is readable, OpenAICallError when the model cannot be reached.
 */
export class OpenAIComposer implements Composer {
  readonly id = 'openai';
  readonly model: string;
  private readonly client: OpenAIJsonClient;
  private readonly maxRepairs: number;
  private readonly schema = toModelJsonSchema(AnswerReplySchema);

  constructor(options: OpenAIComposerOptions) {
    this.client = new OpenAIJsonClient(options);
    this.model = options.model;
    this.maxRepairs = Math.max(0, options.maxRepairs ?? 1);
  }

  async compose(entry: Entry, plan: Plan, trace: Trace, options: ComposeOptions = {}): Promise<ComposeOutcome> {
    const facts = selectFacts(plan, trace);
    const citations = citeFacts(facts, trace);
    const messages: JsonMessage[] = [
      { role: 'system', content: buildComposeSystemPrompt(plan) },
      { role: 'user', content: buildComposeUserPrompt(entry, plan, facts, citations) },
    ];
    const usage: TokenUsage[] = [];
    let best: Reference | undefined;
    let lastReason = '';
    let lastContent = '';
    for (let round = 0; round <= this.maxRepairs; round += 1) {
      const reply = await this.client.complete({
        messages,
        schemaName: 'reference_answer',
        schema: this.schema,
        purpose: round === 0 ? 'reference answer' : `reference answer repair ${round}`,
        entryId: entry.prompt_id,
        budget: options.budget,
      });
      usage.push(reply.usage);
      lastContent = reply.content;
      const { answer, reason } = readAnswer(reply.content);
      let grounding: GroundingReport | undefined;
      if (answer !== undefined) {
        best = { answer_text: answer, facts, citations };
        grounding = checkGrounding(best, plan.final_answer_requirements.must_include);
        if (grounding.ok) return { reference: best, usage };
      } else {
        lastReason = reason ?? 'unreadable reply';
      }
      messages.push({ role: 'assistant', content: reply.content }, { role: 'user', content: buildComposeRepairPrompt({ reason, grounding }) });
    }
    if (best) return { reference: best, usage };
    throw new OpenAIComposeError({ entryId: entry.prompt_id, reason: lastReason, repairs: this.maxRepairs, received: lastContent });
  }
}
