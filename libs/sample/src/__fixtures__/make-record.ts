import type { GenerationRecord } from '@forge/engine';
import type { Complexity } from '@forge/catalog';

export interface RecordShape {
  promptId?: string;
  promptIndex?: number;
  complexity?: Complexity;
  symbol?: string;
  key?: string;
}

const GAP_CODE = 'closes = json.loads(c)\navg5 = round(statistics.mean(closes[-5:]), 2)\nresult = {"avg5": avg5, "gap_pct": round((closes[-1] - avg5) / avg5 * 100, 2)}';

/** A 3-step GenerationRecord (quote → bars → python) as the engine would append it. */
export function makeRecord(shape: RecordShape = {}): GenerationRecord {
  const symbol = shape.symbol ?? 'NVDA';
  const promptId = shape.promptId ?? 'M07';
  return {
    status: 'sample',
    key: shape.key ?? `key-${promptId}`,
    prompt_id: promptId,
    prompt_index: shape.promptIndex ?? 6,
    complexity: shape.complexity ?? 'moderate',
    original_complexity: 'medium',
    user_prompt: `How did ${symbol} close today versus its 5-day average? Use <b>tools</b> & "cite" them.`,
    metadata: { category: 'price-action' },
    provenance: {
      planner: 'rule-v1', composer: 'template-v1', model: 'none', backend: 'snapshot',
      snapshot_id: 'synthetic-2026-11-25', as_of: '2026-11-25T21:30:00Z',
      inventory_sha256: 'a'.repeat(64), template_version: 'v1', catalog_sha256: 'c'.repeat(64),
    },
    generated_at: '2026-11-26T10:00:00.000Z',
    attempts: 1,
    plan: {
      tool_sequence: [
        {
          step: 1, server: 'fmp', tool: 'fmp_get_quote', params: { symbol },
          analysis_requirements: { extract: ['price', 'previousClose'], compute: [], select: [], accept_if: ['price > 0'] },
        },
        {
          step: 2, server: 'polygon', tool: 'polygon_get_aggs',
          params: { ticker: symbol, from: '2026-11-19', to: '2026-11-25', timespan: 'day' },
          analysis_requirements: { extract: ['closes = results[][c]'], compute: [], select: [], accept_if: ['len(closes) >= 5'], next_args_from: 'closes' },
        },
        {
          step: 3, server: 'python', tool: 'execute_python',
          params: { code: GAP_CODE, inputs: { c: '${closes}' } },
          analysis_requirements: { extract: ['avg5 = result.avg5', 'gap_pct = result.gap_pct'], compute: [], select: [], accept_if: ['avg5 > 0'] },
        },
      ],
      final_answer_requirements: {
        format: 'one short paragraph', must_include: ['price', 'avg5'], grounded_from: ['price', 'avg5', 'gap_pct'],
        quality_criteria: ['states the direction of the gap'],
      },
      judge_rubric: { weights: { coverage: 0.3, grounding: 0.4, clarity: 0.2, safety: 0.1 }, target_length_range: [30, 120], schema: ['coverage', 'grounding', 'clarity', 'safety', 'total'] },
    },
    plan_issues: [],
    repairs: 0,
    trace: {
      steps: [
        {
          step: 1, server: 'fmp', tool: 'fmp_get_quote', status: 'ok', args: { symbol }, latency_ms: 2.5,
          structured_content: { symbol, price: 181.2, previousClose: 178.4 },
          extracted: { price: 181.2, previousClose: 178.4 }, computed: {}, missing: [],
          accept: [{ condition: 'price > 0', passed: true }], accepted: true,
        },
        {
          step: 2, server: 'polygon', tool: 'polygon_get_aggs', status: 'ok',
          args: { ticker: symbol, from: '2026-11-19', to: '2026-11-25', timespan: 'day' }, latency_ms: 3.1,
          structured_content: { ticker: symbol, results: [{ c: 175 }, { c: 176 }, { c: 177 }, { c: 178.4 }, { c: 181.2 }] },
          extracted: { closes: [175, 176, 177, 178.4, 181.2] }, computed: {}, missing: [],
          accept: [{ condition: 'len(closes) >= 5', passed: true }], accepted: true,
        },
        {
          step: 3, server: 'python', tool: 'execute_python', status: 'ok',
          args: { code: GAP_CODE, inputs: { c: '[175, 176, 177, 178.4, 181.2]' } }, latency_ms: 12.4,
          structured_content: { result: { avg5: 177.52, gap_pct: 2.07 }, stdout: '' },
          extracted: { avg5: 177.52, gap_pct: 2.07 }, computed: {}, missing: [],
          accept: [{ condition: 'avg5 > 0', passed: true }], accepted: true,
        },
      ],
      state: { price: 181.2, previousClose: 178.4, closes: [175, 176, 177, 178.4, 181.2], avg5: 177.52, gap_pct: 2.07 },
      started_at: '2026-11-26T09:59:59.000Z',
      finished_at: '2026-11-26T10:00:00.000Z',
      all_accepted: true,
    },
    reference: {
      answer_text: `${symbol} closed at 181.2, 2.07% above its 5-day average of 177.52.`,
      facts: { price: 181.2, avg5: 177.52, gap_pct: 2.07 },
      citations: [
        { fact: 'price', step: 1, tool: 'fmp.fmp_get_quote' },
        { fact: 'avg5', step: 3, tool: 'python.execute_python' },
        { fact: 'gap_pct', step: 3, tool: 'python.execute_python' },
      ],
    },
    grounding: { ok: true, ungrounded: [], missing: [] },
    usage: [{ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }],
    timings_ms: { plan: 1, run: 18, compose: 1, total: 20 },
  };
}
