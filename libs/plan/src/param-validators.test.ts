import { describe, expect, it } from 'vitest';
import { checkPlan, ParamValidators, type Plan } from '@forge/plan';
import type { ToolSpec } from '@forge/tools';
import { INVENTORY } from './__fixtures__/inventory.ts';

function onePlan(steps: Array<{ server: string; tool: string; params: Record<string, unknown> }>): Plan {
  return {
    tool_sequence: steps.map((step, index) => ({ step: index + 1, ...step, analysis_requirements: { extract: [], compute: [], select: [], accept_if: [] } })),
    final_answer_requirements: { format: 'one sentence', must_include: [], grounded_from: [], quality_criteria: [] },
    judge_rubric: { weights: { coverage: 0.4, grounding: 0.3, clarity: 0.2, safety: 0.1 }, target_length_range: [20, 80], schema: ['coverage', 'grounding', 'clarity', 'safety', 'total'] },
  };
}

const PLANS: Plan[] = [
  onePlan([{ server: 'fmp', tool: 'fmp_get_quote', params: { symbol: 'AAPL' } }]),
  onePlan([{ server: 'fmp', tool: 'fmp_get_quote', params: { symbol: 'aapl!' } }]),
  onePlan([{ server: 'tavily', tool: 'tavily_search', params: { max_results: '5', search_depth: 'deep', qurey: 'x' } }]),
  onePlan([
    { server: 'fmp', tool: 'fmp_get_quote', params: {} },
    { server: 'tavily', tool: 'tavily_search', params: { query: 'x', max_results: '${n}' } },
    { server: 'python', tool: 'execute_python', params: { code: 1 } },
  ]),
];

describe('ParamValidators shared across checkPlan calls', () => {
  it('gives the same issues, messages included, as a fresh compile per call', () => {
    const shared = new ParamValidators();
    for (const plan of PLANS) {
      expect(checkPlan(plan, INVENTORY, { validators: shared })).toEqual(checkPlan(plan, INVENTORY));
    }
    // Twice over, so the second pass runs on cached validators only.
    for (const plan of PLANS) expect(checkPlan(plan, INVENTORY, { validators: shared })).toEqual(checkPlan(plan, INVENTORY));
    expect(checkPlan(PLANS[2]!, INVENTORY, { validators: shared }).length).toBeGreaterThan(0);
  });

  it('compiles each distinct schema once, also when an inventory is listed again as new objects', () => {
    const shared = new ParamValidators();
    for (const plan of PLANS) checkPlan(plan, INVENTORY, { validators: shared });
    const relisted: ToolSpec[] = structuredClone(INVENTORY);
    for (const plan of PLANS) checkPlan(plan, relisted, { validators: shared });
    expect(shared.compiles).toBe(3); // fmp_get_quote, tavily_search, execute_python
  });

  it('keeps two different schemas that share an $id apart', () => {
    const shared = new ParamValidators();
    const strict = shared.validatorFor({ $id: 'https://example.test/args.json', type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] });
    const loose = shared.validatorFor({ $id: 'https://example.test/args.json', type: 'object' });
    if (strict instanceof Error || loose instanceof Error) throw new Error('expected both schemas to compile');
    expect(strict({})).toBe(false);
    expect(loose({})).toBe(true);
  });

  it('returns a schema that does not compile as an Error value, and checkPlan turns it into a warning', () => {
    const shared = new ParamValidators();
    const broken: ToolSpec = { server: 'fmp', tool: 'fmp_get_quote', description: 'quote', inputSchema: { type: 'object', properties: { symbol: { type: 12 } } } };
    expect(shared.validatorFor(broken.inputSchema)).toBeInstanceOf(Error);
    const issues = checkPlan(PLANS[0]!, [broken], { validators: shared });
    expect(issues.map((issue) => issue.code)).toEqual(['invalid-params']);
    expect(issues[0]!.message).toContain('could not be compiled');
  });
});
