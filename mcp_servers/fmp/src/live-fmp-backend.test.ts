import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@forge/errors';
import { UpstreamError, createLiveFmpBackend } from '@forge/mcp-fmp';
import { startFakeUpstream, type FakeUpstream, type ScriptedRoute } from '../../__fixtures__/fake-upstream.ts';

/** What the fake FMP answers, by path. */
const routes: Record<string, ScriptedRoute> = {
  '/api/v3/quote/AAPL': { body: [{ symbol: 'AAPL', name: 'Apple Inc.', price: 230.1, changesPercentage: 1.2, change: 2.73, dayLow: 226, dayHigh: 231, yearHigh: 260, yearLow: 164, marketCap: 3.4e12, priceAvg50: 225, priceAvg200: 210, exchange: 'NASDAQ', volume: 51000000, avgVolume: 48000000, open: 227, previousClose: 227.37, eps: 6.57, pe: 35.02, earningsAnnouncement: '2026-01-29T21:30:00.000+0000', sharesOutstanding: 15e9, timestamp: 1760000000 }] },
  '/api/v3/quote/XYZQ': { body: [] },
  '/api/v3/profile/AAPL': { body: [{ symbol: 'AAPL', companyName: 'Apple Inc.', price: 230.1, mktCap: 3.4e12, beta: 1.2, volAvg: 48000000, lastDiv: 1.0, range: '164.08-260.1', changes: 2.73, currency: 'USD', cik: '0000320193', exchange: 'NASDAQ Global Select', exchangeShortName: 'NASDAQ', industry: 'Consumer Electronics', sector: 'Technology', description: 'Apple designs...', ceo: 'Mr. Timothy D. Cook', website: 'https://www.apple.com', country: 'US', fullTimeEmployees: '164000', ipoDate: '1980-12-12', isEtf: false, isActivelyTrading: true }] },
  '/api/v3/income-statement/AAPL': { body: [{ date: '2025-09-27', symbol: 'AAPL', reportedCurrency: 'USD', cik: '0000320193', fillingDate: '2025-10-31', calendarYear: '2025', period: 'FY', revenue: 416e9, costOfRevenue: 220e9, grossProfit: 196e9, grossProfitRatio: 0.471, researchAndDevelopmentExpenses: 34e9, generalAndAdministrativeExpenses: 0, sellingAndMarketingExpenses: 0, sellingGeneralAndAdministrativeExpenses: 27e9, operatingExpenses: 61e9, operatingIncome: 135e9, operatingIncomeRatio: 0.3245, incomeBeforeTax: 136e9, incomeTaxExpense: 23e9, netIncome: 113e9, netIncomeRatio: 0.2716, eps: 7.49, epsdiluted: 7.46, weightedAverageShsOut: 15.09e9, weightedAverageShsOutDil: 15.15e9 }] },
  '/api/v3/search': { body: [{ symbol: 'AVGO', name: 'Broadcom Inc.', currency: 'USD', stockExchange: 'NASDAQ Global Select', exchangeShortName: 'NASDAQ' }] },
  '/api/v3/stock_market/gainers': { body: [{ symbol: 'MU', name: 'Micron Technology, Inc.', change: 11.5, price: 232, changesPercentage: 5.2 }, { symbol: 'TSLA', name: 'Tesla, Inc.', change: 16, price: 418, changesPercentage: 4.1 }] },
  '/api/v3/stock-screener': { body: [
    { symbol: 'AMD', companyName: 'Advanced Micro Devices, Inc.', marketCap: 2.6e11, sector: 'Technology', industry: 'Semiconductors', beta: 1.7, price: 160, lastAnnualDividend: 0, volume: 4e7, exchange: 'NASDAQ Global Select', exchangeShortName: 'NASDAQ', country: 'US', isEtf: false, isFund: false, isActivelyTrading: true },
    { symbol: 'NVDA', companyName: 'NVIDIA Corporation', marketCap: 4.4e12, sector: 'Technology', industry: 'Semiconductors', beta: 1.9, price: 180, lastAnnualDividend: 0.04, volume: 2e8, exchange: 'NASDAQ Global Select', exchangeShortName: 'NASDAQ', country: 'US', isEtf: false, isFund: false, isActivelyTrading: true },
  ] },
  '/api/v3/stock_market/losers': { status: 503, body: { error: 'maintenance' } },
};
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream(routes, { status: 404, body: { error: 'not found' } });
});
afterAll(async () => {
  await upstream.close();
});

describe('live fmp backend', () => {
  it('refuses to start without FMP_API_KEY, naming it', () => {
    expect(() => createLiveFmpBackend({ apiKey: undefined })).toThrow(ConfigError);
    expect(() => createLiveFmpBackend({ apiKey: '' })).toThrow(/FMP_API_KEY/);
  });

  it('maps quote, profile, income, search and gainers to the tool shapes, sending the key', async () => {
    const backend = createLiveFmpBackend({ apiKey: 'test-key', baseUrl: upstream.baseUrl });
    expect(await backend.getQuote('aapl')).toMatchObject({ symbol: 'AAPL', price: 230.1, eps: 6.57, pe: 35.02 });
    expect(upstream.requests.at(-1)!.searchParams.get('apikey')).toBe('test-key');
    expect(await backend.getCompanyProfile('AAPL')).toMatchObject({ companyName: 'Apple Inc.', fullTimeEmployees: 164000, isEtf: false });
    const income = await backend.getIncomeStatement({ symbol: 'AAPL', period: 'annual', limit: 4 });
    expect(income.results[0]).toMatchObject({ fiscalYear: '2025', period: 'FY', filingDate: '2025-10-31', revenue: 416e9 });
    expect(upstream.requests.at(-1)!.searchParams.get('period')).toBe('annual');
    expect((await backend.searchTicker('Broadcom', 5)).results[0].symbol).toBe('AVGO');
    expect(upstream.requests.at(-1)!.searchParams.get('query')).toBe('Broadcom');
    expect((await backend.getMarketMovers('gainers', 1)).results).toEqual([{ symbol: 'MU', name: 'Micron Technology, Inc.', change: 11.5, price: 232, changesPercentage: 5.2 }]);
  });

  it('maps the stock screener to the tool shape, largest market cap first, passing only the given filters', async () => {
    const backend = createLiveFmpBackend({ apiKey: 'test-key', baseUrl: upstream.baseUrl });
    const output = await backend.screenStocks({ industry: 'Semiconductors', isEtf: false, limit: 20 });
    expect(output.results).toEqual([
      { symbol: 'NVDA', companyName: 'NVIDIA Corporation', sector: 'Technology', industry: 'Semiconductors', exchange: 'NASDAQ', price: 180, marketCap: 4.4e12, isEtf: false },
      { symbol: 'AMD', companyName: 'Advanced Micro Devices, Inc.', sector: 'Technology', industry: 'Semiconductors', exchange: 'NASDAQ', price: 160, marketCap: 2.6e11, isEtf: false },
    ]);
    const params = upstream.requests.at(-1)!.searchParams;
    expect([params.get('industry'), params.get('isEtf'), params.get('limit'), params.get('sector'), params.get('apikey')]).toEqual(['Semiconductors', 'false', '20', null, 'test-key']);
    expect((await backend.screenStocks({ sector: 'Technology', limit: 1 })).results.map((row) => row.symbol)).toEqual(['NVDA']);
  });

  it('reports an empty quote as an unknown symbol and HTTP 503 as a retryable upstream error without leaking the key', async () => {
    const backend = createLiveFmpBackend({ apiKey: 'secret-key', baseUrl: upstream.baseUrl });
    await expect(backend.getQuote('XYZQ')).rejects.toThrow(/unknown symbol XYZQ/);
    const error = (await backend.getMarketMovers('losers', 5).catch((caught: unknown) => caught)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.status).toBe(503);
    expect(error.isRetryable).toBe(true);
    expect(error.message).not.toContain('secret-key');
  });
});
