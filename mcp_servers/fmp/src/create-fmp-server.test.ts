import { describe, expect, it } from 'vitest';
import { createFmpServer, createSnapshotFmpBackend } from '@forge/mcp-fmp';
import { linkSnapshotServer } from '../../__fixtures__/link-snapshot-server.ts';

const server = linkSnapshotServer('fmp-test', (snapshot) => createFmpServer(createSnapshotFmpBackend(snapshot)));

describe('fmp server (snapshot backend)', () => {
  it('lists every documented tool with input and output schemas, read-only', async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'fmp_get_company_profile', 'fmp_get_income_statement', 'fmp_get_market_gainers', 'fmp_get_market_losers', 'fmp_get_quote', 'fmp_search_ticker', 'fmp_stock_screener',
    ]);
    for (const tool of tools) {
      expect(tool.outputSchema).toBeDefined();
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
  });

  it('quotes AAPL consistently with its bars', async () => {
    const quote = await server.call('fmp_get_quote', { symbol: 'AAPL' });
    const [previous, last] = server.snapshot.bars.get('AAPL')!.slice(-2);
    expect(quote).toMatchObject({ symbol: 'AAPL', name: 'Apple Inc.', price: last.c, previousClose: previous.c, volume: last.v, exchange: 'NASDAQ' });
    expect(quote.changesPercentage as number).toBeCloseTo(((last.c - previous.c) / previous.c) * 100, 3);
  });

  it('profiles AAPL and an ETF', async () => {
    expect(await server.call('fmp_get_company_profile', { symbol: 'AAPL' })).toMatchObject({ companyName: 'Apple Inc.', ceo: 'Tim Cook', sector: 'Technology', isEtf: false });
    expect(await server.call('fmp_get_company_profile', { symbol: 'spy' })).toMatchObject({ symbol: 'SPY', isEtf: true, ceo: null });
  });

  it('returns annual and quarterly income statements newest first', async () => {
    const annual = await server.call('fmp_get_income_statement', { symbol: 'AAPL' });
    const results = annual.results as Array<{ period: string; date: string; revenue: number; grossProfit: number; costOfRevenue: number }>;
    expect(annual.period).toBe('annual');
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.every((row) => row.period === 'FY' && row.grossProfit === row.revenue - row.costOfRevenue)).toBe(true);
    expect(results[0].date > results[1].date).toBe(true);
    const quarters = await server.call('fmp_get_income_statement', { symbol: 'NVDA', period: 'quarter', limit: 4 });
    expect((quarters.results as unknown[]).length).toBe(4);
    expect((await server.call('fmp_get_income_statement', { symbol: 'QQQ' })).results).toEqual([]);
  });

  it.each([
    ['Broadcom', 'AVGO'], ['JPMorgan Chase', 'JPM'], ['Exxon Mobil', 'XOM'], ['Super Micro Computer', 'SMCI'], ['Eli Lilly', 'LLY'],
    ['Meta Platforms', 'META'], ['Bank of America', 'BAC'], ['UnitedHealth', 'UNH'], ['Arm Holdings', 'ARM'], ['AAPL', 'AAPL'],
  ])('search "%s" finds %s first', async (query, symbol) => {
    const output = await server.call('fmp_search_ticker', { query });
    expect((output.results as Array<{ symbol: string }>)[0].symbol).toBe(symbol);
  });

  it('ranks gainers and losers of the as_of session', async () => {
    const gainers = (await server.call('fmp_get_market_gainers', { limit: 3 })).results as Array<{ changesPercentage: number }>;
    const losers = (await server.call('fmp_get_market_losers', {})).results as Array<{ changesPercentage: number }>;
    expect(gainers).toHaveLength(3);
    expect(gainers[0].changesPercentage).toBeGreaterThanOrEqual(gainers[1].changesPercentage);
    expect(losers.every((row) => row.changesPercentage < 0)).toBe(true);
    expect(losers[0].changesPercentage).toBeLessThanOrEqual(losers[1].changesPercentage);
  });

  it('screens an industry by its words, largest market cap first', async () => {
    const semis = (await server.call('fmp_stock_screener', { industry: 'semiconductor' })).results as Array<{ symbol: string; industry: string; marketCap: number; isEtf: boolean }>;
    expect(semis.map((row) => row.symbol).sort()).toEqual(['AMD', 'ARM', 'AVGO', 'INTC', 'MU', 'NVDA', 'QCOM', 'TSM']);
    expect(semis.every((row) => row.industry === 'Semiconductors' && !row.isEtf)).toBe(true);
    expect(semis.every((row, index) => index === 0 || semis[index - 1].marketCap >= row.marketCap)).toBe(true);
    const nvda = await server.call('fmp_get_quote', { symbol: 'NVDA' });
    expect(semis.find((row) => row.symbol === 'NVDA')).toMatchObject({ companyName: nvda.name, price: nvda.price, marketCap: nvda.marketCap, sector: 'Technology', exchange: 'NASDAQ' });
    expect(((await server.call('fmp_stock_screener', { industry: 'Banks' })).results as Array<{ symbol: string }>).map((row) => row.symbol).sort()).toEqual(['BAC', 'JPM']);
    expect(((await server.call('fmp_stock_screener', { industry: 'semis', limit: 3 })).results as unknown[])).toHaveLength(3);
  });

  it('screens by sector, exchange and ETF flag; no match is an empty list', async () => {
    const tech = (await server.call('fmp_stock_screener', { sector: 'tech', exchange: 'nyse' })).results as Array<{ sector: string; exchange: string }>;
    expect(tech.length).toBeGreaterThan(0);
    expect(tech.every((row) => row.sector === 'Technology' && row.exchange === 'NYSE')).toBe(true);
    const etfs = (await server.call('fmp_stock_screener', { isEtf: true })).results as Array<{ symbol: string }>;
    expect(etfs.map((row) => row.symbol).sort()).toEqual(['DIA', 'IWM', 'QQQ', 'SPY']);
    expect((await server.call('fmp_stock_screener', { sector: 'Energy', isEtf: false })).results).toHaveLength(2);
    expect((await server.call('fmp_stock_screener', { industry: 'shipbuilding' })).results).toEqual([]);
  });

  it.each(['fmp_get_quote', 'fmp_get_company_profile', 'fmp_get_income_statement'])('%s of an unknown symbol is an isError result naming it', async (name) => {
    const result = await server.client.callTool({ name, arguments: { symbol: 'XYZQ' } });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0].text).toContain('unknown symbol XYZQ in snapshot synthetic-2026-11-25-r2');
  });

  it('rejects bad arguments as an isError result', async () => {
    const result = await server.client.callTool({ name: 'fmp_get_income_statement', arguments: { symbol: 'AAPL', period: 'monthly' } });
    expect(result.isError).toBe(true);
  });
});
