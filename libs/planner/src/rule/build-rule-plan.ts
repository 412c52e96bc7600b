import { ForgeError } from '@forge/errors';
import { detectFacets } from './detect-facets.ts';
import type { Complexity } from '@forge/catalog';
import type { Plan } from '@forge/plan';
import { postedTexts, type Facet, type PromptReading } from './read-prompt.ts';
import type { Entity } from './resolve-entities.ts';
import { PlanBuilder } from './plan-builder.ts';
import {
  addBarsStep, addDetailsStep, addIncomeStep, addNewsStep, addPreviousCloseStep, addProfileStep, addQuoteStep, addSearchStep,
  type Done, type EntityRef,
} from './entity-steps.ts';
import {
  addExcessReturnsStep, addFactCheckStep, addQuoteGapStep, addIncomeAnalysisStep, addRangePositionStep, addRankStep, addSentimentStep, addTrendsStep,
  addVolumeVsAverageStep,
} from './analysis-steps.ts';
import { requireFacts } from './require-facts.ts';
import { formatLabel } from './read-answer-form.ts';
import { addWindowSteps, narrowFacets, readBarWindow, requireWindowFacts, type BarWindow } from './window-steps.ts';
import { addClaimCheckSteps, addHaltCheckSteps, isEventClaim, isTradingHaltClaim } from './claim-check.ts';
import { addCoverageNewsStep, addCoverageStep, narrowToCoverage, readCoverage, type Coverage } from './coverage-steps.ts';
import { addConditionStep, readBranches, readCondition } from './condition-steps.ts';
import { addMoverSteps } from './mover-steps.ts';
import { addConditionalPostStep, readConditionalPost } from './conditional-post.ts';
import { addDigestStep, addMarketStatusStep, addSlackReadSteps, addSlackSteps, addWebSearchStep, webQuery } from './context-steps.ts';
import { addScreenStep, type GroupScreen } from './screen-group.ts';
import { addScorecardStep, readScorecard, scorecardFacets } from './stance-steps.ts';

/** What the planner learned from the tools before planning (read-only lookups). */
export interface PlanContext {
  /** Daily-bar window ending at the latest session. */
  range: { from: string; to: string };
  /** Symbols the profile lookup marked as funds. */
  funds: Set<string>;
  /** Symbols whose quote has no P/E (negative earnings); their answers state the EPS alone. */
  noPe?: Set<string>;
  /** The sector or industry group the prompt named, screened at plan time; its members are the entities. */
  screen?: GroupScreen;
  /** Peers of the one company a "just the sector, or company news?" question is about: quoted and ranked beside it. */
  peers?: Entity[];
  /** Over the tool limit: leave out the calls another step's facts already cover (see addEntitySteps). */
  lean?: boolean;
}

export const STEP_RANGE: Record<Complexity, [number, number]> = { simple: [2, 4], moderate: [4, 8], complex: [7, 16] };

const LENGTH: Record<PromptReading['format'], [number, number]> = {
  'one sentence': [8, 60],
  'short paragraph': [20, 160],
  'one paragraph': [40, 220],
  bullets: [20, 260],
};

/** Answer length in words: the format's usual range, capped by a word limit the prompt sets. */
function lengthRange(reading: PromptReading): [number, number] {
  const [low, high] = LENGTH[reading.format];
  if (!reading.wordLimit) return [low, high];
  const cap = Math.min(high, reading.wordLimit);
  return [Math.min(low, Math.max(1, Math.floor(cap / 2))), cap];
}

type Metric = { metric: string; label: string };

/** What a ranking across several names orders by: window return, income growth, volume, market cap or the day's move. */
function rankMetric(reading: PromptReading): Metric | undefined {
  const f = reading.facets;
  const text = reading.rawText.toLowerCase();
  if (f.has('valuation') && /cheap|expensive/.test(text)) return { metric: 'pe', label: 'pe' };
  if (f.has('range-position') && /rank|closest|furthest|which/.test(text)) return { metric: 'pct_below_high', label: 'below_high' };
  if (f.has('bar-stats') && /volatil/.test(text) && /which|more|most|less|least|rank|compare/.test(text)) return { metric: 'volatility', label: 'volatility' };
  if (f.has('income')) return undefined; // the income step ranks by revenue growth or net margin itself
  if (f.has('valuation') && /cheap|expensive|rank|compare|higher|lower|which/.test(text)) return { metric: 'pe', label: 'pe' };
  if (f.has('trend') && (reading.sessions !== undefined || /return|trend|sessions|week|days|month|performance/.test(text))) return { metric: 'return_n', label: 'return' };
  if (f.has('market-cap') && /rank|compare|largest|biggest|bigger|larger|which/.test(text)) return { metric: 'market_cap', label: 'market_cap' };
  if (f.has('volume') && /most shares|traded the most|volume/.test(text) && !f.has('move')) return { metric: 'volume', label: 'volume' };
  return { metric: 'change_pct', label: 'move' };
}

/** Today's quote is needed for price, the day's move, volume, valuation and ranges; a multi-session question alone needs only bars. */
export function needsQuote(reading: PromptReading): boolean {
  const f = reading.facets;
  // "10-session return" names a window, not today's session.
  const aboutToday = /today|(?<![\d-])session\b|right now|current|latest (price|quote|session)|on the day|price|quote/i.test(reading.rawText);
  // Quote-only facts need the quote whatever the period.
  if (reading.quoteAverages || ['range', 'valuation', 'market-cap', 'fact-check'].some((facet) => f.has(facet as Facet))) return true;
  if (f.has('trend') && !aboutToday && !f.has('volume-vs-average') && !f.has('price')) return false;
  if (['price', 'move', 'volume', 'volume-vs-average', 'market-cap', 'excess-return', 'fact-check', 'valuation', 'range'].some((facet) => f.has(facet as Facet))) return true;
  const metric = f.has('ranking') ? rankMetric(reading)?.metric : undefined;
  return metric === 'change_pct' || metric === 'volume' || metric === 'market_cap';
}

/**
 * Lean: a window's bars carry the last close and the day's move a quote would add (the trend step states them), so
 * the quote is needed only for what bars lack (volume against the average, valuation, ranges, market cap).
 */
function quoteFromBars(reading: PromptReading): boolean {
  const f = reading.facets;
  return f.has('trend') && !wantsBarStats(reading) && !reading.quoteAverages
    && !['volume', 'volume-vs-average', 'valuation', 'range', 'market-cap', 'fact-check'].some((facet) => f.has(facet as Facet));
}

/** Window statistics (volatility, best/worst day, drawdown, latest volume vs the window's average) are asked for. */
export function wantsBarStats(reading: PromptReading): boolean {
  return reading.facets.has('bar-stats') || (reading.facets.has('trend') && /average (?:daily )?volume/i.test(reading.rawText));
}

/** The index fund a relative-performance question compares against, if any. */
function benchmarkOf(reading: PromptReading, entities: Entity[], context: PlanContext): string | undefined {
  if (!reading.facets.has('excess-return') || entities.length < 2) return undefined;
  return (entities.find((entity) => context.funds.has(entity.symbol)) ?? entities[entities.length - 1]).symbol;
}

function addEntitySteps(
  plan: PlanBuilder, done: Done, reading: PromptReading, entity: EntityRef, context: PlanContext, isBenchmark: boolean, coverage: Coverage | undefined,
): void {
  const f = reading.facets;
  const sessions = reading.sessions ?? 5;
  // Lean: a window's bars carry the closes a quote would add, and a quote carries the close a previous-close bar would.
  const barsCoverQuote = context.lean === true && quoteFromBars(reading);
  if (needsQuote(reading) && !barsCoverQuote) {
    addQuoteStep(plan, done, entity, {
      volume: f.has('volume'), marketCap: f.has('market-cap'), valuation: f.has('valuation'), range: f.has('range'), averages: reading.quoteAverages,
    });
  }
  const quoted = needsQuote(reading) && !barsCoverQuote;
  if (f.has('fact-check') || f.has('session-bar') || (f.has('price') && reading.sessions === undefined && /clos(e|ing)|session/.test(reading.rawText) && !(context.lean && quoted))) {
    addPreviousCloseStep(plan, done, entity);
  }
  if (f.has('profile')) addProfileStep(plan, done, entity);
  if (f.has('trend')) addBarsStep(plan, done, entity, context.range, sessions, wantsBarStats(reading));
  if (f.has('income') && reading.statements) addIncomeStep(plan, done, entity, reading.statements.period, reading.statements.count);
  // News explains the subject's move; the benchmark's own news adds nothing to that.
  if (isBenchmark) return;
  if (coverage) addCoverageNewsStep(plan, entity, coverage);
  else if (f.has('headline')) {
    const sources = reading.asks.some((ask) => ask.kind === 'list' && ask.of === 'headlines' && ask.fields.includes('source'));
    addNewsStep(plan, done, entity, reading.items, f.has('sentiment') || f.has('risk-opportunity'), sources);
  }
}

function addAnalysisSteps(plan: PlanBuilder, reading: PromptReading, entities: EntityRef[], context: PlanContext, window?: BarWindow): void {
  const f = reading.facets;
  // "From the Nov 11 close to Nov 25", "between 2 and 25 November": the dated window is the period returns are measured over.
  const dated = window?.kind === 'dates' && window.from < window.to && !f.has('trend');
  const sessions = reading.sessions ?? 5;
  const benchmarkSymbol = benchmarkOf(reading, entities, context);
  const benchmark = entities.find((entity) => entity.symbol === benchmarkSymbol);
  // A dated window's return is under the trend's key too (`<slug>_return_n`).
  const metric = dated && /return|perform|fared|did|change|move|beat|outperform|underperform|lagg|worse|better|best|worst/i.test(reading.rawText) && !f.has('valuation') ? { metric: 'return_n', label: 'return' } : rankMetric(reading);
  // A name without a P/E (negative earnings) cannot be ranked by it.
  const ranked = entities.filter((entity) => (entity !== benchmark || entities.length > 2) && !(metric?.metric === 'pe' && context.noPe?.has(entity.symbol)));
  const ranks = metric !== undefined && ranked.length > 1 && (f.has('ranking') || f.has('trend') || reading.declineThreshold !== undefined);
  // Lean, the trend step also ranks the returns and states the day's close and move from the bars.
  const rankInTrend = context.lean === true && ranks && metric!.metric === 'return_n' && f.has('trend') && !wantsBarStats(reading);
  // One python step computes every name's trend: a step per name would spend the tool budget on arithmetic.
  if (f.has('trend') && entities.length > 0) {
    addTrendsStep(plan, entities, sessions, f.has('moving-average'), wantsBarStats(reading), {
      quoteFromBars: context.lean === true && quoteFromBars(reading),
      ...(rankInTrend ? { rank: { label: metric!.label, symbols: ranked, threshold: reading.declineThreshold } } : {}),
    });
  }
  if (f.has('range-position')) for (const entity of entities) addRangePositionStep(plan, entity);
  // "By what percent" above a moving average, or a day range "as a percent of the previous close".
  const inPercent = /percent|%|how far|by how much/i.test(reading.rawText);
  const averages = inPercent ? reading.quoteAverages ?? [] : [];
  const dayRange = inPercent && f.has('range') && /\bday(?:'s)? (?:high|low|range)|intraday|session(?:'s)? (?:high|low|range)/i.test(reading.rawText);
  if (averages.length || dayRange) for (const entity of entities) addQuoteGapStep(plan, entity, averages, dayRange);
  const multiple = /(\d+(?:\.\d+)?)\s*(?:x|×|times)\s+(?:their|its|the)?\s*(?:average|avg|usual|typical|normal)/i.exec(reading.rawText);
  if (f.has('volume-vs-average')) addVolumeVsAverageStep(plan, entities, multiple && entities.length > 1 ? Number(multiple[1]) : undefined);
  if (f.has('fact-check')) for (const entity of entities) addFactCheckStep(plan, entity);
  if (f.has('headline') && (f.has('sentiment') || f.has('risk-opportunity'))) {
    for (const entity of entities) if (plan.groundedFrom.includes(`${entity.slug}_insights`)) addSentimentStep(plan, entity, reading.items, f.has('risk-opportunity'));
  }
  // "Flag any quarter below 10%": the periods whose asked-for margin sits under the floor.
  const floor = /(gross|operating|net)?\s*margins?\b[^.?!]*?\b(?:below|under|less than)\s+(\d+(?:\.\d+)?)\s*%/i.exec(reading.rawText);
  const floorMargin = floor ? `${(floor[1] ?? (/operating margin/i.test(reading.rawText) ? 'operating' : /gross margin/i.test(reading.rawText) ? 'gross' : 'net')).toLowerCase()}_margin` : undefined;
  if (f.has('income') && reading.statements) {
    addIncomeAnalysisStep(plan, entities, reading.incomeRankBy, reading.statements.yearOverYear, floor ? { margin: floorMargin!, percent: Number(floor[2]) } : undefined);
  }
  if (benchmark) {
    // Over a window, the day's excess only when the prompt compares the day too ("vs SPY today"), not for a "Today %" column.
    const today = f.has('trend') || dated ? TODAY_RELATIVE.test(reading.rawText.replace(/\b(?:columns?|headers?)\b[^.?!\n]*|\btable\s*:[^.?!\n]*/gi, ' ')) : needsQuote(reading);
    addExcessReturnsStep(plan, entities.filter((entity) => entity !== benchmark), benchmark, { today, period: f.has('trend') || dated });
  }
  // Beta is a profile fact: "who has the higher beta" ranks it beside whatever else is compared.
  if (f.has('profile') && /\bbeta\b/i.test(reading.rawText) && entities.length > 1 && f.has('ranking')) addRankStep(plan, entities, 'beta', 'beta');
  if (ranks && !rankInTrend) {
    addRankStep(plan, ranked, metric.metric, metric.label, metric.label === 'return' ? reading.declineThreshold : undefined, metric.label === 'below_high');
  }
}

const TODAY_RELATIVE = /\b(?:today|on the day|(?:latest|this|the) session)\b[^.?!]{0,40}\b(?:vs\.?|versus|against|relative to|compared (?:to|with)|beat|outperform|underperform|lag)|\b(?:vs\.?|versus|against|relative to|compared (?:to|with)|beat|beats|outperform\w*|underperform\w*|lagg?\w*)\b[^.?!]{0,40}\b(?:today|on the day|(?:latest|this|the) session)\b/i;

/** The Slack note quotes the facts the plan gathered, through placeholders filled when the step runs. */
function slackNote(plan: PlanBuilder, entities: EntityRef[], empty = 'Research note: no facts gathered.', volume = false): string {
  const has = (key: string) => plan.groundedFrom.includes(key);
  const parts: string[] = [];
  if (has('market_state')) parts.push('Market: ${market_state}, next open ${market_next_open}.');
  for (const top of ['top_gainer', 'top_loser']) if (has(`${top}_change_pct`)) parts.push(`${top.replace('_', ' ')}: \${${top}} (\${${top}_change_pct}%).`);
  for (const { slug, symbol } of entities) {
    const facts: string[] = [];
    if (has(`${slug}_price`)) facts.push(`\${${slug}_price} (\${${slug}_change_pct}% on the day)`);
    if (has(`${slug}_return_n`)) facts.push(`\${${slug}_sessions}-session return \${${slug}_return_n}%`);
    // A note on volume ("a notice stating the session volume, the 50-session average and the ratio") quotes both.
    if ((has('volume_vs_avg_pct') || volume) && has(`${slug}_volume`) && has(`${slug}_avg_volume`)) facts.push(`volume \${${slug}_volume} vs avg \${${slug}_avg_volume}`);
    if (has(`${slug}_headline`)) facts.push(`top headline: \${${slug}_headline}`);
    if (facts.length) parts.push(`${symbol}: ${facts.join('; ')}.`);
  }
  // "post a short correction or confirmation": the ruling on the claim, with what decided it.
  if (has('claim_verdict')) parts.push('Fact check: ${claim_verdict}: ${claim_rule}.');
  for (const key of plan.groundedFrom.filter((name) => name.endsWith('_ranking'))) parts.push(`Ranking (${key.replace(/_ranking$/, '').replace(/_/g, ' ')}): \${${key}}.`);
  if (has('income_revenue_growth')) parts.push('Revenue growth (newest first): ${income_revenue_growth}.');
  return parts.join(' ') || empty;
}

/**
 * The one text an unconditional post gives ("Exact text: "X"", "post 'X' to #desk"), posted as written; followed by
 * the gathered facts when the prompt asks for them beside it ("post 'X' with the prices").
 */
function givenPost(text: string, note: () => string): string | undefined {
  const texts = postedTexts(text);
  if (texts.length !== 1 || texts[0].text.includes('${')) return undefined;
  const [{ text: given, end }] = texts;
  if (/^\s*(?:with|plus|along with|including|followed by|and (?:the|its|their|both|each))\b/i.test(text.slice(end))) return `${given} - ${note()}`;
  return given;
}

/** Adds cross-checks from a second source until the plan reaches its complexity's minimum length. */
function padToMinimum(plan: PlanBuilder, done: Done, entities: EntityRef[], minimum: number): void {
  const fillers = [addPreviousCloseStep, addProfileStep, addDetailsStep, (p: PlanBuilder, d: Done, e: EntityRef) => addQuoteStep(p, d, e)];
  for (const filler of fillers) {
    for (const entity of entities) {
      if (plan.steps.length >= minimum) return;
      filler(plan, done, entity);
    }
  }
}

/**
 * The claim about a company event a verdict is asked on, if any; the facets only its words call for ("would raise its
 * revenue outlook" asks for no income statement) are dropped, since the release, not a statement, settles it.
 */
function eventClaim(reading: PromptReading): string | undefined {
  const verdict = reading.asks.find((ask) => ask.kind === 'verdict');
  if (verdict?.kind !== 'verdict' || !isEventClaim(verdict.claim)) return undefined;
  const outside = detectFacets(reading.rawText.replace(verdict.claim, ' '));
  for (const facet of ['income', 'valuation', 'range', 'profile', 'market-cap', 'trend', 'bar-stats'] as const) if (!outside.has(facet)) reading.facets.delete(facet);
  return verdict.claim;
}

/** Assembles the rule plan for one prompt from step templates, in the order an analyst would call the tools. */
export function buildRulePlan(reading: PromptReading, found: Entity[], complexity: Complexity, context: PlanContext): Plan {
  const plan = new PlanBuilder();
  const done: Done = new Set();
  const window = readBarWindow(reading, context.range.to);
  if (window) narrowFacets(reading, window);
  const coverage = readCoverage(reading.rawText, reading.items, window, context.range.to);
  if (coverage) narrowToCoverage(reading.facets, reading.rawText);
  const claim = eventClaim(reading);
  const stance = reading.asks.find((ask) => ask.kind === 'stance');
  const scorecard = readScorecard(stance?.kind === 'stance' ? stance : undefined, reading.rawText, found.map((entity) => entity.symbol));
  // The facets only the scorecard needs are fetched for it; the answer is not held to state each of their facts.
  const forScorecard = scorecard && found.length > 0 ? scorecardFacets(scorecard).filter((facet) => !reading.facets.has(facet)) : [];
  for (const facet of forScorecard) reading.facets.add(facet);
  if (reading.facets.has('market-status')) addMarketStatusStep(plan);
  if (context.screen) addScreenStep(plan, context.screen);
  const entities: EntityRef[] = [];
  for (const entity of found) {
    // A looked-up symbol goes straight into the next step, which is what next_args_from promises.
    const ref = entity.resolvedByName ? addSearchStep(plan, entity) : { ...entity, param: entity.symbol };
    entities.push(ref);
    addEntitySteps(plan, done, reading, ref, context, benchmarkOf(reading, found, context) === entity.symbol, coverage);
    if (window) addWindowSteps(plan, ref, window, context.range, reading.sessions ?? 5);
  }
  if (coverage) addCoverageStep(plan, entities, coverage);
  addMoverSteps(plan, done, reading, entities);
  addAnalysisSteps(plan, reading, entities, context, window);
  if (scorecard && entities.length > 0) {
    addScorecardStep(plan, scorecard, entities, benchmarkOf(reading, found, context), reading.facets.has('trend'));
  }
  const peers = (context.peers ?? []).map((peer) => ({ ...peer, param: peer.symbol }));
  if (peers.length > 0 && entities.length === 1) {
    // The subject's move set against its peers': each peer's quote, then one ranking of the day's moves.
    for (const peer of peers) addQuoteStep(plan, done, peer);
    addRankStep(plan, [entities[0], ...peers], 'change_pct', 'move');
    plan.require(...peers.map((peer) => `${peer.slug}_change_pct`), 'move_ranking');
    plan.criterion(`sets ${entities[0].symbol}'s move against its peers' (${peers.map((peer) => peer.symbol).join(', ')}) to say whether it is company-specific or sector-wide`);
  }
  if (claim && entities[0]) {
    if (isTradingHaltClaim(claim)) addHaltCheckSteps(plan, entities[0], claim, context.range.to);
    else addClaimCheckSteps(plan, entities[0], claim);
  }
  if (reading.facets.has('web')) {
    // As many results as a list of them asks ("find 3 web search results … with source, date and link").
    const listed = reading.asks.find((ask) => ask.kind === 'list' && ask.of === 'search-results');
    const items = Math.max(reading.items, listed?.kind === 'list' ? listed.count : 0);
    addWebSearchStep(plan, webQuery(reading.searchTopic, entities[0]), items, reading.facets.has('web-summary'));
  }
  if (reading.facets.has('slack-read')) {
    // A bare read of one channel also lists the channels, so the plan has its complexity's minimum of steps.
    const short = plan.steps.length + 1 < STEP_RANGE[complexity][0] && found.length === 0 && !reading.facets.has('slack');
    const listChannels = /channels/i.test(reading.rawText) || !reading.slackChannel || short;
    addSlackReadSteps(plan, reading.slackChannel, reading.slackMessages ?? 5, listChannels);
  }
  // "Read #alerts, then post a digest of them to #markets": the post carries what was read.
  const digest = reading.facets.has('slack-read') && reading.facets.has('slack') && reading.slackChannel !== undefined;
  if (digest) addDigestStep(plan, reading.slackChannel!);
  const postTo = reading.slackPostChannel ?? reading.slackChannel;
  if (reading.facets.has('slack') && postTo) {
    // "If …, post to #a; otherwise to #b": a python step decides, the Slack step follows its choice.
    const branches = readBranches(reading.rawText);
    // A movers question conditions on the top name of the list ("if its loss is bigger than 3%").
    const top = reading.movers && entities.length === 0 ? (reading.movers.lists.includes('losers') ? 'top_loser' : 'top_gainer') : undefined;
    const subjects = top ? [{ symbol: `the ${top.replace('_', ' ')}`, slug: top, param: `\${${top}}`, resolvedByName: false, searchIndex: 0 }] : entities;
    const condition = branches && readCondition(reading.rawText, subjects, plan.groundedFrom);
    // A branch whose text the prompt gives posts exactly that text, chosen by the facts.
    const given = branches && readConditionalPost(reading.rawText, subjects, plan.groundedFrom, branches, reading.sessions ?? 5, condition);
    if (given) {
      addConditionalPostStep(plan, given);
      addSlackSteps(plan, '${condition_channel}', '${post_text}');
    } else if (branches && condition) {
      addConditionStep(plan, condition, branches);
      addSlackSteps(plan, '${condition_channel}', `\${condition_label}: ${slackNote(plan, entities, undefined, condition.op === 'ratio' && condition.a.endsWith('_volume'))}`);
    } else if (branches) {
      // A post that hangs on a condition no step can judge is not made unconditionally: the prompt is a recorded failure.
      const stated = reading.asks.find((ask) => ask.kind === 'conditional');
      throw new ForgeError({
        field: 'user_prompt',
        problem: `the post depends on a condition the rule planner cannot judge from the tools' facts${stated?.kind === 'conditional' ? ` ("if ${stated.condition}")` : ''}`,
        hint: 'state the condition as a move, a return over a window, a price level, volume against its average, or a comparison with a benchmark',
      });
    } else {
      const note = () => (digest ? ['${digest_text}', slackNote(plan, entities, '')].join(' ').trim() : slackNote(plan, entities));
      addSlackSteps(plan, postTo, givenPost(reading.rawText, note) ?? note());
    }
  }
  padToMinimum(plan, done, entities, STEP_RANGE[complexity][0]);
  for (const facet of forScorecard) reading.facets.delete(facet);
  requireFacts(plan, reading, entities, context.noPe, context.funds);
  if (window) for (const entity of entities) requireWindowFacts(plan, entity.slug, reading.rawText, window);
  if (plan.groundedFrom.includes('condition_holds')) plan.require('condition_metric', 'condition_holds', 'condition_threshold');
  return {
    tool_sequence: plan.steps,
    final_answer_requirements: {
      format: formatLabel(reading),
      // Only facts some step introduces: a facet the plan could not serve is not demanded of the answer.
      must_include: plan.mustInclude.filter((key) => plan.groundedFrom.includes(key)),
      grounded_from: plan.groundedFrom,
      quality_criteria: [
        'answers every part of the question',
        'every number comes from a tool result in the trace',
        ...(reading.facets.has('web') || reading.facets.has('headline') ? ['cites sources with their links'] : []),
      ],
    },
    judge_rubric: {
      weights: { coverage: 0.35, grounding: 0.35, clarity: 0.2, safety: 0.1 },
      target_length_range: lengthRange(reading),
      schema: ['coverage', 'grounding', 'clarity', 'safety', 'total'],
    },
  };
}
