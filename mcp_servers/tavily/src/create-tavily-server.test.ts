import { describe, expect, it } from 'vitest';
import { createSnapshotTavilyBackend, createTavilyServer } from '@forge/mcp-tavily';
import { linkSnapshotServer } from '../../__fixtures__/link-snapshot-server.ts';

const server = linkSnapshotServer('tavily-test', (snapshot) => createTavilyServer(createSnapshotTavilyBackend(snapshot)));

type Result = { url: string; title: string; content: string; score: number; published_date: string };

describe('tavily server (snapshot backend)', () => {
  it('lists tavily_search and tavily_extract with output schemas', async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['tavily_extract', 'tavily_search']);
    expect(tools.every((tool) => tool.outputSchema && tool.annotations?.readOnlyHint === true)).toBe(true);
  });

  it('finds Micron documents for "Micron memory business", ranked by score', async () => {
    const output = await server.call('tavily_search', { query: 'Micron memory business' });
    const results = output.results as Result[];
    expect(results).toHaveLength(5);
    expect(results.slice(0, 3).every((result) => /micron|memory/i.test(result.title + result.content))).toBe(true);
    expect(results[0].url).toMatch(/memory|\/mu\//);
    expect(results.map((result) => result.score)).toEqual([...results.map((result) => result.score)].sort((a, b) => b - a));
    expect(output.answer).toBeUndefined();
  });

  it('is deterministic and answers when asked', async () => {
    const first = await server.call('tavily_search', { query: 'Arm licensing model', include_answer: true, max_results: 3 });
    const second = await server.call('tavily_search', { query: 'Arm licensing model', include_answer: true, max_results: 3 });
    expect(second).toEqual(first);
    expect(first.answer).toMatch(/Arm/);
    expect((first.results as Result[]).every((result) => result.url.includes('arm'))).toBe(true);
  });

  it.each([['bank earnings', 'JPMorgan'], ['oil prices', 'Exxon'], ['semiconductor outlook', 'semiconductor']])('search "%s" mentions %s', async (query, word) => {
    const results = (await server.call('tavily_search', { query, max_results: 3 })).results as Result[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.some((result) => (result.title + result.content).includes(word))).toBe(true);
  });

  it('returns longer snippets with advanced depth', async () => {
    const basic = (await server.call('tavily_search', { query: 'Micron memory business', max_results: 1 })).results as Result[];
    const advanced = (await server.call('tavily_search', { query: 'Micron memory business', max_results: 1, search_depth: 'advanced' })).results as Result[];
    expect(advanced[0].url).toBe(basic[0].url);
    expect(advanced[0].content.length).toBeGreaterThanOrEqual(basic[0].content.length);
  });

  it('extracts the full raw_content of search results and reports unknown URLs', async () => {
    const results = (await server.call('tavily_search', { query: 'Micron memory business', max_results: 2 })).results as Result[];
    const missing = 'https://example.org/not-in-corpus';
    const output = await server.call('tavily_extract', { urls: [...results.map((result) => result.url), missing] });
    const extracted = output.results as Array<{ url: string; raw_content: string }>;
    expect(extracted.map((page) => page.url)).toEqual(results.map((result) => result.url));
    expect(extracted[0].raw_content).toBe(server.snapshot.documentsByUrl.get(results[0].url)!.raw_content);
    expect(extracted[0].raw_content.length).toBeGreaterThan(results[0].content.length);
    expect(output.failed_results).toEqual([{ url: missing, error: 'url not in snapshot synthetic-2026-11-25-r2' }]);
  });

  it.each([
    ['Nvidia export restrictions', 'NVDA', /export restrictions/i],
    ['Apple product launch', 'AAPL', /launch/i],
  ])('ranks the topical event pages first for "%s"', async (query, symbol, topic) => {
    const results = (await server.call('tavily_search', { query, max_results: 5 })).results as Result[];
    const top = results.slice(0, 3).map((result) => server.snapshot.documentsByUrl.get(result.url)!);
    expect(top.every((page) => page.symbols[0] === symbol && topic.test(page.title + page.raw_content)), JSON.stringify(top.map((page) => page.url))).toBe(true);
    expect(top.every((page) => page.event_id === top[0].event_id && page.event_id !== undefined)).toBe(true);
  });

  it('honours max_results, topic news, time ranges and domain filters', async () => {
    const query = 'Nvidia export restrictions';
    expect(((await server.call('tavily_search', { query, max_results: 2 })).results as Result[])).toHaveLength(2);
    const news = (await server.call('tavily_search', { query, topic: 'news', max_results: 20 })).results as Result[];
    expect(news.length).toBeGreaterThan(0);
    expect(news.every((result) => ['ir-release', 'news-analysis', 'stock-performance'].includes(server.snapshot.documentsByUrl.get(result.url)!.page_type))).toBe(true);
    const week = (await server.call('tavily_search', { query, time_range: 'week', max_results: 20 })).results as Result[];
    expect(week.every((result) => result.published_date >= '2026-11-18')).toBe(true);
    const recentNews = (await server.call('tavily_search', { query, topic: 'news', days: 3, max_results: 20 })).results as Result[];
    expect(recentNews.every((result) => result.published_date >= '2026-11-22')).toBe(true);
    const october = (await server.call('tavily_search', { query, start_date: '2026-10-01', end_date: '2026-10-31', max_results: 20 })).results as Result[];
    expect(october.length).toBeGreaterThan(0);
    expect(october.every((result) => result.published_date >= '2026-10-01' && result.published_date <= '2026-10-31')).toBe(true);
    const forum = (await server.call('tavily_search', { query, include_domains: ['stockchatterforum.example'] })).results as Result[];
    expect(forum.length).toBeGreaterThan(0);
    expect(forum.every((result) => new URL(result.url).hostname === 'www.stockchatterforum.example')).toBe(true);
    const noForum = (await server.call('tavily_search', { query, exclude_domains: ['stockchatterforum.example'], max_results: 20 })).results as Result[];
    expect(noForum.some((result) => result.url.includes('stockchatterforum'))).toBe(false);
    expect(noForum.length).toBeGreaterThan(0);
  });

  it('lets a rumour be fact-checked against the release of the same event', async () => {
    const event = server.snapshot.events.get('NVDA')!.find((candidate) => candidate.kind === 'regulatory-probe')!;
    const [rumour] = (await server.call('tavily_search', { query: `${event.rumour.claim}`, include_domains: ['stockchatterforum.example'], max_results: 1 })).results as Result[];
    expect(rumour.url).toBe(event.rumour.url);
    const release = event.pages.find((url) => url.includes('investors.'))!;
    const extracted = (await server.call('tavily_extract', { urls: [release] })).results as Array<{ raw_content: string }>;
    expect(extracted[0].raw_content).toBe(server.snapshot.documentsByUrl.get(release)!.raw_content);
    expect(extracted[0].raw_content).toMatch(/ongoing/);
  });

  it('rejects an empty URL list', async () => {
    expect((await server.client.callTool({ name: 'tavily_extract', arguments: { urls: [] } })).isError).toBe(true);
  });
});
