import type { GenerationRecord } from '@forge/engine';
import type { Step, StepTrace, Trace } from '@forge/plan';
import { buildSystemPrompt } from './build-system-prompt.ts';
import { DEFAULT_TOOL_INVENTORY, type ToolListing } from './default-tool-inventory.ts';
import { sampleId } from './sample-id.ts';
import { judgeOutputSchema, type BreadcrumbStep, type SkyRLSample, type TokenTotals } from './skyrl-sample.ts';

export interface ToSampleOptions {
  /** Defaults to "synthetic/llm". */
  dataSource?: string;
  /** Defaults to "MCPToolEnv". */
  envClass?: string;
  /** Tools the agent may call; defaults to the documented tool world. */
  inventory?: readonly ToolListing[];
  /** A system prompt built once for many samples (saves memory at 100k rows); overrides `inventory` for the text. */
  systemPrompt?: string;
  /** Turns beyond one per step; max_turns = steps + extraTurns (at least 1, for the final answer). Defaults to 2. */
  extraTurns?: number;
  /** Where the raw trace of this record is kept, relative to the package directory. */
  rawOutputPath?: string | null;
}

/** Builds the SkyRL row for one generation record, exactly as ARCHITECTURE.md "The sample row" lays it out. */
export function toSample(record: GenerationRecord, options: ToSampleOptions = {}): SkyRLSample {
  const inventory = options.inventory ?? DEFAULT_TOOL_INVENTORY;
  const steps = record.plan.tool_sequence;
  const servers = new Set(steps.map((step) => step.server));
  const first = steps[0];
  return {
    data_source: options.dataSource ?? 'synthetic/llm',
    env_class: options.envClass ?? 'MCPToolEnv',
    prompt: [
      { role: 'system', content: options.systemPrompt ?? buildSystemPrompt(inventory) },
      { role: 'user', content: record.user_prompt },
    ],
    reward_spec: {
      method: 'rule',
      ground_truth: {
        task_id: record.prompt_id,
        complexity: record.complexity,
        max_turns: Math.max(steps.length + Math.max(1, options.extraTurns ?? 2), record.limits?.max_turns ?? 0),
        success: { must_call_tool: `${first.server}.${first.tool}` },
        tool_sequence: steps,
        // The agent gets the budget the planner had, so a retry or an extra look-up is not a failed episode.
        limits: { max_tools: Math.max(steps.length, record.limits?.max_tools ?? 0), max_servers: servers.size },
        analysis_rubric: {
          steps: steps.map(toRubricStep),
          final_answer_requirements: record.plan.final_answer_requirements,
        },
        final_reference: record.reference,
        // The plan names the judge's score fields; the environment needs them as a JSON Schema object.
        judge_rubric: {
          weights: record.plan.judge_rubric.weights,
          target_length_range: record.plan.judge_rubric.target_length_range,
          schema: judgeOutputSchema(),
        },
      },
    },
    extra_info: {
      sample_id: sampleId(record.prompt_id, record.key),
      prompt_id: record.prompt_id,
      prompt_index: record.prompt_index,
      original_complexity: record.original_complexity,
      domain: typeof record.metadata.domain === 'string' && record.metadata.domain.trim() !== '' ? record.metadata.domain : 'equities-research',
      catalog_sha256: record.provenance.catalog_sha256,
      snapshot_id: record.provenance.snapshot_id,
      as_of: record.provenance.as_of,
      planner: record.provenance.planner,
      composer: record.provenance.composer,
      model: record.provenance.model,
      generated_at: record.generated_at,
      verdicts: {
        grounding: record.grounding,
        all_steps_accepted: record.trace.all_accepted,
        plan_issues: record.plan_issues,
        repairs: record.repairs,
      },
      token_usage: sumUsage(record.usage),
      task_metadata: {
        tools_available: inventory.map((tool) => `${tool.server}.${tool.tool}`),
        model: record.provenance.model,
        backend: record.provenance.backend,
        generated_at: record.generated_at,
        raw_output_path: options.rawOutputPath ?? null,
        exec_breadcrumbs: {
          state_keys: Object.keys(record.trace.state),
          steps: toBreadcrumbs(record.trace),
        },
      },
    },
  };
}

function toRubricStep(step: Step) {
  const requirements = step.analysis_requirements;
  return {
    step: step.step,
    tool: `${step.server}.${step.tool}`,
    extract: requirements.extract,
    compute: requirements.compute,
    select: requirements.select,
    accept_if: requirements.accept_if,
  };
}

function toBreadcrumbs(trace: Trace): BreadcrumbStep[] {
  return trace.steps.map((step: StepTrace) => ({
    step: step.step,
    tool_fqn: `${step.server}.${step.tool}`,
    args: step.args,
    result_summary:
      step.status === 'ok'
        ? { ok: true as const, keys: resultKeys(step.structured_content), latency_ms: step.latency_ms }
        : { ok: false as const, error: step.why ?? step.status, latency_ms: step.latency_ms },
    accept_pass: step.accepted,
    checks: { missing: step.missing, updated: [...Object.keys(step.extracted), ...Object.keys(step.computed)] },
  }));
}

function resultKeys(content: unknown): string[] {
  return content !== null && typeof content === 'object' && !Array.isArray(content) ? Object.keys(content) : [];
}

function sumUsage(usage: GenerationRecord['usage']): TokenTotals {
  const totals: TokenTotals = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, calls: usage.length };
  for (const entry of usage) {
    totals.prompt_tokens += entry.prompt_tokens;
    totals.completion_tokens += entry.completion_tokens;
    totals.total_tokens += entry.total_tokens;
  }
  return totals;
}
