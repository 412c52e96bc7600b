import { describe, expect, it } from 'vitest';
import { createPolygonServer, createSnapshotPolygonBackend } from '@forge/mcp-polygon';
import { linkSnapshotServer } from '../../__fixtures__/link-snapshot-server.ts';

const server = linkSnapshotServer('polygon-test', (snapshot) => createPolygonServer(createSnapshotPolygonBackend(snapshot)));

type Bar = { t: number; o: number; h: number; l: number; c: number; v: number };

describe('polygon server (snapshot backend)', () => {
  it('lists every documented tool, read-only, with output schemas', async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'polygon_get_aggs', 'polygon_get_market_status', 'polygon_get_news', 'polygon_get_previous_close', 'polygon_get_ticker_details',
    ]);
    expect(tools.every((tool) => tool.outputSchema && tool.annotations?.readOnlyHint === true)).toBe(true);
  });

  it('returns AAPL daily aggs oldest → newest, sessions only, ending at as_of', async () => {
    const output = await server.call('polygon_get_aggs', { ticker: 'AAPL', from: '2026-11-16', to: '2026-11-30' });
    const results = output.results as Bar[];
    expect(output).toMatchObject({ ticker: 'AAPL', adjusted: true, status: 'OK', resultsCount: 8 });
    expect(results.map((bar) => bar.t)).toEqual([...results.map((bar) => bar.t)].sort((a, b) => a - b));
    expect(results.at(-1)!.c).toBe(server.snapshot.bars.get('AAPL')!.at(-1)!.c);
    const desc = await server.call('polygon_get_aggs', { ticker: 'AAPL', from: '2026-11-16', to: '2026-11-30', sort: 'desc', limit: 2 });
    expect((desc.results as Bar[]).map((bar) => bar.t)).toEqual([results[7].t, results[6].t]);
  });

  it('synthesises 5-minute bars of the as_of session consistent with its daily bar', async () => {
    const day = server.snapshot.bars.get('NVDA')!.at(-1)!;
    const output = await server.call('polygon_get_aggs', { ticker: 'NVDA', from: day.date, to: day.date, timespan: 'minute', multiplier: 5 });
    const results = output.results as Bar[];
    expect(results).toHaveLength(78);
    expect(results[0].o).toBe(day.o);
    expect(results.at(-1)!.c).toBe(day.c);
    expect(results.reduce((sum, bar) => sum + bar.v, 0)).toBe(day.v);
  });

  it('rejects a reversed date range', async () => {
    const result = await server.client.callTool({ name: 'polygon_get_aggs', arguments: { ticker: 'AAPL', from: '2026-11-20', to: '2026-11-01' } });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0].text).toContain('after to');
  });

  it('returns AAPL news newest first within the limit', async () => {
    const output = await server.call('polygon_get_news', { ticker: 'AAPL', limit: 3 });
    const results = output.results as Array<{ published_utc: string; article_url: string }>;
    expect(output.count).toBe(3);
    expect(results[0].published_utc >= results[1].published_utc).toBe(true);
    expect(Date.parse(results[0].published_utc)).toBeLessThanOrEqual(server.snapshot.asOfMs);
    expect(results[0].article_url).toMatch(/^https:\/\/news\.example\.com\/aapl\//);
  });

  it('keeps only the articles published within the asked dates, both ends included', async () => {
    type Article = { id: string; published_utc: string };
    const all = (await server.call('polygon_get_news', { ticker: 'TSLA', limit: 50 })).results as Article[];
    const day = all.find((article) => !article.published_utc.startsWith('2026-11-25'))!.published_utc.slice(0, 10);
    const output = await server.call('polygon_get_news', { ticker: 'TSLA', limit: 50, published_utc_gte: day, published_utc_lte: day });
    const results = output.results as Article[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((article) => article.id)).toEqual(all.filter((article) => article.published_utc.startsWith(day)).map((article) => article.id));
    const empty = await server.call('polygon_get_news', { ticker: 'TSLA', published_utc_gte: '2026-11-26' });
    expect(empty.results).toEqual([]);
  });

  it('returns event news from several outlets, with an insight for every ticker an article names', async () => {
    type Article = { tickers: string[]; publisher: { name: string; homepage_url: string }; insights: Array<{ ticker: string }> };
    const results = (await server.call('polygon_get_news', { ticker: 'NVDA', limit: 50 })).results as Article[];
    expect(new Set(results.map((article) => article.publisher.homepage_url)).size).toBeGreaterThanOrEqual(4);
    const multi = results.filter((article) => article.tickers.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    for (const article of multi) expect(article.insights.map((insight) => insight.ticker)).toEqual(article.tickers);
  });

  it('returns AAPL ticker details', async () => {
    expect(await server.call('polygon_get_ticker_details', { ticker: 'AAPL' })).toMatchObject({
      ticker: 'AAPL', name: 'Apple Inc.', primary_exchange: 'XNAS', type: 'CS', market: 'stocks', locale: 'us', list_date: '1980-12-12',
    });
    expect(await server.call('polygon_get_ticker_details', { ticker: 'SPY' })).toMatchObject({ type: 'ETF', primary_exchange: 'ARCX', total_employees: null });
  });

  it('answers market status relative to as_of: after hours before Thanksgiving', async () => {
    expect(await server.call('polygon_get_market_status', {})).toMatchObject({
      market: 'extended-hours', afterHours: true, is_holiday_today: false,
      next_open: '2026-11-27T09:30:00-05:00', next_close: '2026-11-27T13:00:00-05:00',
    });
  });

  it('returns the as_of session bar as the previous close', async () => {
    const last = server.snapshot.bars.get('AAPL')!.at(-1)!;
    expect(await server.call('polygon_get_previous_close', { ticker: 'aapl' })).toEqual({
      ticker: 'AAPL', t: last.t, o: last.o, h: last.h, l: last.l, c: last.c, v: last.v, vw: last.vw, n: last.n,
    });
  });

  it.each([
    ['polygon_get_aggs', { ticker: 'XYZQ', from: '2026-11-01', to: '2026-11-25' }],
    ['polygon_get_news', { ticker: 'XYZQ' }],
    ['polygon_get_ticker_details', { ticker: 'XYZQ' }],
    ['polygon_get_previous_close', { ticker: 'XYZQ' }],
  ])('%s of an unknown symbol is an isError result naming it', async (name, args) => {
    const result = await server.client.callTool({ name, arguments: args });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0].text).toContain('unknown symbol XYZQ in snapshot synthetic-2026-11-25-r2');
  });
});
