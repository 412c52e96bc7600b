import { expandShorthand } from '@forge/asks';
import { ForgeError } from '@forge/errors';
import type { ToolCaller } from '@forge/tools';
import type { Plan } from '@forge/plan';
import type { Planner, PlanOutcome, PlanRequest } from './planner.ts';
import { readPrompt, withoutPostedTexts, type PromptReading } from './rule/read-prompt.ts';
import { companyNameOf, resolveMentions, slugOf, suggestName, type Entity } from './rule/resolve-entities.ts';
import { looksLikeCompanyName } from './rule/entity-candidates.ts';
import { buildRulePlan, STEP_RANGE, type PlanContext } from './rule/build-rule-plan.ts';
import { screenGroup, type GroupScreen } from './rule/screen-group.ts';
import { asksPeerComparison, peersOf } from './rule/peer-group.ts';
import { futureDates } from './rule/window-steps.ts';
import { unservedData } from './rule/unserved-data.ts';
import { escapeRegExp } from './escape-reg-exp.ts';
import { readBranches } from './rule/condition-steps.ts';
import { settleSilentBranch } from './rule/settle-branch.ts';

/** Bumped whenever the plan templates change, so the content cache regenerates rule samples. */
export const RULE_PLANNER_VERSION = 'rule-v63';

const DAY_MS = 86_400_000;

// en-CA formats as YYYY-MM-DD. Built once: a formatter costs about 1 ms to construct, more than a plan's rules.
const NEW_YORK_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' });

// Every prompt of a run plans at the same market clock: its day is formatted once.
const formatted = new Map<number, string>();

function newYorkDate(instant: Date): string {
  const time = instant.getTime();
  let day = formatted.get(time);
  if (day === undefined) {
    if (formatted.size > 64) formatted.clear();
    day = NEW_YORK_DAY.format(instant);
    formatted.set(time, day);
  }
  return day;
}

/** The latest session's date from the market-status tool: "today" is the tool world's clock, not the host's. */
async function toolWorldNow(tools: ToolCaller): Promise<Date> {
  const status = await tools.call('polygon', 'polygon_get_market_status', {});
  const serverTime = status.ok ? (status.structuredContent as { serverTime?: unknown }).serverTime : undefined;
  if (typeof serverTime !== 'string' || Number.isNaN(Date.parse(serverTime))) {
    throw new ForgeError({ problem: `could not read the market clock from polygon_get_market_status (${status.ok ? 'no serverTime' : status.error})`, retryable: !status.ok });
  }
  return new Date(serverTime);
}

async function fundsAmong(tools: ToolCaller, entities: Entity[]): Promise<Set<string>> {
  const funds = new Set<string>();
  for (const entity of entities) {
    const profile = await tools.call('fmp', 'fmp_get_company_profile', { symbol: entity.symbol });
    if (profile.ok && (profile.structuredContent as { isEtf?: unknown }).isEtf === true) funds.add(entity.symbol);
  }
  return funds;
}

/** Symbols whose quote carries no P/E (negative trailing earnings): the answer states the EPS instead. */
async function withoutPe(tools: ToolCaller, entities: Entity[]): Promise<Set<string>> {
  const symbols = new Set<string>();
  for (const entity of entities) {
    const quote = await tools.call('fmp', 'fmp_get_quote', { symbol: entity.symbol });
    if (quote.ok && (quote.structuredContent as { pe?: unknown }).pe === null) symbols.add(entity.symbol);
  }
  return symbols;
}

async function planContext(tools: ToolCaller, reading: PromptReading, entities: Entity[], screen?: GroupScreen): Promise<PlanContext> {
  const now = await toolWorldNow(tools);
  // Calendar days that surely hold the sessions asked for, weekends and holidays included.
  const sessions = reading.sessions ?? 5;
  const from = new Date(now.getTime() - Math.ceil(sessions * 1.6 + 10) * DAY_MS);
  const funds = reading.facets.has('excess-return') ? await fundsAmong(tools, entities) : new Set<string>();
  const noPe = reading.facets.has('valuation') ? await withoutPe(tools, entities) : new Set<string>();
  return { range: { from: newYorkDate(from), to: newYorkDate(now) }, funds, noPe, ...(screen ? { screen } : {}) };
}

/**
 * A plan over a screened group: as many members as fit the tool limit, largest market cap first (the screener
 * step still lists every member, so the answer says which ones the figures cover).
 */
function screenedPlan(reading: PromptReading, members: Entity[], entry: PlanRequest['entry'], context: PlanContext, maxTools: number): Plan {
  for (let count = members.length; count >= 1; count--) {
    const plan = buildRulePlan(structuredClone(reading), members.slice(0, count), entry.complexity, context);
    if (plan.tool_sequence.length <= maxTools) return plan;
  }
  throw new ForgeError({
    entryId: entry.prompt_id,
    problem: `the screened group's question needs more tool calls than the limit of ${maxTools} even for one member`,
    hint: 'raise MAX_TOOLS (or --max-tools), or ask about fewer facets',
  });
}

/** The symbols of the mentioned companies a prompt excludes ("ex smci", "excluding Intel", "other than AMD"). */
// ("AMZN's return minus SPY cumulative % return" subtracts a benchmark's return; it excludes no name.)
function excludedSymbols(prompt: string, entities: Entity[]): Set<string> {
  const excluded = new Set<string>();
  for (const entity of entities) {
    const names = [entity.symbol, entity.mention].filter((name): name is string => Boolean(name)).map(escapeRegExp);
    const pattern = new RegExp(`\\b(?:ex|excluding|except|exclude|other than|not counting|but not|minus)[- ]+(?:the\\s+)?(?:${names.join('|')})\\b(?!['’]s\\b|\\s+(?:(?:cumulative|total|period|window|\\d+[- ]\\w+)\\s+)?(?:%|(?:returns?|performance|move|change)\\b))`, 'i');
    if (pattern.test(prompt)) excluded.add(entity.symbol);
  }
  return excluded;
}

/**
 * The offline planner: reads the prompt's facets, period and entities (names resolved through fmp_search_ticker)
 * and assembles a plan from step templates. Throws a ForgeError when the prompt names nothing it can plan for.
 */
export class RulePlanner implements Planner {
  readonly id = RULE_PLANNER_VERSION;
  readonly model = 'none';

  async plan(request: PlanRequest): Promise<PlanOutcome> {
    const outcome = await this.draft(request).catch((error: unknown) => {
      // The plan's own refusals name no entry; the failure record and message should.
      if (error instanceof ForgeError && !error.context.entryId && error.constructor === ForgeError) throw new ForgeError({ ...error.context, entryId: request.entry.prompt_id });
      throw error;
    });
    // "Otherwise don't post": the branch is settled against the tools, and a silent one posts nothing.
    const branches = readBranches(request.entry.user_prompt);
    return { ...outcome, plan: await settleSilentBranch(outcome.plan, branches, request.tools!) };
  }

  private async draft(request: PlanRequest): Promise<PlanOutcome> {
    const { entry, tools } = request;
    if (!tools) throw new ForgeError({ entryId: entry.prompt_id, problem: 'the rule planner needs read-only tool access to resolve names' });
    const unserved = unservedData(entry.user_prompt);
    if (unserved.length > 0) {
      throw new ForgeError({
        entryId: entry.prompt_id,
        field: 'user_prompt',
        problem: `the prompt asks for ${unserved.join(' and ')}, which none of the tools provides, so it cannot be answered in full`,
        hint: 'drop that part of the question, or add a tool server that serves it',
      });
    }
    const reading = readPrompt(entry.user_prompt);
    const mentions = await resolveMentions(entry.user_prompt, reading, tools);
    // "every semi in the universe (ex smci)": a name written after "ex", "excluding" or "except" is left out.
    const excluded = excludedSymbols(entry.user_prompt, mentions.entities);
    let entities = mentions.entities.filter((entity) => !excluded.has(entity.symbol));
    // "… a table with columns Ticker | Move | vs SPY": the benchmark written only as a column is still measured.
    const benchmark = reading.asks.find((ask) => ask.kind === 'benchmark');
    if (benchmark?.kind === 'benchmark' && entities.length > 0 && !entities.some((entity) => entity.symbol === benchmark.symbol) && !excluded.has(benchmark.symbol)) {
      entities = [...entities, { symbol: benchmark.symbol, slug: slugOf(benchmark.symbol), resolvedByName: false, searchIndex: 0 }];
    }
    // "Which semiconductor stocks gained?" names a group, not a company: the screener lists its members.
    const found = entities.length === 0 && !reading.facets.has('movers') ? await screenGroup(expandShorthand(withoutPostedTexts(entry.user_prompt)), tools) : undefined;
    const screen = found && { ...found, members: found.members.filter((member) => !excluded.has(member.symbol)) };
    // "Is Shopify cheaper than Amazon?": a company the search tool does not know is never dropped while the rest is answered.
    const known = entities.flatMap((entity) => [entity.symbol, entity.mention ?? '']).filter(Boolean);
    // "classify it as Restrict, Watch or No action": a capitalised stance option is not a company.
    const options = new Set(reading.asks.flatMap((ask) => (ask.kind === 'stance' ? ask.options : [])));
    const missing = screen ? [] : mentions.unknown.filter((phrase) => !options.has(phrase.toLowerCase()) && looksLikeCompanyName(entry.user_prompt, phrase, known));
    if (missing.length > 0) {
      const suggestions = (await Promise.all(missing.map((phrase) => suggestName(tools, phrase)))).filter(Boolean);
      throw new ForgeError({
        entryId: entry.prompt_id,
        field: 'user_prompt',
        problem: `no company or ticker found for ${missing.map((phrase) => `"${phrase}"`).join(', ')}: fmp_search_ticker knows no company by that name, so the question cannot be answered in full${suggestions.length ? ` (did you mean ${suggestions.join(', ')}?)` : ''}`,
        hint: 'check the spelling of the company name or write its ticker symbol',
      });
    }
    if (screen) entities = screen.members.map((member) => ({ symbol: member.symbol, slug: slugOf(member.symbol), name: member.name, resolvedByName: false, searchIndex: 0 }));
    // "How is X doing?" names a company and no facet: an analyst answers with the price and the day's move.
    if (reading.facets.size === 0 && entities.length > 0) reading.facets.add('price').add('move');
    const contextFacets = ['market-status', 'web', 'slack', 'slack-read', 'movers'];
    // "Summarise the ticker calls in #research": the names come from the messages, so the read needs no company.
    if (reading.facets.has('slack-read') && entities.length === 0) {
      for (const facet of [...reading.facets]) if (!contextFacets.includes(facet)) reading.facets.delete(facet);
    }
    const needsEntity = [...reading.facets].some((facet) => !contextFacets.includes(facet));
    // "Someone wrote in #markets that Chevron was halted; read it and check the data": the named company's price and move.
    if (!needsEntity && reading.facets.has('slack-read') && entities.length > 0) reading.facets.add('price').add('move');
    // A movers question ("today's biggest losers") finds its names in the movers list itself.
    if (needsEntity && entities.length === 0 && !reading.facets.has('movers')) {
      throw new ForgeError({
        entryId: entry.prompt_id,
        field: 'user_prompt',
        problem: 'no company or ticker found in the prompt that the search tool knows',
        hint: 'name the company or write its ticker symbol',
      });
    }
    if (reading.facets.size === 0 && entities.length === 0) {
      throw new ForgeError({ entryId: entry.prompt_id, field: 'user_prompt', problem: 'no company or ticker found in the prompt that the search tool knows, and no market-wide question' });
    }
    if (reading.facets.size === 0) {
      throw new ForgeError({ entryId: entry.prompt_id, field: 'user_prompt', problem: 'the prompt asks for nothing the rule planner recognises' });
    }
    const context = await planContext(tools, reading, entities, screen);
    // "closing prices from the Friday 27 Nov session" after a snapshot of the 25th: no tool has that session.
    // (A market-status question about a coming holiday or open is answered by the calendar.)
    const future = reading.facets.has('market-status') ? [] : futureDates(withoutPostedTexts(entry.user_prompt), context.range.to);
    if (future.length > 0) {
      throw new ForgeError({
        entryId: entry.prompt_id,
        field: 'user_prompt',
        problem: `the prompt asks about ${future.join(', ')}, after the latest session the tools have (${context.range.to})`,
        hint: 'ask about a session on or before the snapshot date, or run against a live backend',
      });
    }
    // A claim is searched by the company's name ("NVIDIA … guidance"), which a symbol written alone does not carry.
    if (reading.asks.some((ask) => ask.kind === 'verdict') && entities[0] && !entities[0].name && !entities[0].mention && !entities[0].unresolved) {
      const name = await companyNameOf(tools, entities[0].symbol);
      if (name) entities = [{ ...entities[0], name }, ...entities.slice(1)];
    }
    if (screen) return { plan: screenedPlan(reading, entities, entry, context, Math.min(request.limits.max_tools, STEP_RANGE[entry.complexity][1])), usage: [], repairs: 0 };
    // "Is it just the whole sector, or company news?": a few peers' moves beside the subject's, as many as fit.
    if (asksPeerComparison(reading, entities)) {
      const peers = await peersOf(tools, entities[0], 3);
      for (let count = peers.length; count >= 1; count--) {
        const withPeers = { ...context, peers: peers.slice(0, count) };
        const candidate = buildRulePlan(structuredClone(reading), entities, entry.complexity, withPeers);
        if (candidate.tool_sequence.length <= request.limits.max_tools) return { plan: candidate, usage: [], repairs: 0 };
      }
    }
    let plan = buildRulePlan(reading, entities, entry.complexity, context);
    // Over the limit: the names were already resolved while planning, so the lookup steps are the first to go; then
    // the calls whose facts another step already brings (quotes beside a window's bars, a close beside a quote).
    const resolved = entities.map((entity) => (entity.unresolved ? entity : { ...entity, resolvedByName: false }));
    if (plan.tool_sequence.length > request.limits.max_tools) plan = buildRulePlan(reading, resolved, entry.complexity, context);
    if (plan.tool_sequence.length > request.limits.max_tools) plan = buildRulePlan(reading, resolved, entry.complexity, { ...context, lean: true });
    if (plan.tool_sequence.length > request.limits.max_tools) {
      throw new ForgeError({
        entryId: entry.prompt_id,
        problem: `the question needs ${plan.tool_sequence.length} tool calls but plans are limited to ${request.limits.max_tools}`,
        hint: 'raise MAX_TOOLS (or --max-tools), or ask about fewer companies',
      });
    }
    return { plan, usage: [], repairs: 0 };
  }
}
