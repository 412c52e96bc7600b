import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SNAPSHOT_ID, loadSnapshot, snapshotDir, type Snapshot } from '@forge/snapshot';
import { createFmpServer, createSnapshotFmpBackend } from '@forge/mcp-fmp';
import { linkInMemory, outputValidators } from '@forge/mcp-host';
import { checkedCaller, type CheckedCall } from '../../__fixtures__/checked-caller.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let snapshot: Snapshot;
let client: Client;
let call: CheckedCall;

beforeAll(async () => {
  snapshot = await loadSnapshot(snapshotDir(root, DEFAULT_SNAPSHOT_ID));
  client = await linkInMemory(createFmpServer(createSnapshotFmpBackend(snapshot)), 'fmp-test');
  call = checkedCaller(client, await outputValidators(client));
});
afterAll(async () => {
  await client.close();
});

describe('fmp server (snapshot backend)', () => {
  it('lists every documented tool with input and output schemas, read-only', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'fmp_get_company_profile', 'fmp_get_income_statement', 'fmp_get_market_gainers', 'fmp_get_market_losers', 'fmp_get_quote', 'fmp_search_ticker',
    ]);
    for (const tool of tools) {
      expect(tool.outputSchema).toBeDefined();
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
  });

  it('quotes AAPL consistently with its bars', async () => {
    const quote = await call('fmp_get_quote', { symbol: 'AAPL' });
    const [previous, last] = snapshot.bars.get('AAPL')!.slice(-2);
    expect(quote).toMatchObject({ symbol: 'AAPL', name: 'Apple Inc.', price: last.c, previousClose: previous.c, volume: last.v, exchange: 'NASDAQ' });
    expect(quote.changesPercentage as number).toBeCloseTo(((last.c - previous.c) / previous.c) * 100, 3);
  });

  it('profiles AAPL and an ETF', async () => {
    expect(await call('fmp_get_company_profile', { symbol: 'AAPL' })).toMatchObject({ companyName: 'Apple Inc.', ceo: 'Tim Cook', sector: 'Technology', isEtf: false });
    expect(await call('fmp_get_company_profile', { symbol: 'spy' })).toMatchObject({ symbol: 'SPY', isEtf: true, ceo: null });
  });

  it('returns annual and quarterly income statements newest first', async () => {
    const annual = await call('fmp_get_income_statement', { symbol: 'AAPL' });
    const results = annual.results as Array<{ period: string; date: string; revenue: number; grossProfit: number; costOfRevenue: number }>;
    expect(annual.period).toBe('annual');
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.every((row) => row.period === 'FY' && row.grossProfit === row.revenue - row.costOfRevenue)).toBe(true);
    expect(results[0].date > results[1].date).toBe(true);
    const quarters = await call('fmp_get_income_statement', { symbol: 'NVDA', period: 'quarter', limit: 4 });
    expect((quarters.results as unknown[]).length).toBe(4);
    expect((await call('fmp_get_income_statement', { symbol: 'QQQ' })).results).toEqual([]);
  });

  it.each([
    ['Broadcom', 'AVGO'], ['JPMorgan Chase', 'JPM'], ['Exxon Mobil', 'XOM'], ['Super Micro Computer', 'SMCI'], ['Eli Lilly', 'LLY'],
    ['Meta Platforms', 'META'], ['Bank of America', 'BAC'], ['UnitedHealth', 'UNH'], ['Arm Holdings', 'ARM'], ['AAPL', 'AAPL'],
  ])('search "%s" finds %s first', async (query, symbol) => {
    const output = await call('fmp_search_ticker', { query });
    expect((output.results as Array<{ symbol: string }>)[0].symbol).toBe(symbol);
  });

  it('ranks gainers and losers of the as_of session', async () => {
    const gainers = (await call('fmp_get_market_gainers', { limit: 3 })).results as Array<{ changesPercentage: number }>;
    const losers = (await call('fmp_get_market_losers', {})).results as Array<{ changesPercentage: number }>;
    expect(gainers).toHaveLength(3);
    expect(gainers[0].changesPercentage).toBeGreaterThanOrEqual(gainers[1].changesPercentage);
    expect(losers.every((row) => row.changesPercentage < 0)).toBe(true);
    expect(losers[0].changesPercentage).toBeLessThanOrEqual(losers[1].changesPercentage);
  });

  it.each(['fmp_get_quote', 'fmp_get_company_profile', 'fmp_get_income_statement'])('%s of an unknown symbol is an isError result naming it', async (name) => {
    const result = await client.callTool({ name, arguments: { symbol: 'XYZQ' } });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0].text).toContain('unknown symbol XYZQ in snapshot synthetic-2026-11-25');
  });

  it('rejects bad arguments as an isError result', async () => {
    const result = await client.callTool({ name: 'fmp_get_income_statement', arguments: { symbol: 'AAPL', period: 'monthly' } });
    expect(result.isError).toBe(true);
  });
});
