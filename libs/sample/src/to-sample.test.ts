import { describe, expect, it } from 'vitest';
import { toSample, SkyRLSampleSchema, sampleId, ACTION_FORMAT, DEFAULT_TOOL_INVENTORY } from '@forge/sample';
import { makeRecord } from './__fixtures__/make-record.ts';

describe('toSample', () => {
  const record = makeRecord();
  const sample = toSample(record);

  it('builds a row the zod schema accepts', () => {
    expect(SkyRLSampleSchema.parse(sample)).toEqual(sample);
  });

  it('keeps the user prompt verbatim and lists every tool plus the action format in the system prompt', () => {
    expect(sample.prompt[1]).toEqual({ role: 'user', content: record.user_prompt });
    const system = sample.prompt[0].content;
    for (const tool of DEFAULT_TOOL_INVENTORY) expect(system).toContain(`${tool.server}.${tool.tool} — `);
    for (const action of ACTION_FORMAT) expect(system).toContain(action);
    expect(system).toContain('{"tool_call": {"server": "<server>", "tool": "<tool>", "params": {...}}}');
  });

  it('derives ground truth from the plan', () => {
    const truth = sample.reward_spec.ground_truth;
    expect(sample.reward_spec.method).toBe('rule');
    expect(truth.task_id).toBe('M07');
    expect(truth.success.must_call_tool).toBe('fmp.fmp_get_quote');
    expect(truth.max_turns).toBeGreaterThanOrEqual(truth.tool_sequence.length + 1);
    expect(truth.limits).toEqual({ max_tools: 3, max_servers: 3 });
    expect(truth.analysis_rubric.steps.map((step) => step.tool)).toEqual(['fmp.fmp_get_quote', 'polygon.polygon_get_aggs', 'python.execute_python']);
    expect(truth.final_reference).toEqual(record.reference);
    expect(truth.tool_sequence).toEqual(record.plan.tool_sequence);
  });

  it('carries the judge rubric with its schema as a JSON Schema object', () => {
    const rubric = sample.reward_spec.ground_truth.judge_rubric;
    expect(rubric.weights).toEqual(record.plan.judge_rubric.weights);
    expect(rubric.target_length_range).toEqual(record.plan.judge_rubric.target_length_range);
    const score = { type: 'number', minimum: 0, maximum: 1 };
    expect(rubric.schema).toEqual({
      type: 'object',
      properties: { coverage: score, grounding: score, clarity: score, safety: score, total: score },
      required: ['coverage', 'grounding', 'clarity', 'safety', 'total'],
      additionalProperties: false,
    });
  });

  it('records provenance and execution breadcrumbs', () => {
    const info = sample.extra_info;
    expect(info).toMatchObject({
      prompt_id: 'M07', prompt_index: 6, original_complexity: 'medium', catalog_sha256: 'c'.repeat(64),
      snapshot_id: 'synthetic-2026-11-25', as_of: '2026-11-25T21:30:00Z', planner: 'rule-v1', model: 'none',
    });
    expect(info.token_usage).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, calls: 1 });
    const crumbs = info.task_metadata.exec_breadcrumbs;
    expect(crumbs.state_keys).toEqual(['price', 'previousClose', 'closes', 'avg5', 'gap_pct']);
    expect(crumbs.steps[2]).toEqual({
      step: 3, tool_fqn: 'python.execute_python', args: record.trace.steps[2].args,
      result_summary: { ok: true, keys: ['result', 'stdout'], latency_ms: 12.4 },
      accept_pass: true, checks: { missing: [], updated: ['avg5', 'gap_pct'] },
    });
  });

  it('summarises a failed step with its error', () => {
    const failed = makeRecord();
    failed.trace.steps[1] = { ...failed.trace.steps[1], status: 'tool_error', why: 'unknown symbol', accepted: false, structured_content: null };
    const crumb = toSample(failed).extra_info.task_metadata.exec_breadcrumbs.steps[1];
    expect(crumb.result_summary).toEqual({ ok: false, error: 'unknown symbol', latency_ms: 3.1 });
    expect(crumb.accept_pass).toBe(false);
  });

  it('gives a stable sample_id that changes with the record key', () => {
    expect(toSample(makeRecord()).extra_info.sample_id).toBe(sample.extra_info.sample_id);
    expect(sample.extra_info.sample_id).toBe(sampleId('M07', 'key-M07'));
    expect(toSample(makeRecord({ key: 'other' })).extra_info.sample_id).not.toBe(sample.extra_info.sample_id);
  });

  it('honours options', () => {
    const custom = toSample(record, {
      dataSource: 'ds', envClass: 'Env', extraTurns: 1, rawOutputPath: 'raw_llm/x/M07.json',
      inventory: [{ server: 'fmp', tool: 'fmp_get_quote', description: 'quote' }],
    });
    expect(custom.data_source).toBe('ds');
    expect(custom.env_class).toBe('Env');
    expect(custom.reward_spec.ground_truth.max_turns).toBe(4);
    expect(custom.extra_info.task_metadata.tools_available).toEqual(['fmp.fmp_get_quote']);
    expect(custom.extra_info.task_metadata.raw_output_path).toBe('raw_llm/x/M07.json');
    expect(custom.prompt[0].content).not.toContain('polygon.');
  });
});

describe('describeSample', () => {
  it('shows prompt, steps with their acceptance, reference and provenance', async () => {
    const { describeSample } = await import('@forge/sample');
    const text = describeSample(toSample(makeRecord()));
    expect(text).toContain('── M07 · moderate · sample ');
    expect(text).toContain('1. fmp.fmp_get_quote {"symbol":"NVDA"}  [accepted, 2.5 ms]');
    expect(text).toContain('accept_if avg5 > 0');
    expect(text).toContain('reference: NVDA closed at 181.2');
  });
});
