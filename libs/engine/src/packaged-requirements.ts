import { readAsks } from '@forge/asks';
import type { Reference } from '@forge/composer';
import type { Plan, Trace } from '@forge/plan';
import { answerTokens, valueInText } from '@forge/replay';

// What a packaged sample requires of its answer, settled once the run and the reference are known: the asks with the
// names the run resolved, the facts the answer states (as the environment's matcher finds them), and a length range
// the reference itself meets.

const PROSE_CHARS = 160;

/**
 * The packaged answer requirements are what the reference answer states, as the environment scores it: grounded_from
 * = the facts the answer used whose values its matcher finds in the text (libs/replay), must_include = the planned
 * ones among them. A planned must_include fact the answer does not state findably is a failure, never dropped. Left
 * out of both: a boolean flag (a check, not a figure an answer states) and a prose text longer than a sentence (a
 * company description: an answer summarises it, and the judge, not the substring matcher, scores a summary).
 */
export function statedRequirements(plan: Plan, trace: Trace, reference: Reference): { plan: Plan } | { missing: string[] } {
  const requirements = plan.final_answer_requirements;
  const text = reference.answer_text;
  const stateable = (key: string) => {
    const value = trace.state[key];
    return key in trace.state && typeof value !== 'boolean' && !(typeof value === 'string' && value.length > PROSE_CHARS);
  };
  const stated = (key: string) => stateable(key) && valueInText(trace.state[key], text);
  const missing = requirements.must_include.filter((key) => stateable(key) && !stated(key));
  if (missing.length > 0) return { missing };
  const mustInclude = requirements.must_include.filter(stated);
  const groundedFrom = [...new Set([...mustInclude, ...Object.keys(reference.facts).filter(stated)])];
  if (groundedFrom.length === 0) return { missing: ['(the answer states no tool fact)'] };
  return { plan: { ...plan, final_answer_requirements: { ...requirements, must_include: mustInclude, grounded_from: groundedFrom } } };
}

const SYMBOL_PARAMS = new Set(['symbol', 'ticker', 'symbols', 'tickers', 'stocksTicker']);

/** The symbols the run asked tools about (placeholders resolved), in first-use order: what picks and tables range over. */
function tracedSymbols(trace: Trace): string[] {
  const symbols: string[] = [];
  for (const step of trace.steps) {
    if (step.tool === 'fmp_search_ticker') continue;
    for (const [name, value] of Object.entries(step.args)) {
      if (!SYMBOL_PARAMS.has(name)) continue;
      for (const item of Array.isArray(value) ? value : String(value).split(',')) {
        const symbol = String(item).trim();
        if (/^[A-Z][A-Z.]{0,5}$/.test(symbol) && !symbols.includes(symbol)) symbols.push(symbol);
      }
    }
  }
  return symbols;
}

/** Attaches what the prompt asks (libs/asks) to the plan, so the composer answers it, the gate checks it and a judge sees it. */
export function withAsks(plan: Plan, prompt: string): Plan {
  if (plan.final_answer_requirements.asks) return plan;
  return { ...plan, final_answer_requirements: { ...plan.final_answer_requirements, asks: readAsks(prompt) } };
}

/**
 * The asks' entities, once the run has resolved every name to its symbol: the symbols the run asked about, less a
 * benchmark asked against (it is the yardstick, not a pick).
 */
export function withEntities(plan: Plan, trace: Trace): Plan {
  const asks = plan.final_answer_requirements.asks;
  if (!asks || asks.entities.length > 0) return plan;
  const benchmarks = new Set(asks.asks.flatMap((ask) => (ask.kind === 'benchmark' ? [ask.symbol] : [])));
  const symbols = tracedSymbols(trace);
  const names = symbols.filter((symbol) => !benchmarks.has(symbol));
  const entities = names.length > 0 ? names : symbols;
  return { ...plan, final_answer_requirements: { ...plan.final_answer_requirements, asks: { ...asks, entities } } };
}

/**
 * The environment scores length against `target_length_range` in whitespace tokens. A length the prompt asked for
 * ("<= 60 words") caps the answer: going over it is a compose failure. Otherwise the range is the
 * planner's guess for the format, and it is widened to take in the reference answer, the exemplar of the target.
 */
export function fittedLength(plan: Plan, text: string): { plan: Plan } | { problem: string } {
  const tokens = answerTokens(text);
  const [low, high] = plan.judge_rubric.target_length_range;
  if (tokens >= low && tokens <= high) return { plan };
  if (tokens > high && /\bwords?\b/i.test(plan.final_answer_requirements.format)) {
    return { problem: `the answer is ${tokens} words, outside the asked length ${low}-${high} (${plan.final_answer_requirements.format})` };
  }
  const range: [number, number] = [Math.min(low, Math.max(1, Math.floor(tokens * 0.75))), Math.max(high, Math.ceil(tokens * 1.25))];
  return { plan: { ...plan, judge_rubric: { ...plan.judge_rubric, target_length_range: range } } };
}
