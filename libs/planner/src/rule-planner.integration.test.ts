import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAsks } from '@forge/asks';
import { parseCatalog, type Entry } from '@forge/catalog';
import { checkGrounding, TemplateComposer } from '@forge/composer';
import { checkPlan, runPlan } from '@forge/plan';
import { RulePlanner } from '@forge/planner';
import { ToolHub } from '@forge/tools';
import { createToolWorld, type ToolWorld } from '@forge/tool-world';

// The rule planner against the real servers and snapshot: plans pass the checker, runs are accepted, answers grounded.
const SNAPSHOT = 'data/snapshot/synthetic-2026-11-25';

type Outcome = { id: string; ok: boolean; stage: string; detail: string };

let world: ToolWorld;
let hub: ToolHub;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rule-planner-'));
  world = await createToolWorld({ snapshotDir: SNAPSHOT, dataDir });
  hub = await ToolHub.inMemory(world.servers);
});

afterAll(async () => {
  await hub?.close();
  await world?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function catalog(file: string): Entry[] {
  return parseCatalog(JSON.parse(readFileSync(file, 'utf8')), file);
}

// The product's plan limits per complexity; the older catalogs run with the complex limit for all.
// The product's per-complexity limits (planLimitsFor in the engine).
const LIMIT_BY_COMPLEXITY: Record<Entry['complexity'], number> = { simple: 6, moderate: 10, complex: 16 };

async function generate(entry: Entry, byComplexity = false): Promise<Outcome> {
  const planner = new RulePlanner();
  const maxTools = byComplexity ? LIMIT_BY_COMPLEXITY[entry.complexity] : 16;
  const planned = await planner.plan({ entry, inventory: hub.inventory(), limits: { max_tools: maxTools, max_turns: maxTools + 2 }, tools: hub }).catch((error: Error) => error);
  if (planned instanceof Error) return { id: entry.prompt_id, ok: false, stage: 'plan', detail: planned.message };
  // The engine hands the composer the prompt's asks beside the plan (withAsks in libs/engine); so does this harness.
  const plan = planned.plan.final_answer_requirements.asks ? planned.plan : { ...planned.plan, final_answer_requirements: { ...planned.plan.final_answer_requirements, asks: readAsks(entry.user_prompt) } };
  const errors = checkPlan(plan, hub.inventory(), { complexity: entry.complexity }).filter((issue) => issue.severity === 'error');
  if (errors.length) return { id: entry.prompt_id, ok: false, stage: 'check', detail: errors.map((issue) => issue.message).join('; ') };
  const trace = await runPlan(plan, hub);
  const rejected = trace.steps.filter((step) => !step.accepted);
  if (rejected.length) return { id: entry.prompt_id, ok: false, stage: 'run', detail: rejected.map((step) => `${step.tool}: ${step.why ?? 'accept_if failed'}`).join('; ') };
  const { reference } = await new TemplateComposer().compose(entry, plan, trace);
  const grounding = checkGrounding(reference, plan.final_answer_requirements.must_include);
  if (!grounding.ok) return { id: entry.prompt_id, ok: false, stage: 'grounding', detail: JSON.stringify(grounding) };
  // A grounded answer that states nothing (no facet was served) is not a sample.
  if (plan.final_answer_requirements.must_include.length === 0) return { id: entry.prompt_id, ok: false, stage: 'compose', detail: reference.answer_text };
  const limit = /<=\s*(\d+)\s*words/.exec(plan.final_answer_requirements.format)?.[1];
  const words = reference.answer_text.split(/\s+/).filter((word) => word !== '-').length;
  if (limit && words > Number(limit)) return { id: entry.prompt_id, ok: false, stage: 'form', detail: `${words} words over the limit ${limit}: ${reference.answer_text}` };
  return { id: entry.prompt_id, ok: true, stage: 'sample', detail: reference.answer_text };
}

async function generateAll(entries: Entry[], byComplexity = false): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const entry of entries) outcomes.push(await generate(entry, byComplexity));
  return outcomes;
}

type Outside = Record<string, { stage: string; detail: RegExp }>;

/** Prompts outside the snapshot fail at their stage with their reason; at least 90% of the rest become samples. */
function expectHoldOut(outcomes: Outcome[], outside: Outside): void {
  for (const [id, expected] of Object.entries(outside)) {
    const outcome = outcomes.find((candidate) => candidate.id === id);
    expect(outcome, id).toMatchObject({ ok: false, stage: expected.stage });
    expect(outcome?.detail, id).toMatch(expected.detail);
  }
  const answerable = outcomes.filter((outcome) => !(outcome.id in outside));
  const passed = answerable.filter((outcome) => outcome.ok);
  expect(passed.length / answerable.length, JSON.stringify(answerable.filter((o) => !o.ok), null, 2)).toBeGreaterThanOrEqual(0.9);
}

describe('RulePlanner over the snapshot tool world', () => {
  it('turns at least 90% of the authored catalog into accepted, grounded samples', async () => {
    const outcomes = await generateAll(catalog('data/inputs/catalog.json'));
    const failed = outcomes.filter((outcome) => !outcome.ok);
    expect(failed, JSON.stringify(failed, null, 2)).toHaveLength(0);
  }, 120_000);

  it('generalises to prompts phrased differently, and fails cleanly on names and symbols outside the snapshot', async () => {
    const outcomes = await generateAll(catalog('libs/planner/src/__fixtures__/unseen-catalog.json'));
    const unknownSymbol = outcomes.find((outcome) => outcome.id === 'U05');
    expect(unknownSymbol).toMatchObject({ ok: false, stage: 'run' });
    expect(unknownSymbol?.detail).toContain('unknown symbol XYZQ');
    // Oracle is not in the snapshot universe: the search tool does not know the name, so nothing is planned.
    expect(outcomes.find((outcome) => outcome.id === 'X05')).toMatchObject({ ok: false, stage: 'plan' });
    const others = outcomes.filter((outcome) => outcome.id !== 'U05' && outcome.id !== 'X05');
    const passed = others.filter((outcome) => outcome.ok);
    expect(passed.length / others.length, JSON.stringify(others.filter((o) => !o.ok), null, 2)).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it('holds out: ≥ 90% of unseen answerable prompts pass, and prompts outside the snapshot fail at the right stage', async () => {
    const outcomes = await generateAll(catalog('libs/planner/src/__fixtures__/holdout-catalog.json'));
    // Outside the snapshot: an unknown ticker is planned and fails its run; an unknown name finds nothing to plan.
    const outside: Outside = {
      H11: { stage: 'plan', detail: /no company or ticker/ },
      H12: { stage: 'run', detail: /unknown symbol PLTR/ },
      H40: { stage: 'run', detail: /unknown symbol ZZZZ/ },
      H41: { stage: 'plan', detail: /no company or ticker/ },
      H49: { stage: 'run', detail: /unknown symbol BRK\.B/ },
    };
    expectHoldOut(outcomes, outside);
  }, 120_000);

  it('a last fresh set, written after the hold-out rounds, passes within the product limits', async () => {
    const outcomes = await generateAll(catalog('libs/planner/src/__fixtures__/fresh-catalog.json'), true);
    const failed = outcomes.filter((outcome) => !outcome.ok);
    expect(failed, JSON.stringify(failed, null, 2)).toHaveLength(0);
  }, 120_000);

  it('probes: casual, multi-facet and answer-form prompts written while fixing the hold-out keep passing', async () => {
    const outcomes = await generateAll(catalog('libs/planner/src/__fixtures__/probe-catalog.json'));
    const outside: Record<string, string> = { G26: 'run', G27: 'plan', K22: 'run' };
    for (const [id, stage] of Object.entries(outside)) expect(outcomes.find((outcome) => outcome.id === id), id).toMatchObject({ ok: false, stage });
    const answerable = outcomes.filter((outcome) => !(outcome.id in outside));
    expect(answerable.filter((outcome) => !outcome.ok), JSON.stringify(answerable.filter((o) => !o.ok), null, 2)).toHaveLength(0);
  }, 120_000);

  it('holds out a second round: other voices and facets within the per-complexity tool limits, outside names failing cleanly', async () => {
    const outcomes = await generateAll(catalog('libs/planner/src/__fixtures__/holdout2-catalog.json'), true);
    // Unknown tickers fail their run; unknown names plan nothing ("Google" is Alphabet's alias, which the search tool
    // knows, so it is planned); an unknown name beside known ones fails its search step.
    const outside: Outside = {
      R16: { stage: 'run', detail: /unknown symbol SHOP/ },
      R33: { stage: 'plan', detail: /no company or ticker/ },
      R34: { stage: 'run', detail: /fmp_search_ticker: accept_if failed/ },
      R35: { stage: 'plan', detail: /no company or ticker/ },
      R48: { stage: 'run', detail: /fmp_search_ticker: accept_if failed/ },
      R51: { stage: 'plan', detail: /no company or ticker/ },
    };
    expectHoldOut(outcomes, outside);
    // Reading Slack never posts to it.
    const reads = outcomes.filter((outcome) => outcome.id === 'R14' || outcome.id === 'R25');
    for (const read of reads) expect(read.detail).not.toMatch(/was posted/);
  }, 120_000);

  it('holds out a third round: dated windows, hourly bars, conditions and filters; outside names failing cleanly', async () => {
    const outcomes = await generateAll(catalog('libs/planner/src/__fixtures__/holdout3-catalog.json'), true);
    const outside: Outside = {
      T44: { stage: 'plan', detail: /no company or ticker/ },
      T45: { stage: 'plan', detail: /no company or ticker/ },
      T46: { stage: 'run', detail: /fmp_search_ticker: accept_if failed/ },
      T47: { stage: 'run', detail: /unknown symbol ZZQT/ },
      T48: { stage: 'run', detail: /unknown symbol PLTX/ },
      T49: { stage: 'run', detail: /fmp_search_ticker: accept_if failed/ },
    };
    expectHoldOut(outcomes, outside);
    // An if/otherwise instruction posts where the computed condition sends it (NVDA fell 3.10% > 2%: #alerts).
    expect(outcomes.find((outcome) => outcome.id === 'T11')?.detail).toMatch(/condition holds[^]*#alerts/);
    expect(outcomes.find((outcome) => outcome.id === 'T21')?.detail).toMatch(/does not hold[^]*broad market leading/);
  }, 120_000);

  it('resolves company names through the search tool and chains the symbol into the next step', async () => {
    const [entry] = parseCatalog([{ id: 'N1', complexity: 'easy', user_prompt: 'What sector is Costco in, and who is its CEO?' }], 'inline');
    const { plan } = await new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 4, max_turns: 5 }, tools: hub });
    const [search, profile] = plan.tool_sequence;
    expect(search).toMatchObject({ tool: 'fmp_search_ticker', params: { query: 'Costco' }, analysis_requirements: { next_args_from: 'cost_symbol' } });
    expect(profile).toMatchObject({ tool: 'fmp_get_company_profile', params: { symbol: '${cost_symbol}' } });
    expect(plan.final_answer_requirements.must_include).toEqual(expect.arrayContaining(['cost_sector', 'cost_ceo']));
  });

  it('does not drop a company it cannot find when it is listed beside ones it can: the run fails cleanly', async () => {
    const entries = parseCatalog([
      { id: 'F1', complexity: 'medium', user_prompt: "Rank Tesla and Ford by today's percent change." },
      { id: 'F2', complexity: 'medium', user_prompt: 'Compare the market caps of Walmart, Target and Costco.' },
    ], 'inline');
    const outcomes = await generateAll(entries);
    expect(outcomes[0]).toMatchObject({ ok: false, stage: 'run' });
    expect(outcomes[0].detail).toMatch(/fmp_search_ticker: accept_if failed/);
    expect(outcomes[1]).toMatchObject({ ok: false, stage: 'run' });
  });

  it('drops the name lookups, already done while planning, when a plan would exceed its tool limit', async () => {
    const [entry] = parseCatalog([{ id: 'L1', complexity: 'medium', user_prompt: "Rank Apple, Microsoft, Alphabet, Amazon, Meta Platforms and Nvidia by today's percent change." }], 'inline');
    const { plan } = await new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 8, max_turns: 10 }, tools: hub });
    expect(plan.tool_sequence.map((step) => step.tool)).toEqual([...Array(6).fill('fmp_get_quote'), 'execute_python']);
    expect(plan.tool_sequence.map((step) => step.params.symbol).slice(0, 6)).toEqual(['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'META', 'NVDA']);
  });

  it('screens a sector or industry group the prompt names and plans its largest members within the tool limit', async () => {
    const entries = parseCatalog([
      { id: 'S1', complexity: 'medium', user_prompt: 'Which semiconductor stocks gained today? Rank them.' },
      { id: 'S2', complexity: 'easy', user_prompt: "Rank the bank stocks by today's move." },
      { id: 'S3', complexity: 'medium', user_prompt: 'List the energy names and their P/E.' },
      { id: 'S4', complexity: 'medium', user_prompt: 'How did the semis do today?' },
      { id: 'S5', complexity: 'complex', user_prompt: 'Rank the tech stocks by market cap and say which moved the most today.' },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    const semis = ['NVDA', 'AVGO', 'AMD', 'INTC', 'QCOM', 'MU', 'ARM', 'TSM'];
    const tickers = (text: string) => [...new Set(text.match(/\b[A-Z]{2,5}\b/g) ?? [])].filter((word) => !['ETF', 'ETFS', 'USD', 'EPS', 'P', 'E'].includes(word));
    expect(outcomes[0].detail).toMatch(/Screened stocks in the Semiconductors industry/);
    expect(tickers(outcomes[0].detail).every((symbol) => semis.includes(symbol)), outcomes[0].detail).toBe(true);
    expect(tickers(outcomes[1].detail).sort()).toEqual(['BAC', 'JPM']);
    expect(tickers(outcomes[2].detail).sort()).toEqual(['CVX', 'XOM']);
    const { plan } = await new RulePlanner().plan({ entry: entries[0], inventory: hub.inventory(), limits: { max_tools: 8, max_turns: 10 }, tools: hub });
    expect(plan.tool_sequence[0]).toMatchObject({ tool: 'fmp_stock_screener', params: { industry: 'semiconductor', isEtf: false } });
    expect(plan.tool_sequence.length).toBeLessThanOrEqual(8);
    expect(plan.final_answer_requirements.must_include).toContain('screen_symbols');
  });

  it('reads a Slack channel without posting when the prompt says not to, with or without a company', async () => {
    const entries = parseCatalog([
      { id: 'SR1', complexity: 'medium', user_prompt: 'Look through the #alerts history for anything on AMD and MU, and check those calls against the current quote. Read only, please.' },
      { id: 'SR2', complexity: 'easy', user_prompt: "Check #markets and show me the last 4 messages; please don't post anything there." },
      { id: 'SR3', complexity: 'medium', user_prompt: 'A colleague claims in #research that Exxon was halted this morning. Read the channel, quote what was said and check it against the market data. Do NOT post anything.' },
      { id: 'SR4', complexity: 'medium', user_prompt: 'Go through the recent messages in #general and summarise any stock calls people made. Do not send anything to Slack.' },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    for (const entry of entries) {
      const { plan } = await new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: hub });
      const tools = plan.tool_sequence.map((step) => step.tool);
      expect(tools, entry.prompt_id).not.toContain('send_slack_message');
      expect(tools, entry.prompt_id).toContain('get_slack_channel_history');
    }
    const exxon = await new RulePlanner().plan({ entry: entries[2], inventory: hub.inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: hub });
    expect(exxon.plan.tool_sequence[0]).toMatchObject({ tool: 'fmp_search_ticker', params: { query: 'Exxon' } });
    expect(exxon.plan.final_answer_requirements.must_include).toEqual(expect.arrayContaining(['xom_price', 'slack_history_texts']));
  });

  it('answers a market-status question that names no company, however it is phrased', async () => {
    const entries = parseCatalog([
      { id: 'MS1', complexity: 'easy', user_prompt: 'mkt closed already? just the status' },
      { id: 'MS2', complexity: 'easy', user_prompt: 'Can you tell me if the US stock market is open at the moment? A single sentence will do.' },
      { id: 'MS3', complexity: 'easy', user_prompt: 'are US equities trading right now?' },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    for (const outcome of outcomes) expect(outcome.detail, outcome.id).toMatch(/market is (?:open|closed)/);
  });

  it('fails a prompt naming a company the search tool does not know, naming it, instead of answering the rest', async () => {
    const plan = (user_prompt: string) => {
      const [entry] = parseCatalog([{ id: 'UN', complexity: 'medium', user_prompt }], 'inline');
      return new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: hub });
    };
    await expect(plan('Does Lululemon have a lower P/E than Costco? Just yes or no.')).rejects.toThrow(/no company or ticker found for "Lululemon"/);
    // A misspelt name fails with the likely company suggested; the plan never guesses it.
    await expect(plan('Where is Nvidai trading today, and is it up or down?')).rejects.toThrow(/"Nvidai"[^]*did you mean NVIDIA Corporation \(NVDA\)/);
    // Ordinary capitalised words are not companies: the question is answered.
    const entries = parseCatalog([
      { id: 'UN1', complexity: 'medium', user_prompt: "For the Compliance desk: what's the P/E of Costco? Thanks, Bullet points are fine." },
      { id: 'UN2', complexity: 'medium', user_prompt: 'Give me a Risk view on TSLA: latest headline and its sentiment. Keep it short.' },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
  });

  it('reads an answer spec as form, not companies: labels, column names, quoted titles and slash-separated options', async () => {
    const entries = parseCatalog([
      { id: 'SP1', complexity: 'medium', user_prompt: "Task: list today's biggest gainers. Layout: a grid with columns Symbol, Last, Pct Move. Constraint: exactly 5 rows." },
      { id: 'SP2', complexity: 'medium', user_prompt: 'Claim: Nvidia closed higher today. Deliverable: a ruling (Accurate / Inaccurate) then one line of evidence.' },
      { id: 'SP3', complexity: 'medium', user_prompt: 'Should we add to AMD here? Choices: Accumulate / Trim / Exit - pick one and justify it with the quote.' },
      { id: 'SP4', complexity: 'medium', user_prompt: "For the desk's 'Hawks and Doves' column, how did JPM and BAC trade today?" },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    // A company the search tool does not know still fails, named, when only the spec's words are set aside.
    const [unknown] = parseCatalog([{ id: 'SP5', complexity: 'medium', user_prompt: 'Request: is Lululemon cheaper than Costco on P/E? Format: one line, Yes / No first.' }], 'inline');
    await expect(new RulePlanner().plan({ entry: unknown, inventory: hub.inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: hub })).rejects.toThrow(/no company or ticker found for "Lululemon"/);
  });

  it('an all-caps word the quote tool does not know, written beside known tickers as shorthand, is not a ticker; a symbol still fails', async () => {
    const entries = parseCatalog([
      { id: 'TK1', complexity: 'medium', user_prompt: 'Desk view: UW NVDA / UW AMD / neutral. Which has the better move today?' },
      { id: 'TK2', complexity: 'medium', user_prompt: 'How did the U.S. megacaps AAPL and MSFT do today?' },
      { id: 'TK3', complexity: 'medium', user_prompt: 'Our call is OW XOM and EW CVX. How did both trade today?' },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    const unknown = parseCatalog([
      { id: 'TK4', complexity: 'medium', user_prompt: "Compare ORCL and MSFT on today's move." },
      { id: 'TK5', complexity: 'medium', user_prompt: 'How did NIO do today versus TSLA?' },
      { id: 'TK6', complexity: 'medium', user_prompt: 'SNOW vs AMZN: which is cheaper on P/E?' },
      { id: 'TK7', complexity: 'medium', user_prompt: 'Price check on AAPL; also what about SHOP stock?' },
      // A prompt that opens on the symbol and a colon is about it, whatever else it compares it with.
      { id: 'TK8', complexity: 'medium', user_prompt: 'UBER: beta, 52w high/low, 5d ret vs SPY. Table.' },
    ], 'inline');
    const failed = await generateAll(unknown, true);
    for (const [outcome, symbol] of failed.map((outcome, index) => [outcome, ['ORCL', 'NIO', 'SNOW', 'SHOP', 'UBER'][index]] as const)) {
      expect(outcome, outcome.id).toMatchObject({ ok: false, stage: 'run' });
      expect(outcome.detail, outcome.id).toContain(`unknown symbol ${symbol}`);
    }
  });

  it('posts a text the prompt gives exactly as written, and reads no facet or group from it', async () => {
    const entries = parseCatalog([
      { id: 'PT1', complexity: 'medium', user_prompt: 'Send a note to #research. Exact text: "Friday recap: bank names reviewed - details inside"' },
      { id: 'PT2', complexity: 'medium', user_prompt: "How did MSFT do today? Post 'Semis and software screened - weekly thread' to #research." },
      { id: 'PT3', complexity: 'medium', user_prompt: "What is AAPL trading at? Then post 'AAPL checked' with the price to #markets." },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    const plans = await Promise.all(entries.map((entry) => new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: hub })));
    const tools = plans.map(({ plan }) => plan.tool_sequence.map((step) => step.tool));
    for (const used of tools) expect(used).not.toContain('fmp_stock_screener');
    expect(tools[0]).toEqual(['send_slack_message', 'get_slack_channel_history']);
    expect(tools[1]).not.toContain('polygon_get_aggs');
    const sent = plans.map(({ plan }) => plan.tool_sequence.find((step) => step.tool === 'send_slack_message')!.params.text);
    expect(sent.slice(0, 2)).toEqual(['Friday recap: bank names reviewed - details inside', 'Semis and software screened - weekly thread']);
    expect(sent[2]).toMatch(/^AAPL checked - AAPL: \$\{aapl_price\}/);
  });

  it('reads one channel and posts a digest of what it read to another', async () => {
    const entries = parseCatalog([
      { id: 'RD1', complexity: 'medium', user_prompt: 'Pull the latest messages in #alerts and then post a brief recap of them to #markets.' },
      { id: 'RD2', complexity: 'medium', user_prompt: 'Go through the last 6 messages in #research and share a summary of them in #general.' },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    for (const [entry, read, posted] of [[entries[0], '#alerts', '#markets'], [entries[1], '#research', '#general']] as const) {
      const { plan } = await new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: hub });
      expect(plan.tool_sequence[0]).toMatchObject({ tool: 'get_slack_channel_history', params: { channel: read } });
      const send = plan.tool_sequence.find((step) => step.tool === 'send_slack_message')!;
      expect(send.params, entry.prompt_id).toEqual({ channel: posted, text: '${digest_text}' });
      const trace = await runPlan(plan, hub);
      expect(trace.steps.every((step) => step.accepted), entry.prompt_id).toBe(true);
      const texts = trace.state.slack_history_texts as string[];
      expect(texts.length).toBeGreaterThan(0);
      const digest = trace.state.digest_text as string;
      expect(digest).toMatch(new RegExp(`^Digest of ${read} \\(latest ${texts.length} messages?\\): `));
      expect(digest).toContain(texts[0].split(/\s+/).slice(0, 4).join(' '));
      expect(digest).not.toMatch(/no facts gathered/);
      const history = await hub.call('slack', 'get_slack_channel_history', { channel: posted, limit: 20 });
      const messages = history.ok ? (history.structuredContent as { results: Array<{ ts: string; text: string }> }).results : [];
      expect(messages.find((message) => message.ts === trace.state.slack_ts)?.text).toBe(digest);
    }
  });

  it('a misspelt name listed beside known ones fails its search step cleanly, never with an IndexError', async () => {
    const [entry] = parseCatalog([{ id: 'TY1', complexity: 'medium', user_prompt: "Rank Amazn, Apple and Tesla by today's move." }], 'inline');
    const [outcome] = await generateAll([entry], true);
    expect(outcome).toMatchObject({ ok: false, stage: 'run' });
    expect(outcome.detail).toMatch(/fmp_search_ticker: accept_if failed/);
    const { plan } = await new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: hub });
    const trace = await runPlan(plan, hub);
    const checks = trace.steps.flatMap((step) => step.accept ?? []);
    expect(checks.filter((check) => 'error' in check && /IndexError|Error/.test(String(check.error))), JSON.stringify(checks)).toHaveLength(0);
    expect(trace.steps[0].accept).toEqual([expect.objectContaining({ passed: false }), { condition: expect.stringContaining("~= 'Amazn'"), passed: false }]);
  });

  it('plans many names within the product limits: one bars call per name and one python step for all their statistics', async () => {
    const entries = parseCatalog([
      { id: 'MN1', complexity: 'complex', user_prompt: 'Over the past 10 sessions, rank NVDA, AMD, AVGO, MU, QCOM and INTC by return and say which of them outperformed QQQ over that window.' },
      { id: 'MN2', complexity: 'easy', user_prompt: 'XOM CVX JPM BAC: who moved the most today in percent?' },
      { id: 'MN3', complexity: 'complex', user_prompt: "Excess return over the last 5 sessions versus SPY for META, GOOGL, TSLA and NFLX, with each one's P/E." },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    const plans = await Promise.all(entries.map((entry) => new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 16, max_turns: 18 }, tools: hub })));
    const count = (index: number, tool: string) => plans[index].plan.tool_sequence.filter((step) => step.tool === tool).length;
    expect(count(0, 'polygon_get_aggs')).toBe(7);
    expect(count(0, 'fmp_get_quote')).toBe(0);
    expect(count(0, 'execute_python')).toBe(3);
    expect(plans[1].plan.tool_sequence.length).toBeLessThanOrEqual(6);
    expect(count(1, 'fmp_get_market_gainers') + count(1, 'fmp_get_market_losers')).toBe(0);
    expect(plans[2].plan.tool_sequence.length).toBeLessThanOrEqual(16);
    expect(plans[2].plan.final_answer_requirements.must_include).toEqual(expect.arrayContaining(['meta_vs_spy_excess_period', 'nflx_pe', 'tsla_return_n']));
  });

  it('an hourly window of k hours computes its statistics over exactly the last k hourly bars, across sessions when needed', async () => {
    const entries = parseCatalog([
      { id: 'HW1', complexity: 'medium', user_prompt: 'Give me the hourly picture for AMD over the last 5 hours: high, low and the change.' },
      { id: 'HW2', complexity: 'medium', user_prompt: "How did Meta's hourly bars look over the past ten hours, and where does it sit in that range?" },
      { id: 'HW3', complexity: 'easy', user_prompt: 'QCOM hourly, last 3h' },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    for (const [entry, slug, symbol, hours] of [[entries[0], 'amd', 'AMD', 5], [entries[1], 'meta', 'META', 10], [entries[2], 'qcom', 'QCOM', 3]] as const) {
      const { plan } = await new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: hub });
      const trace = await runPlan(plan, hub);
      const closes = trace.state[`${slug}_w_closes`] as number[];
      expect(closes, entry.prompt_id).toHaveLength(hours);
      expect(trace.state[`${slug}_w_n`], entry.prompt_id).toBe(hours);
      // The window is the latest k bars the tool serves, and its statistics come from those bars only.
      const aggs = plan.tool_sequence.find((step) => step.tool === 'polygon_get_aggs' && step.params.timespan === 'hour')!;
      const served = await hub.call('polygon', 'polygon_get_aggs', { ...aggs.params, ticker: symbol });
      const bars = (served.ok ? (served.structuredContent as { results: Array<{ h: number; l: number; c: number }> }).results : []).slice(-hours);
      expect(closes).toEqual(bars.map((bar) => bar.c));
      expect(trace.state[`${slug}_w_high`]).toBe(Math.max(...bars.map((bar) => bar.h)));
      expect(trace.state[`${slug}_w_low`]).toBe(Math.min(...bars.map((bar) => bar.l)));
      expect(trace.state[`${slug}_w_last_close`]).toBe(bars[bars.length - 1].c);
      expect(plan.final_answer_requirements.must_include).toEqual(expect.arrayContaining([`${slug}_w_pct_change`, `${slug}_w_range`]));
      // No daily trend is fetched for an hourly window.
      expect(plan.tool_sequence.filter((step) => step.tool === 'polygon_get_aggs' && step.params.timespan === 'day'), entry.prompt_id).toHaveLength(0);
    }
  });

  it('a tersely written session window ("12d", "4-day", "7 trading days") sets the trend over exactly that many sessions', async () => {
    const entries = parseCatalog([
      { id: 'SW1', complexity: 'medium', user_prompt: '12d: JPM vs BAC' },
      { id: 'SW2', complexity: 'easy', user_prompt: 'COST 4-day return?' },
      { id: 'SW3', complexity: 'medium', user_prompt: 'Did Amazon and Walmart both slip over the last 7 trading days?' },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    const cases: Array<[Entry, string[], number]> = [[entries[0], ['jpm', 'bac'], 12], [entries[1], ['cost'], 4], [entries[2], ['amzn', 'wmt'], 7]];
    for (const [entry, slugs, sessions] of cases) {
      const { plan } = await new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: hub });
      const trace = await runPlan(plan, hub);
      for (const slug of slugs) {
        const closes = trace.state[`${slug}_closes`] as number[];
        expect(trace.state[`${slug}_trend_closes`], `${entry.prompt_id} ${slug}`).toEqual(closes.slice(-sessions));
        expect(trace.state[`${slug}_sessions`]).toBe(sessions);
        // The return spans the N sessions: from the close before the first one to the last close.
        const start = closes[closes.length - sessions - 1];
        expect(trace.state[`${slug}_start_close`]).toBe(start);
        expect(trace.state[`${slug}_return_n`]).toBeCloseTo((closes[closes.length - 1] / start - 1) * 100, 2);
        expect(plan.final_answer_requirements.must_include).toContain(`${slug}_return_n`);
      }
    }
  });

  it('a conditional post with given texts posts exactly the text of the branch the facts choose, a slot filled from them', async () => {
    const entries = parseCatalog([
      { id: 'CP1', complexity: 'medium', user_prompt: "If AMD is up more than 1% today, send 'AMD strength' to #markets; otherwise send 'AMD soft today' to #markets." },
      { id: 'CP2', complexity: 'complex', user_prompt: "How did XOM and CVX do over the past 4 sessions? If both energy names are down over those 4 sessions, post a note to #research saying so with the returns; if not, post 'energy holding up' to #research." },
      { id: 'CP3', complexity: 'complex', user_prompt: "Which of XOM, CVX and COST has the highest P/E? If that name also has a negative 5-session return, post '<TICKER> expensive and slipping' to #alerts; otherwise post 'no expensive laggard'." },
      { id: 'CP4', complexity: 'medium', user_prompt: "If either MU or INTC fell more than 1% on the day, send 'memory/cpu weakness' to #alerts, else send 'chips steady' to #alerts." },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    const posted: string[] = [];
    for (const entry of entries) {
      const { plan } = await new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 16, max_turns: 18 }, tools: hub });
      const send = plan.tool_sequence.find((step) => step.tool === 'send_slack_message')!;
      expect(send.params, entry.prompt_id).toEqual({ channel: '${condition_channel}', text: '${post_text}' });
      const decide = plan.tool_sequence[send.step - 2];
      expect(decide.analysis_requirements.extract, entry.prompt_id).toContain('post_text = result.text');
      expect(decide.analysis_requirements.accept_if.some((check) => check.startsWith('post_text ~= ')), entry.prompt_id).toBe(true);
      const trace = await runPlan(plan, hub);
      expect(trace.steps.every((step) => step.accepted), entry.prompt_id).toBe(true);
      const history = await hub.call('slack', 'get_slack_channel_history', { channel: trace.state.condition_channel as string, limit: 20 });
      const messages = (history.ok ? (history.structuredContent as { results: Array<{ ts: string; text: string }> }).results : []);
      const message = messages.find((candidate) => candidate.ts === trace.state.slack_ts);
      expect(message?.text, entry.prompt_id).toBe(trace.state.post_text);
      posted.push(`${trace.state.condition_holds}|${trace.state.post_text}`);
      const state = trace.state as Record<string, number | string | boolean>;
      if (entry.prompt_id === 'CP1') expect(posted.at(-1)).toBe((state.amd_change_pct as number) > 1 ? 'true|AMD strength' : 'false|AMD soft today');
      if (entry.prompt_id === 'CP2') {
        const both = (state.xom_return_n as number) < 0 && (state.cvx_return_n as number) < 0;
        // The branch without a given text states the outcome with the numbers.
        expect(posted.at(-1)).toBe(both ? `true|Note: XOM and CVX both down over the last 4 sessions (XOM ${state.xom_return_n}%, CVX ${state.cvx_return_n}%).` : 'false|energy holding up');
        expect(both).toBe(true);
      }
      if (entry.prompt_id === 'CP3') {
        const pick = state.pe_leader as string;
        expect(['XOM', 'CVX', 'COST']).toContain(pick);
        const negative = (state[`${pick.toLowerCase()}_return_n`] as number) < 0;
        expect(posted.at(-1)).toBe(negative ? `true|${pick} expensive and slipping` : 'false|no expensive laggard');
      }
      if (entry.prompt_id === 'CP4') {
        const either = (state.mu_change_pct as number) < -1 || (state.intc_change_pct as number) < -1;
        expect(posted.at(-1)).toBe(either ? 'true|memory/cpu weakness' : 'false|chips steady');
      }
    }
  });

  it('a hyphenated descriptive word ("Micron-specific", "Tesla-driven") is not a company name; the name in it still resolves', async () => {
    const entries = parseCatalog([
      { id: 'HY1', complexity: 'medium', user_prompt: "Was Micron's jump today a Micron-specific story or did the whole memory space rally with it?" },
      { id: 'HY2', complexity: 'medium', user_prompt: 'Is the EV move today Tesla-driven news, or market-wide? Check TSLA and the headlines.' },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    const { plan } = await new RulePlanner().plan({ entry: entries[0], inventory: hub.inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: hub });
    expect(plan.tool_sequence[0]).toMatchObject({ tool: 'fmp_search_ticker', params: { query: 'Micron' } });
  });

  it('sets one company\'s move against a few sector peers when asked whether it is company news or the whole group', async () => {
    const entries = parseCatalog([
      { id: 'PG1', complexity: 'moderate', user_prompt: 'Intel popped today: is the entire chip group doing the same, or is this Intel-specific?' },
      { id: 'PG2', complexity: 'moderate', user_prompt: 'JPM is up today - is that bank-specific or did its peers rally too?' },
      { id: 'PG3', complexity: 'simple', user_prompt: 'Did the rest of the group move with XOM today, or is Exxon alone?' },
    ], 'inline');
    const outcomes = await generateAll(entries, true);
    expect(outcomes.filter((outcome) => !outcome.ok), JSON.stringify(outcomes, null, 2)).toHaveLength(0);
    const semis = ['NVDA', 'AVGO', 'AMD', 'QCOM', 'MU', 'ARM', 'TSM'];
    const expected: Array<[string, string[], number]> = [['intc', semis, 2], ['jpm', ['BAC'], 1], ['xom', ['CVX'], 1]];
    for (const [index, [slug, pool, least]] of expected.entries()) {
      const entry = entries[index];
      const { plan } = await new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: LIMIT_BY_COMPLEXITY[entry.complexity], max_turns: 18 }, tools: hub });
      const quoted = plan.tool_sequence.filter((step) => step.tool === 'fmp_get_quote').map((step) => String(step.params.symbol)).filter((symbol) => !symbol.startsWith('$'));
      const peers = quoted.filter((symbol) => symbol.toLowerCase() !== slug);
      expect(peers.length, entry.prompt_id).toBeGreaterThanOrEqual(least);
      expect(peers.every((symbol) => pool.includes(symbol)), `${entry.prompt_id} ${peers}`).toBe(true);
      expect(plan.final_answer_requirements.must_include, entry.prompt_id).toEqual(expect.arrayContaining([`${slug}_change_pct`, 'move_ranking', ...peers.map((symbol) => `${symbol.toLowerCase()}_change_pct`)]));
    }
  });

  it('records a planning failure for a prompt naming nothing it can find', async () => {
    const [entry] = parseCatalog([{ id: 'N2', complexity: 'easy', user_prompt: 'What is the latest price of Frobnicator Widgets?' }], 'inline');
    await expect(new RulePlanner().plan({ entry, inventory: hub.inventory(), limits: { max_tools: 4, max_turns: 5 }, tools: hub })).rejects.toThrow(/no company or ticker/);
  });
});
