import { describe, expect, it, beforeAll } from 'vitest';
import { countPromptTokens, toSample, loadSampleValidator, validateSample, type SampleGates, type SampleValidator, type SkyRLSample } from '@forge/sample';
import { makeRecord } from './__fixtures__/make-record.ts';
import { readAsks } from '@forge/asks';

const gates = { maxPromptTokens: 4096 };
let validator: SampleValidator;
beforeAll(async () => {
  validator = await loadSampleValidator();
});

function fresh(): SkyRLSample {
  return structuredClone(toSample(makeRecord()));
}

const codes = (row: unknown, options: SampleGates = gates) => validateSample(row, validator, options).problems.map((problem) => problem.code);

describe('validateSample', () => {
  it('accepts a good row', () => {
    const row = fresh();
    expect(validateSample(row, validator, gates)).toEqual({ ok: true, sample_id: row.extra_info.sample_id, problems: [], prompt_tokens: countPromptTokens(row.prompt) });
  });

  it.each([null, 42, 'text', [], undefined])('reports %j as not an object instead of throwing', (row) => {
    expect(codes(row)).toEqual(['not-an-object']);
  });

  it('reports schema problems with their path', () => {
    const row = fresh() as unknown as Record<string, any>;
    delete row.env_class;
    row.reward_spec.ground_truth.complexity = 'hard';
    row.extra_info.unexpected = 1;
    const verdict = validateSample(row, validator, gates);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.every((problem) => problem.code === 'schema')).toBe(true);
    const paths = verdict.problems.map((problem) => problem.path);
    expect(paths).toContain('/');
    expect(paths).toContain('/reward_spec/ground_truth/complexity');
    expect(verdict.problems.map((problem) => problem.message).join('\n')).toContain('unexpected');
  });

  it('rejects a step that was not accepted', () => {
    const row = fresh();
    row.extra_info.task_metadata.exec_breadcrumbs.steps[1].accept_pass = false;
    expect(codes(row)).toEqual(['step-not-accepted']);
  });

  it.each([null, '', [], {}])('rejects an empty fact %j', (value) => {
    const row = fresh();
    row.reward_spec.ground_truth.final_reference.facts.gap_pct = value;
    expect(codes(row)).toEqual(['empty-fact']);
  });

  it('rejects a failed grounding verdict', () => {
    const row = fresh();
    row.extra_info.verdicts.grounding = { ok: false, ungrounded: [{ text: '3.5%', value: 3.5 }], missing: [] };
    const verdict = validateSample(row, validator, gates);
    expect(verdict.problems).toEqual([expect.objectContaining({ code: 'grounding-failed', message: expect.stringContaining('3.5%') })]);
  });

  it('rejects a must_include facet no fact covers', () => {
    const row = fresh();
    row.reward_spec.ground_truth.analysis_rubric.final_answer_requirements.must_include.push('volume');
    expect(codes(row)).toEqual(['must-include-uncovered']);
  });

  it('rejects an answer that misses what the prompt asked, naming the ask', () => {
    const row = fresh();
    const requirements = row.reward_spec.ground_truth.analysis_rubric.final_answer_requirements;
    requirements.asks = { ...readAsks('Give me three bullets on NVDA. Do not post anything.'), entities: ['NVDA'] };
    expect(codes(row)).toEqual(['ask-not-met:bullets']);
    row.reward_spec.ground_truth.final_reference.answer_text = '- NVDA closed at 181.2.\n- That is 2.07% above its 5-day average.\n- The average is 177.52.';
    expect(codes(row)).toEqual([]);
  });

  it('rejects a prompt over the token budget', () => {
    const row = fresh();
    expect(codes(row, { maxPromptTokens: 50 })).toEqual(['prompt-too-long']);
  });

  it('rejects a repeated sample_id within one file', () => {
    const seen = new Set<string>();
    expect(codes(fresh(), { ...gates, seenSampleIds: seen })).toEqual([]);
    expect(codes(fresh(), { ...gates, seenSampleIds: seen })).toEqual(['duplicate-sample-id']);
  });

  it('checks the cross-field contract', () => {
    const row = fresh();
    const truth = row.reward_spec.ground_truth;
    truth.max_turns = 3;
    truth.success.must_call_tool = 'polygon.polygon_get_aggs';
    truth.limits.max_servers = 2;
    truth.judge_rubric.weights.safety = 0.5;
    truth.judge_rubric.schema.required = ['coverage', 'grounding'];
    truth.analysis_rubric.final_answer_requirements.grounded_from.push('never_set');
    const messages = validateSample(row, validator, gates).problems;
    expect(messages.map((problem) => problem.code)).toEqual(Array(6).fill('contract'));
    expect(messages.map((problem) => problem.path)).toEqual([
      '/reward_spec/ground_truth/max_turns',
      '/reward_spec/ground_truth/success/must_call_tool',
      '/reward_spec/ground_truth/limits/max_servers',
      '/reward_spec/ground_truth/judge_rubric/weights',
      '/reward_spec/ground_truth/judge_rubric/schema',
      '/reward_spec/ground_truth/analysis_rubric/final_answer_requirements/grounded_from',
    ]);
  });
});
