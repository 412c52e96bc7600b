import { describe, expect, it } from 'vitest';
import { readAsks } from '@forge/asks';
import { parseCatalog } from '@forge/catalog';
import { checkGrounding, TemplateComposer } from '@forge/composer';
import { runPlan } from '@forge/plan';
import { RulePlanner } from '@forge/planner';
import { isEventClaim } from './claim-check.ts';
import { useSnapshotHub } from '../../../tool-world/src/__fixtures__/snapshot-hub.ts';

// Coverage and fact-check prompts through the rule planner, the real servers and the template composer.
const snapshotHub = useSnapshotHub('coverage');

type Article = { title: string; published_utc: string; publisher: { name: string }; article_url: string; keywords: string[] };

async function answer(prompt: string) {
  const [entry] = parseCatalog([{ id: 'T1', complexity: 'medium', user_prompt: prompt }], 'test');
  const planned = await new RulePlanner().plan({ entry: entry!, inventory: snapshotHub().inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: snapshotHub() });
  // The engine hands the composer the prompt's asks beside the plan (withAsks); so does this test.
  const plan = { ...planned.plan, final_answer_requirements: { ...planned.plan.final_answer_requirements, asks: readAsks(prompt) } };
  const trace = await runPlan(plan, snapshotHub());
  expect(trace.steps.filter((step) => !step.accepted).map((step) => step.why)).toEqual([]);
  const { reference } = await new TemplateComposer().compose(entry!, plan, trace);
  const grounding = checkGrounding(reference, plan.final_answer_requirements.must_include);
  expect(grounding.ok ? "" : JSON.stringify({ missing: grounding.missing, ungrounded: grounding.ungrounded, answer: reference.answer_text })).toBe("");
  return { text: reference.answer_text, state: trace.state as Record<string, unknown>, plan };
}

async function news(ticker: string, from?: string, to?: string): Promise<Article[]> {
  const result = await snapshotHub().call('polygon', 'polygon_get_news', { ticker, limit: 50, ...(from ? { published_utc_gte: from } : {}), ...(to ? { published_utc_lte: to } : {}) });
  if (!result.ok) throw new Error(result.error);
  return result.structuredContent.results as Article[];
}

describe('news coverage', () => {
  it('explains a move on a date with that day\'s event reports first, each with its outlet and link', async () => {
    const { text, state } = await answer('Why did Tesla shares jump on November 17, 2026? Tell me the size of the move and what drove it.');
    const day = await news('TSLA', '2026-11-17', '2026-11-17');
    const items = state.tsla_coverage as Array<{ title: string; publisher: string; date: string; url: string }>;
    expect(items.length).toBe(Math.min(3, day.length));
    expect(items.every((item) => item.date === '2026-11-17')).toBe(true);
    // An article tagged with an event keyword (the upgrade) leads, ahead of any price recap of the day.
    const first = day.find((article) => article.title === items[0]!.title)!;
    expect(first.keywords.some((keyword) => /upgrade|analyst/.test(keyword))).toBe(true);
    for (const item of items) expect(text).toContain(`${item.publisher} reported “${item.title}” (${item.date}, ${item.url})`);
    expect(text).toMatch(/\+6\.1\d?%/);
  });

  it('keeps one article per outlet when distinct outlets are asked for', async () => {
    const { state } = await answer('Pull three Exxon Mobil headlines from three different outlets, with publisher and link.');
    const items = state.xom_coverage as Array<{ publisher: string }>;
    expect(items).toHaveLength(3);
    expect(new Set(items.map((item) => item.publisher)).size).toBe(3);
  });

  it('filters several names\' articles in one python step, each name with its own count', async () => {
    const { plan, state } = await answer('What regulatory or legal news came up for Tesla, Meta and Alphabet in the last two months?');
    const tools = plan.tool_sequence.map((step) => step.tool);
    expect(tools.filter((tool) => tool === 'polygon_get_news')).toHaveLength(3);
    expect(tools.filter((tool) => tool === 'execute_python')).toHaveLength(1);
    for (const [slug, ticker] of [['tsla', 'TSLA'], ['meta', 'META'], ['googl', 'GOOGL']] as const) {
      const articles = await news(ticker, String(state[`${slug}_coverage_from`]), String(state[`${slug}_coverage_to`]));
      const legal = articles.filter((article) => article.keywords.some((keyword) => /regulat|probe|investigation|fine|penalty|approval|export|lawsuit|litigation|settlement|legal/.test(keyword)));
      expect(state[`${slug}_coverage_count`], ticker).toBe(legal.length);
    }
  });

  it('says plainly when the window holds no article on the asked topic', async () => {
    const articles = await news('COST', '2026-11-11', '2026-11-25');
    const legal = articles.filter((article) => article.keywords.some((keyword) => /lawsuit|litigation|settlement|legal/.test(keyword)));
    const { text, state } = await answer('Any lawsuits or litigation news on Costco over the last two weeks?');
    expect(state.cost_coverage_count).toBe(legal.length);
    if (legal.length === 0) expect(text).toContain('No COST legal coverage published between 2026-11-11 and 2026-11-25 was found in the tools');
  });
});

describe('fact-checking a claim against the company release', () => {
  it('contradicts a claim the release says the opposite of, and cites the release', async () => {
    const { text, state } = await answer('A forum post says NVIDIA was about to raise its revenue outlook on November 25. Is that true?');
    expect(text).toMatch(/^Contradicted: the release says the opposite/);
    expect(String(state.claim_official_url)).toMatch(/^https:\/\/investors\.nvidia\./);
    expect(text).toContain(String(state.claim_official_url));
  });

  it('supports a claim the release states, and contradicts one with a different figure', async () => {
    expect((await answer('Is it true that JPMorgan agreed to buy Tessellate Networks?')).text).toMatch(/^Supported: the release states what the claim says/);
    const priced = await answer('Someone says JPMorgan would pay $17.40 billion for Tessellate Networks. Is that right?');
    expect(priced.text).toMatch(/^Contradicted: the release states a different figure/);
  });

  it('finds no evidence for a takeover of a company whose releases show it buying, not being bought', async () => {
    const { text } = await answer('A client claims Apple is being acquired. Is that true?');
    expect(text.startsWith('No evidence found in the tools')).toBe(true);
  });
});

describe('which claims go to the release', () => {
  it('sends event claims to the company release and leaves comparisons of figures to the quotes', () => {
    expect(isEventClaim('Lilly is paying $26.4 billion for Helix Data Works')).toBe(true);
    expect(isEventClaim('regulators dropped the export-control inquiry without action')).toBe(true);
    expect(isEventClaim('Exxon pays a bigger annual dividend per share than Chevron')).toBe(false);
    expect(isEventClaim('XOM and CVX both traded lower today')).toBe(false);
  });
});
