import { describe, expect, it } from 'vitest';
import { checkPlan, runPlan, type Plan } from '@forge/plan';
import { useSnapshotHub } from '../../tool-world/src/__fixtures__/snapshot-hub.ts';

// A hand-written quote → news → Python plan, checked and run against the five real servers and the snapshot.
const plan: Plan = {
  tool_sequence: [
    {
      step: 1,
      server: 'fmp',
      tool: 'fmp_get_quote',
      params: { symbol: 'AAPL' },
      analysis_requirements: {
        extract: ['price = price', 'prev_close = previousClose', 'change_pct = changesPercentage'],
        compute: [],
        select: [],
        accept_if: ['price > 0', 'prev_close > 0'],
      },
    },
    {
      step: 2,
      server: 'polygon',
      tool: 'polygon_get_news',
      params: { ticker: 'AAPL', limit: 5 },
      analysis_requirements: {
        extract: ['titles = results[][title]', 'urls = results[][article_url]'],
        compute: ['n_titles = len(titles)'],
        select: ['top = head(titles, 2)'],
        accept_if: ['n_titles > 0', "urls ~= 'https://'"],
      },
    },
    {
      step: 3,
      server: 'python',
      tool: 'execute_python',
      params: {
        code: 'p = float(price)\npc = float(prev_close)\nresult = {"move_pct": round((p - pc) / pc * 100, 2), "n": len(json.loads(top))}',
        inputs: { price: '${price}', prev_close: '${prev_close}', top: '${top}' },
      },
      analysis_requirements: { extract: ['move_pct = result.move_pct', 'n = result.n'], compute: [], select: [], accept_if: ['move_pct is not None', 'n == 2'] },
    },
  ],
  final_answer_requirements: { format: 'one paragraph', must_include: ['price', 'move_pct'], grounded_from: ['price', 'move_pct', 'top'], quality_criteria: [] },
  judge_rubric: { weights: { coverage: 0.35, grounding: 0.35, clarity: 0.2, safety: 0.1 }, target_length_range: [20, 120], schema: ['coverage', 'grounding', 'clarity', 'safety', 'total'] },
};

const snapshotHub = useSnapshotHub('run-plan');

describe('runPlan over the real servers', () => {
  it('checks clean and runs quote → news → python with every step accepted and the state it promises', async () => {
    expect(checkPlan(plan, snapshotHub().inventory(), { complexity: 'simple' }).filter((issue) => issue.severity === 'error')).toEqual([]);
    const trace = await runPlan(plan, snapshotHub());
    expect(trace.steps.map((step) => [step.tool, step.status, step.accepted])).toEqual([
      ['fmp_get_quote', 'ok', true],
      ['polygon_get_news', 'ok', true],
      ['execute_python', 'ok', true],
    ]);
    const { price, prev_close: previous, change_pct: change, move_pct: move, top } = trace.state as Record<string, number & string[]>;
    expect(trace.steps[2].args.inputs).toEqual({ price: String(price), prev_close: String(previous), top: JSON.stringify(top).replace(/","/g, '", "') });
    // The python step recomputes FMP's own percent move from the two prices it was handed.
    expect(move).toBeCloseTo(change, 1);
    expect(top).toHaveLength(2);
    expect(trace.all_accepted).toBe(true);
  });

  it('records an unknown symbol as a tool error and carries on to the end of the plan', async () => {
    const broken: Plan = { ...plan, tool_sequence: plan.tool_sequence.map((step) => (step.step === 1 ? { ...step, params: { symbol: 'XYZQ' } } : step)) };
    const trace = await runPlan(broken, snapshotHub());
    expect(trace.steps[0]).toMatchObject({ status: 'tool_error', accepted: false });
    expect(trace.steps[0].why).toContain('unknown symbol XYZQ');
    expect(trace.steps[1]).toMatchObject({ status: 'ok', accepted: true });
    expect(trace.steps[2]).toMatchObject({ status: 'skipped', accepted: false });
    expect(trace.all_accepted).toBe(false);
  });
});
