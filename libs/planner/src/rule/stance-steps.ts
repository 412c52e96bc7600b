/**
 * A stance among action options the prompt names without a rule ("buy, hold or sell?", "OW XOM / OW CVX / neutral",
 * "a good time to add, or should they wait?"). The plan decides it in a python step by an explicit scorecard the
 * sample records (its thresholds and each name's points are in the step's result), over the facts the prompt points
 * at: valuation, the 52-week range, the news tone, the price action, the excess over a benchmark. The answer leads
 * with the option the step chose; the post, if any, can quote it.
 */
import { stanceLean, type Ask, type StanceLean as Lean } from '@forge/asks';
import type { Facet } from './read-prompt.ts';
import type { PlanBuilder } from './plan-builder.ts';
import type { EntityRef } from './entity-steps.ts';
import { snippet } from './python-snippets.ts';

export type Signal = 'valuation' | 'range' | 'news' | 'momentum' | 'excess';

export interface Scorecard {
  /** Each option as the prompt wrote it, with the lean it takes or the one name it favours. */
  options: Array<{ option: string; lean?: Lean; symbol?: string; span?: 'all' | 'none' }>;
  /** The signals the prompt points at; all available ones when it names none. */
  signals: Signal[];
}

/** The scorecard a stance ask calls for, or undefined when it has a stated rule or options that are not actions. */
export function readScorecard(stance: Extract<Ask, { kind: 'stance' }> | undefined, prompt: string, symbols: string[]): Scorecard | undefined {
  if (!stance || stance.rule) return undefined;
  const options = stance.options.map((lowered) => {
    // As the prompt wrote it ("OW XOM"): the answer states the option the step returns verbatim.
    const at = prompt.toLowerCase().indexOf(lowered);
    const option = at >= 0 ? prompt.slice(at, at + lowered.length) : lowered;
    const symbol = symbols.find((candidate) => new RegExp(`\\b${candidate}\\b`, 'i').test(option));
    // "escalate both" / "escalate neither": every name, or none, flagged the way the named options lean.
    const span: 'all' | 'none' | undefined = /\b(?:both|all(?: of them)?)\s*$/.test(lowered) ? 'all' : /\b(?:neither|none)\s*$/.test(lowered) ? 'none' : undefined;
    return { option, lean: stanceLean(lowered), ...(symbol ? { symbol } : {}), ...(span && !symbol ? { span } : {}) };
  });
  if (options.length < 2 || options.some((option) => option.lean === undefined)) return undefined;
  // Options naming names pick one name ("OW XOM / OW CVX / neutral"); otherwise they are a call on each name.
  const named = options.filter((option) => option.symbol);
  if (named.length > 0 && named.length < 2) return undefined;
  // Per-name options with both/neither need the names' lean to agree ("escalate ARM, escalate INTC, both or neither").
  if (options.some((option) => option.span) && new Set(named.map((option) => option.lean)).size > 1) return undefined;
  const t = prompt.toLowerCase();
  const signals: Signal[] = [];
  if (/valuation|p\/e|\bpe\b|multiple|cheap|expensive|earnings/.test(t)) signals.push('valuation');
  if (/52[- ]?w(?:ee)?k|52w|year(?:'s)? (?:range|high|low)|\brange\b|\b(?:its|the) high\b/.test(t)) signals.push('range');
  if (/news|headline|tone|sentiment|coverage/.test(t)) signals.push('news');
  if (/price action|momentum|trend|return|performance|\bmove|sessions?\b|\bchg\b|change|\bdone\b|how it'?s done|tape/.test(t)) signals.push('momentum');
  if (/\bvs\.?\b|versus|against|compare|relative|benchmark|outperform|underperform|excess/.test(t)) signals.push('excess');
  return { options, signals: signals.length ? signals : ['valuation', 'range', 'news', 'momentum', 'excess'] };
}

/** The facets the scorecard's signals need fetched. */
export function scorecardFacets(card: Scorecard): Facet[] {
  const facets: Facet[] = ['price', 'move'];
  if (card.signals.includes('valuation')) facets.push('valuation');
  if (card.signals.includes('range')) facets.push('range');
  // The step counts the headlines' tags itself: no sentiment step per name.
  if (card.signals.includes('news')) facets.push('headline');
  return facets;
}

/** Each name's points per signal, the total, and the option the totals give. Thresholds are in the code and the result. */
export const SCORECARD_CODE = snippet(
  'names = json.loads(names) if isinstance(names, str) else names',
  'options = json.loads(options) if isinstance(options, str) else options',
  'signals = json.loads(signals) if isinstance(signals, str) else signals',
  'windowed = str(windowed) == "True"',
  'def tone(notes, ticker):',
  '    tags = [i.get("sentiment") for item in arr(notes) for i in (item or []) if isinstance(i, dict) and i.get("ticker") == ticker]',
  '    return tags.count("positive"), tags.count("negative")',
  'def card(d):',
  '    rows = []',
  '    pe = num(d.get("pe"))',
  '    if "valuation" in signals and pe is not None and pe > 0:',
  '        rows.append(["P/E " + str(pe), 1 if pe < 15 else -1 if pe > 35 else 0])',
  '    price, high, low = num(d.get("price")), num(d.get("high")), num(d.get("low"))',
  '    if "range" in signals and None not in (price, high, low) and high > low:',
  '        where = round((price - low) / (high - low) * 100, 1)',
  '        rows.append([str(where) + "% of the way up its 52-week range", 1 if where <= 25 else -1 if where >= 90 else 0])',
  '    if "news" in signals and d.get("notes") not in (None, "None"):',
  '        up, down = tone(d.get("notes"), d["ticker"])',
  '        rows.append([str(up) + " positive and " + str(down) + " negative headlines", 1 if up > down else -1 if down > up else 0])',
  '    ret, move = num(d.get("return")), num(d.get("move"))',
  '    if "momentum" in signals and windowed and ret is not None:',
  '        rows.append([("+" if ret >= 0 else "") + str(ret) + "% over the window", 1 if ret > 2 else -1 if ret < -2 else 0])',
  '    elif "momentum" in signals and move is not None:',
  '        rows.append([("+" if move >= 0 else "") + str(move) + "% on the session", 1 if move > 1 else -1 if move < -1 else 0])',
  '    excess = num(d.get("excess"))',
  '    if "excess" in signals and excess is not None:',
  '        rows.append([("+" if excess >= 0 else "") + str(excess) + " percentage points against the benchmark", 1 if excess > 1 else -1 if excess < -1 else 0])',
  '    return rows',
  'cards = {d["ticker"]: card(d) for d in names}',
  'totals = {t: sum(p for _, p in rows) for t, rows in cards.items()}',
  'def lean(name):',
  '    return next((o["option"] for o in options if o.get("lean") == name and not o.get("symbol")), None)',
  'named = [o for o in options if o.get("symbol")]',
  'choice, decided = None, None',
  'spans = {o.get("span"): o["option"] for o in options if o.get("span")}',
  // Each named option is taken when its name's total leans its way (a bearish action at -1 or less, a bullish one at +1 or more).
  'if named and spans:',
  '    taken = [o for o in named if (totals.get(o["symbol"], 0) <= -1 if o.get("lean") == "bear" else totals.get(o["symbol"], 0) >= 1)]',
  '    if len(taken) == len(named) and "all" in spans:',
  '        choice = spans["all"]',
  '    elif not taken and "none" in spans:',
  '        choice = spans["none"]',
  '    elif taken:',
  '        best = sorted(taken, key=lambda o: abs(totals.get(o["symbol"], 0)), reverse=True)[0]',
  '        choice, decided = best["option"], best["symbol"]',
  'elif named:',
  '    ranked = sorted(named, key=lambda o: -totals.get(o["symbol"], 0))',
  '    best = ranked[0]',
  '    if all(totals.get(best["symbol"], 0) > totals.get(o["symbol"], 0) for o in ranked[1:]):',
  '        choice, decided = best["option"], best["symbol"]',
  '    else:',
  '        choice = lean("neutral") or lean("bear")',
  'else:',
  '    total = sum(totals.values())',
  '    order = ["bull"] if total >= 1 else ["bear"] if total <= -1 else []',
  '    for name in order + ["neutral", "bear", "bull"]:',
  '        choice = choice or lean(name)',
  'rule = "scorecard: +1/-1 per signal (P/E below 15 / above 35; price in the bottom quarter / top tenth of its 52-week range; more positive / more negative headlines; a move above +2% / below -2% over the window, or above +1% / below -1% on the session; more than 1 point above / below the benchmark); " + ("a named action is taken for each name whose total leans its way (-1 or less for a risk action, +1 or more for a buying one), both or neither when all or none do" if named and spans else "the name with the highest total, neutral on a tie" if named else "a total of +1 or more is the bullish option, -1 or less the bearish one, else the neutral one")',
  'result = {',
  '    "option": choice,',
  '    "favoured": decided,',
  '    "totals": totals,',
  '    "signals": {t: [text + " (" + ("+" if p > 0 else "") + str(p) + ")" for text, p in rows] for t, rows in cards.items()},',
  '    "rule": rule,',
  '}',
);

const ref = (name: string) => `\${${name}}`;

/** The scorecard step over the names (a benchmark is the yardstick, not a name to rate). */
export function addScorecardStep(plan: PlanBuilder, card: Scorecard, entities: EntityRef[], benchmark: string | undefined, windowed: boolean): void {
  const has = (key: string) => plan.groundedFrom.includes(key);
  const rated = entities.filter((entity) => entity.symbol !== benchmark);
  const value = (key: string) => (has(key) ? ref(key) : 'None');
  const names = rated.map((entity) => {
    const s = entity.slug;
    const excess = benchmark ? plan.groundedFrom.find((key) => key.startsWith(`${s}_vs_`) && key.endsWith(windowed ? '_excess_period' : '_excess_today')) : undefined;
    return {
      ticker: entity.symbol, pe: value(`${s}_pe`), price: value(`${s}_price`), high: value(`${s}_year_high`), low: value(`${s}_year_low`),
      notes: value(`${s}_insights`), return: value(`${s}_return_n`), move: value(`${s}_change_pct`), excess: excess ? ref(excess) : 'None',
    };
  });
  plan.add('python', 'execute_python', {
    code: SCORECARD_CODE,
    inputs: { names, options: JSON.stringify(card.options), signals: JSON.stringify(card.signals), windowed: windowed ? 'True' : 'False' },
  }, {
    extract: ['stance_option = result.option', 'stance_favoured = result.favoured', 'stance_totals = result.totals', 'stance_signals = result.signals', 'stance_rule = result.rule'],
    accept_if: ['stance_option is not None'],
  });
  plan.require('stance_option', 'stance_signals');
  plan.criterion(`takes one of the stances ${card.options.map((option) => `"${option.option}"`).join(', ')} by the scorecard the plan records, and says why`);
}
