import type { Plan } from '@forge/plan';

/**
 * The one worked example shown to the model: quote → news → python, valid against docs/tools.md. It shows the
 * habits the checker and the training environment reward: aliased extractions, accept_if over the step's own
 * variables, placeholders as plain variable references, and python inputs passed as text.
 */
export const OPENAI_PLAN_EXAMPLE = {
  prompt: "How did Apple's stock move in the last session, and what is in the news about it?",
  complexity: 'simple',
  plan: {
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
          extract: ['headlines = results[][title]', 'news_count = count'],
          compute: [],
          select: ['top_headlines = head(headlines, 3)'],
          accept_if: ['news_count > 0', 'len(top_headlines) > 0'],
        },
      },
      {
        step: 3,
        server: 'python',
        tool: 'execute_python',
        params: {
          code: 'p = float(price)\npc = float(prev_close)\nresult = {"move_pct": round((p - pc) / pc * 100, 2), "direction": "up" if p >= pc else "down"}',
          inputs: { price: '${price}', prev_close: '${prev_close}' },
        },
        analysis_requirements: {
          extract: ['move_pct = result.move_pct', 'direction = result.direction'],
          compute: [],
          select: [],
          accept_if: ['move_pct is not None', "direction in ['up', 'down']"],
        },
      },
    ],
    final_answer_requirements: {
      format: 'paragraph (<= 120 words)',
      must_include: ['price', 'move_pct', 'top_headlines'],
      grounded_from: ['price', 'prev_close', 'change_pct', 'move_pct', 'direction', 'top_headlines'],
      quality_criteria: ['states the last close and the percent move with its sign', 'cites at most three headlines', 'no advice'],
    },
    judge_rubric: {
      weights: { coverage: 0.35, grounding: 0.35, clarity: 0.2, safety: 0.1 },
      target_length_range: [50, 140],
      schema: ['coverage', 'grounding', 'clarity', 'safety', 'total'],
    },
  } satisfies Plan,
};
