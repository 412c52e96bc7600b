import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@forge/errors';
import { UpstreamError, createLivePolygonBackend } from '@forge/mcp-polygon';
import { startFakeUpstream, type FakeUpstream, type ScriptedRoute } from '../../__fixtures__/fake-upstream.ts';

const bar = { v: 51000000, vw: 229.8, o: 227, c: 230.1, h: 231, l: 226, t: 1795582800000, n: 612000 };
const routes: Record<string, ScriptedRoute> = {
  '/v2/aggs/ticker/AAPL/range/1/day/2026-11-24/2026-11-25': { body: { ticker: 'AAPL', queryCount: 2, resultsCount: 2, adjusted: true, results: [bar, { ...bar, t: bar.t + 86_400_000 }], status: 'OK', request_id: 'x', count: 2 } },
  '/v2/aggs/ticker/AAPL/prev': { body: { ticker: 'AAPL', queryCount: 1, resultsCount: 1, adjusted: true, results: [{ T: 'AAPL', ...bar }], status: 'OK' } },
  '/v2/aggs/ticker/XYZQ/prev': { body: { ticker: 'XYZQ', queryCount: 0, resultsCount: 0, adjusted: true, status: 'OK' } },
  '/v2/reference/news': { body: { results: [{ id: 'n1', publisher: { name: 'Wire', homepage_url: 'https://wire.example', logo_url: 'x' }, title: 'Apple rises', author: 'A. Writer', published_utc: '2026-11-25T21:00:00Z', article_url: 'https://wire.example/a', tickers: ['AAPL'], image_url: 'x', description: 'd', keywords: ['apple'], insights: [{ ticker: 'AAPL', sentiment: 'positive', sentiment_reasoning: 'up' }] }, { id: 'n2', publisher: { name: 'Wire' }, title: 'No insights', published_utc: '2026-11-24T21:00:00Z', article_url: 'https://wire.example/b' }], status: 'OK', count: 2 } },
  '/v3/reference/tickers/AAPL': { body: { results: { ticker: 'AAPL', name: 'Apple Inc.', market: 'stocks', locale: 'us', primary_exchange: 'XNAS', type: 'CS', active: true, currency_name: 'usd', market_cap: 3.4e12, description: 'Apple designs...', homepage_url: 'https://www.apple.com', total_employees: 164000, list_date: '1980-12-12', sic_description: 'ELECTRONIC COMPUTERS', share_class_shares_outstanding: 15e9 }, status: 'OK' } },
  '/v3/reference/tickers/XYZQ': { status: 404, body: { status: 'NOT_FOUND', message: 'Ticker not found.' } },
  '/v1/marketstatus/now': { body: { market: 'closed', serverTime: '2026-11-26T10:00:00-05:00', exchanges: { nyse: 'closed', nasdaq: 'closed', otc: 'closed' }, earlyHours: false, afterHours: false, currencies: { fx: 'open', crypto: 'open' } } },
};
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream(routes, { status: 500, body: { error: 'unscripted' } });
});
afterAll(async () => {
  await upstream.close();
});

describe('live polygon backend', () => {
  it('refuses to start without POLYGON_API_KEY, naming it', () => {
    expect(() => createLivePolygonBackend({ apiKey: undefined })).toThrow(ConfigError);
    expect(() => createLivePolygonBackend({ apiKey: undefined })).toThrow(/POLYGON_API_KEY/);
  });

  it('maps aggs, previous close, news and details to the tool shapes', async () => {
    const backend = createLivePolygonBackend({ apiKey: 'k', baseUrl: upstream.baseUrl });
    const aggs = await backend.getAggs({ ticker: 'aapl', from: '2026-11-24', to: '2026-11-25', timespan: 'day', multiplier: 1, limit: 10, sort: 'asc' });
    expect(aggs).toMatchObject({ ticker: 'AAPL', status: 'OK', resultsCount: 2 });
    expect(upstream.requests.at(-1)!.searchParams.get('apiKey')).toBe('k');
    expect(upstream.requests.at(-1)!.searchParams.get('limit')).toBe('10');
    expect(await backend.getPreviousClose('AAPL')).toEqual({ ticker: 'AAPL', ...bar });
    const news = await backend.getNews({ ticker: 'AAPL', limit: 5 });
    expect(news.count).toBe(2);
    expect(upstream.requests.at(-1)!.searchParams.has('published_utc.gte')).toBe(false);
    await backend.getNews({ ticker: 'AAPL', limit: 5, published_utc_gte: '2026-11-17', published_utc_lte: '2026-11-30' });
    // The tool's "on or before" date takes the whole day: the API's strict bound is the next midnight, across a month end.
    expect(Object.fromEntries(upstream.requests.at(-1)!.searchParams)).toMatchObject({ 'published_utc.gte': '2026-11-17', 'published_utc.lt': '2026-12-01' });
    expect(news.results[1]).toMatchObject({ author: '', insights: [], keywords: [], publisher: { name: 'Wire', homepage_url: '' } });
    expect(upstream.requests.at(-1)!.searchParams.get('ticker')).toBe('AAPL');
    expect(await backend.getTickerDetails('AAPL')).toMatchObject({ name: 'Apple Inc.', total_employees: 164000 });
  });

  it('adds next open/close and the holiday from the exchange calendar to the live status', async () => {
    const backend = createLivePolygonBackend({ apiKey: 'k', baseUrl: upstream.baseUrl });
    expect(await backend.getMarketStatus()).toMatchObject({
      market: 'closed', is_holiday_today: true, holiday_name: 'Thanksgiving Day', next_open: '2026-11-27T09:30:00-05:00', next_close: '2026-11-27T13:00:00-05:00',
    });
  });

  it('turns a 404 or an empty previous close into an unknown-symbol error', async () => {
    const backend = createLivePolygonBackend({ apiKey: 'k', baseUrl: upstream.baseUrl });
    await expect(backend.getTickerDetails('XYZQ')).rejects.toThrow(/unknown symbol XYZQ/);
    await expect(backend.getPreviousClose('XYZQ')).rejects.toThrow(UpstreamError);
  });
});
