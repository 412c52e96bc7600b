import { z } from 'zod';
import { ConfigError } from '@forge/errors';
import type { FmpBackend } from './fmp-backend.ts';
import { fetchJson } from './fetch-json.ts';
import { UpstreamError } from '@forge/upstream';

export const DEFAULT_FMP_BASE_URL = 'https://financialmodelingprep.com';

export interface LiveFmpOptions {
  apiKey: string | undefined;
  /** Defaults to https://financialmodelingprep.com; tests point it at a loopback fake. */
  baseUrl?: string;
}

const number = z.coerce.number();
const optionalNumber = z.number().nullable().optional().transform((value) => value ?? null);

const LiveQuoteSchema = z.object({
  symbol: z.string(), name: z.string().nullable().transform((value) => value ?? ''), price: number,
  changesPercentage: number, change: number, dayLow: number, dayHigh: number, yearHigh: number, yearLow: number,
  marketCap: number, priceAvg50: number, priceAvg200: number, exchange: z.string(), volume: number, avgVolume: number,
  open: number, previousClose: number, eps: optionalNumber, pe: optionalNumber, sharesOutstanding: number, timestamp: number,
});
const LiveProfileSchema = z.object({
  symbol: z.string(), companyName: z.string(), price: number, mktCap: number, beta: number, volAvg: number, lastDiv: number,
  range: z.string(), changes: number, currency: z.string(), exchange: z.string(), exchangeShortName: z.string(),
  industry: z.string().nullable().transform((value) => value ?? ''), sector: z.string().nullable().transform((value) => value ?? ''),
  description: z.string().nullable().transform((value) => value ?? ''), ceo: z.string().nullable(), website: z.string().nullable().transform((value) => value ?? ''),
  country: z.string().nullable().transform((value) => value ?? ''),
  // FMP sends employee counts as strings ("164000").
  fullTimeEmployees: z.union([z.string(), z.number()]).nullable().optional().transform((value) => (value === null || value === undefined || value === '' ? null : Number(value))),
  ipoDate: z.string().nullable().transform((value) => value ?? ''), isEtf: z.boolean(),
});
const LiveIncomeSchema = z.object({
  date: z.string(), symbol: z.string(), reportedCurrency: z.string(),
  calendarYear: z.string().optional(), fiscalYear: z.string().optional(), period: z.enum(['FY', 'Q1', 'Q2', 'Q3', 'Q4']),
  fillingDate: z.string().optional(), filingDate: z.string().optional(),
  revenue: number, costOfRevenue: number, grossProfit: number, grossProfitRatio: number,
  researchAndDevelopmentExpenses: number, sellingGeneralAndAdministrativeExpenses: number, operatingExpenses: number,
  operatingIncome: number, operatingIncomeRatio: number, incomeBeforeTax: number, incomeTaxExpense: number,
  netIncome: number, netIncomeRatio: number, eps: number, epsdiluted: number, weightedAverageShsOut: number,
  weightedAverageShsOutDil: number.optional(),
});
const LiveSearchSchema = z.object({
  symbol: z.string(), name: z.string(), currency: z.string().nullable().transform((value) => value ?? ''),
  stockExchange: z.string().nullable().transform((value) => value ?? ''), exchangeShortName: z.string().nullable().transform((value) => value ?? ''),
});
const LiveScreenerSchema = z.object({
  symbol: z.string(), companyName: z.string().nullable().transform((value) => value ?? ''),
  sector: z.string().nullable().optional().transform((value) => value ?? ''), industry: z.string().nullable().optional().transform((value) => value ?? ''),
  exchangeShortName: z.string().nullable().optional().transform((value) => value ?? ''), price: number, marketCap: number,
  isEtf: z.boolean().nullable().optional().transform((value) => value ?? false),
});
const LiveMoverSchema = z.object({ symbol: z.string(), name: z.string(), change: number, price: number, changesPercentage: number });

function parse<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UpstreamError({ problem: `FMP ${path} answered an unexpected shape`, field: issue.path.join('.'), expected: issue.message, received: value });
  }
  return parsed.data;
}

/** The live FMP backend over global fetch (`/api/v3/...`); throws ConfigError naming FMP_API_KEY when it is missing. */
export function createLiveFmpBackend(options: LiveFmpOptions): FmpBackend {
  if (!options.apiKey) {
    throw new ConfigError({ field: 'FMP_API_KEY', problem: 'the live fmp backend needs an API key', hint: 'set FMP_API_KEY or use --backend snapshot' });
  }
  const apiKey = options.apiKey;
  const base = options.baseUrl ?? DEFAULT_FMP_BASE_URL;
  const get = async (path: string, query: Record<string, string> = {}): Promise<unknown> => {
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    url.searchParams.set('apikey', apiKey);
    return fetchJson(url);
  };
  const firstOf = async (path: string, symbol: string): Promise<unknown> => {
    const body = parse(z.array(z.unknown()), await get(path), path);
    if (body.length === 0) throw new UpstreamError({ problem: `unknown symbol ${symbol.toUpperCase()} at FMP`, field: 'symbol', received: symbol });
    return body[0];
  };
  return {
    async getQuote(symbol) {
      const path = `/api/v3/quote/${encodeURIComponent(symbol.toUpperCase())}`;
      return parse(LiveQuoteSchema, await firstOf(path, symbol), path);
    },
    async getCompanyProfile(symbol) {
      const path = `/api/v3/profile/${encodeURIComponent(symbol.toUpperCase())}`;
      return parse(LiveProfileSchema, await firstOf(path, symbol), path);
    },
    async getIncomeStatement({ symbol, period, limit }) {
      const path = `/api/v3/income-statement/${encodeURIComponent(symbol.toUpperCase())}`;
      const rows = parse(z.array(LiveIncomeSchema), await get(path, { period, limit: String(limit) }), path);
      const results = rows.map(({ calendarYear, fiscalYear, fillingDate, filingDate, ...rest }) => ({
        ...rest,
        fiscalYear: fiscalYear ?? calendarYear ?? rest.date.slice(0, 4),
        ...(filingDate ?? fillingDate ? { filingDate: filingDate ?? fillingDate } : {}),
      }));
      return { symbol: symbol.toUpperCase(), period, results: results.slice(0, limit) };
    },
    async searchTicker(query, limit) {
      const path = '/api/v3/search';
      const rows = parse(z.array(LiveSearchSchema), await get(path, { query, limit: String(limit) }), path);
      return { query, results: rows.slice(0, limit) };
    },
    async getMarketMovers(direction, limit) {
      const path = `/api/v3/stock_market/${direction}`;
      const rows = parse(z.array(LiveMoverSchema), await get(path), path);
      return { results: rows.slice(0, limit) };
    },
    async screenStocks({ sector, industry, exchange, isEtf, limit }) {
      const path = '/api/v3/stock-screener';
      const query: Record<string, string> = { limit: String(limit) };
      if (sector !== undefined) query.sector = sector;
      if (industry !== undefined) query.industry = industry;
      if (exchange !== undefined) query.exchange = exchange;
      if (isEtf !== undefined) query.isEtf = String(isEtf);
      const rows = parse(z.array(LiveScreenerSchema), await get(path, query), path);
      const results = rows.map(({ exchangeShortName, ...rest }) => ({ ...rest, exchange: exchangeShortName }));
      results.sort((left, right) => right.marketCap - left.marketCap || left.symbol.localeCompare(right.symbol));
      return { results: results.slice(0, limit) };
    },
  };
}
