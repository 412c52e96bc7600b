import { describe, expect, it } from 'vitest';
import { checkPlan, type Plan, type PlanIssue } from '@forge/plan';
import { INVENTORY } from './__fixtures__/inventory.ts';

type StepInput = { server?: string; tool?: string; params?: Record<string, unknown>; extract?: string[]; compute?: string[]; select?: string[]; accept_if?: string[]; next_args_from?: string; step?: number };

function plan(steps: StepInput[], final: { grounded_from?: string[]; must_include?: string[] } = {}): Plan {
  return {
    tool_sequence: steps.map((step, index) => ({
      step: step.step ?? index + 1,
      server: step.server ?? 'fmp',
      tool: step.tool ?? 'fmp_get_quote',
      params: step.params ?? { symbol: 'AAPL' },
      analysis_requirements: {
        extract: step.extract ?? [],
        compute: step.compute ?? [],
        select: step.select ?? [],
        accept_if: step.accept_if ?? [],
        ...(step.next_args_from !== undefined ? { next_args_from: step.next_args_from } : {}),
      },
    })),
    final_answer_requirements: { format: 'one sentence', must_include: final.must_include ?? [], grounded_from: final.grounded_from ?? [], quality_criteria: [] },
    judge_rubric: { weights: { coverage: 0.4, grounding: 0.3, clarity: 0.2, safety: 0.1 }, target_length_range: [20, 80], schema: ['coverage', 'grounding', 'clarity', 'safety', 'total'] },
  };
}

const codes = (issues: PlanIssue[]): string[] => issues.map((issue) => `${issue.code}@${issue.step ?? '-'}:${issue.field}`);

describe('checkPlan', () => {
  it('accepts a clean two-step plan chaining a variable through a placeholder', () => {
    const issues = checkPlan(
      plan(
        [
          { extract: ['symbol', 'price'], compute: ['label = symbol'], accept_if: ['price > 0'], next_args_from: 'label' },
          { server: 'tavily', tool: 'tavily_search', params: { query: '${label} latest news', max_results: 5 }, extract: ['results[]', 'titles = results[][title]'], accept_if: ['len(results) > 0'] },
        ],
        { grounded_from: ['price', 'titles'] },
      ),
      INVENTORY,
      { complexity: 'simple' },
    );
    expect(issues).toEqual([]);
  });

  it('reports an unknown server and names the server that has the tool', () => {
    const issues = checkPlan(plan([{ server: 'fmpx', extract: [] }]), INVENTORY);
    expect(codes(issues)).toEqual(['unknown-server@1:server']);
    expect(issues[0]!.message).toContain('fmp_get_quote is on server `fmp`');
  });

  it('reports an unknown tool and lists the tools of that server', () => {
    const issues = checkPlan(plan([{ tool: 'fmp_quote' }]), INVENTORY);
    expect(codes(issues)).toEqual(['unknown-tool@1:tool']);
    expect(issues[0]!.message).toContain('its tools: fmp_get_quote');
  });

  it('reports params invalid against the inputSchema: missing, wrong type, enum, unknown name', () => {
    const issues = checkPlan(plan([{ server: 'tavily', tool: 'tavily_search', params: { max_results: '5', search_depth: 'deep', qurey: 'x' } }]), INVENTORY);
    expect(codes(issues).sort()).toEqual(['invalid-params@1:params.max_results', 'invalid-params@1:params.query', 'invalid-params@1:params.qurey', 'invalid-params@1:params.search_depth'].sort());
    expect(issues.find((issue) => issue.field === 'params.query')!.message).toContain('requires params.query (string)');
    expect(issues.find((issue) => issue.field === 'params.qurey')!.severity).toBe('warning');
  });

  it('treats a lone placeholder in a string param as matching (pattern not checked), and an embedded one as a string', () => {
    const issues = checkPlan(
      plan([{ extract: ['symbol'] }, { params: { symbol: '${symbol}' } }, { server: 'tavily', tool: 'tavily_search', params: { query: '${symbol} news' } }]),
      INVENTORY,
    );
    expect(issues).toEqual([]);
  });

  it('rejects a placeholder in a numeric param, since it renders to text', () => {
    const issues = checkPlan(plan([{ extract: ['price'] }, { server: 'tavily', tool: 'tavily_search', params: { query: 'x', max_results: '${price}' } }]), INVENTORY);
    expect(codes(issues)).toEqual(['placeholder-type@2:params.max_results']);
    expect(issues[0]!.message).toContain('expects integer');
  });

  it('reports extract paths that cannot exist in the outputSchema, listing what exists', () => {
    const issues = checkPlan(
      plan([
        { extract: ['changePercent'] },
        { server: 'tavily', tool: 'tavily_search', params: { query: 'x' }, extract: ['results[][headline]', 'results{url->rank}', 'query[][x]'] },
        { server: 'polygon', tool: 'polygon_get_news', params: { ticker: 'AAPL' }, extract: ['results[][article_url]', 'results[][author]'] },
      ]),
      INVENTORY,
    );
    expect(codes(issues)).toEqual([
      'impossible-extract-path@1:analysis_requirements.extract[0]',
      'impossible-extract-path@2:analysis_requirements.extract[0]',
      'impossible-extract-path@2:analysis_requirements.extract[1]',
      'impossible-extract-path@2:analysis_requirements.extract[2]',
      'impossible-extract-path@3:analysis_requirements.extract[1]',
    ]);
    expect(issues[0]!.message).toContain('available: symbol, price, changesPercentage, pe');
    expect(issues[3]!.message).toContain('is not a list');
  });

  it('reports extraction forms the environment reads differently (p=price, spaced ->, [0])', () => {
    const issues = checkPlan(plan([{ server: 'python', tool: 'execute_python', params: { code: 'x' }, extract: ['p=price', 'results{title -> score}', 'results[0]'] }]), INVENTORY);
    expect(codes(issues)).toEqual([0, 1, 2].map((index) => `impossible-extract-path@1:analysis_requirements.extract[${index}]`));
    expect(issues[0]!.message).toContain('`p = price`');
    expect(issues[1]!.message).toContain('{title->score}');
  });

  it('reports a variable used before any step introduces it, and hints at the stored key name', () => {
    const issues = checkPlan(plan([{ extract: ['data.quote.price'] }, { params: { symbol: '${ticker}' } }, { compute: ['x = data * 2'] }]), INVENTORY);
    expect(codes(issues)).toContain('undefined-variable@2:params.symbol');
    const computeIssue = issues.find((issue) => issue.field === 'analysis_requirements.compute[0]')!;
    expect(computeIssue.code).toBe('undefined-variable');
    expect(computeIssue.message).toContain('stores its value as `price`');
  });

  it('reports a placeholder that uses the same step\'s own variable (params resolve before the call)', () => {
    const issues = checkPlan(plan([{ params: { symbol: '${symbol}' }, extract: ['symbol'] }]), INVENTORY);
    expect(codes(issues)).toEqual(['undefined-variable@1:params.symbol']);
  });

  it('reports accept_if referencing a variable from another step', () => {
    const issues = checkPlan(plan([{ extract: ['price'] }, { extract: ['symbol'], accept_if: ['price > 0', 'symbol is not None'] }]), INVENTORY);
    expect(codes(issues)).toEqual(['accept-if-foreign-variable@2:analysis_requirements.accept_if[0]']);
    expect(issues[0]!.message).toContain('comes from step 1');
  });

  it('reports expressions that do not parse, with line:column and a caret', () => {
    const issues = checkPlan(plan([{ extract: ['price'], compute: ['x = price *'], accept_if: ["price~='^2'"] }, { params: { symbol: '${len(}' } }]), INVENTORY);
    expect(codes(issues)).toEqual(['parse-error@1:analysis_requirements.compute[0]', 'parse-error@1:analysis_requirements.accept_if[0]', 'parse-error@2:params.symbol']);
    expect(issues[0]!.message).toContain('line 1:12');
    expect(issues[0]!.message).toContain('x = price *\n           ^');
    expect(issues[1]!.message).toContain('line 1:6');
    expect(issues[2]!.message).toContain('line 1:7');
  });

  it('reports compute statements the environment splits surprisingly, or that have no =', () => {
    const issues = checkPlan(plan([{ extract: ['price'], compute: ['big = price >= 5', 'price >= 5', 'len(price)'] }]), INVENTORY);
    expect(codes(issues)).toEqual(['invalid-statement@1:analysis_requirements.compute[1]', 'invalid-statement@1:analysis_requirements.compute[2]']);
    expect(issues[0]!.message).toContain('variable named "price >"');
  });

  it('warns on non-portable helpers and rejects unknown helpers and attribute access', () => {
    const issues = checkPlan(plan([{ extract: ['price', 'symbol'], compute: ['m = median([price])', 'r = round(price)', "s = symbol.lower"] }]), INVENTORY);
    expect(issues.map((issue) => `${issue.severity}:${issue.code}`)).toEqual(['warning:non-portable', 'error:invalid-expression', 'error:invalid-expression']);
    expect(issues[2]!.message).toContain("['lower']");
  });

  it('reports step numbering that is not 1..n', () => {
    const issues = checkPlan(plan([{ step: 1 }, { step: 3 }]), INVENTORY);
    expect(codes(issues)).toEqual(['step-numbering@3:tool_sequence[1].step']);
  });

  it('warns when the step count is outside the complexity range', () => {
    expect(codes(checkPlan(plan([{}]), INVENTORY, { complexity: 'simple' }))).toEqual(['step-count@-:tool_sequence']);
    expect(checkPlan(plan([{}, {}, {}, {}]), INVENTORY, { complexity: 'moderate' })).toEqual([]);
    expect(checkPlan(plan(Array.from({ length: 6 }, () => ({}))), INVENTORY, { complexity: 'complex' })[0]!.severity).toBe('warning');
  });

  it('checks next_args_from names a variable of the same step that the next step uses', () => {
    const foreign = checkPlan(plan([{ extract: ['price'] }, { extract: ['symbol'], next_args_from: 'price' }, { params: { symbol: '${symbol}' } }]), INVENTORY);
    expect(codes(foreign)).toEqual(['next-args-from@2:analysis_requirements.next_args_from']);
    const unused = checkPlan(plan([{ extract: ['symbol'], next_args_from: 'symbol' }, {}]), INVENTORY);
    expect(unused.map((issue) => `${issue.severity}:${issue.code}`)).toEqual(['warning:next-args-from']);
  });

  it('reports grounded_from keys that no step introduces', () => {
    const issues = checkPlan(plan([{ extract: ['price'] }], { grounded_from: ['price', 'eps'], must_include: ['eps'] }), INVENTORY);
    expect(issues.map((issue) => `${issue.severity}:${issue.field}`)).toEqual(['error:final_answer_requirements.grounded_from[1]', 'warning:final_answer_requirements.must_include[0]']);
  });
});
