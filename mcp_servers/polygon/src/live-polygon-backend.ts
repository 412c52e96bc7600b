import { z } from 'zod';
import { ConfigError } from '@forge/errors';
import { NYSE_CALENDAR, marketStatusAt, type MarketCalendar } from '@forge/snapshot';
import { fetchJson } from './fetch-json.ts';
import type { PolygonBackend } from './polygon-backend.ts';
import { UpstreamError } from '@forge/upstream';

export const DEFAULT_POLYGON_BASE_URL = 'https://api.polygon.io';

export interface LivePolygonOptions {
  apiKey: string | undefined;
  /** Defaults to https://api.polygon.io; tests point it at a loopback fake. */
  baseUrl?: string;
  /** Exchange calendar used for next_open/next_close, which Polygon's market status does not return. */
  calendar?: MarketCalendar;
}

const LiveBarSchema = z.object({
  t: z.number(), o: z.number(), h: z.number(), l: z.number(), c: z.number(), v: z.number(),
  vw: z.number().optional(), n: z.number().optional(),
}).transform((bar) => ({ t: bar.t, o: bar.o, h: bar.h, l: bar.l, c: bar.c, v: bar.v, vw: bar.vw ?? bar.c, n: bar.n ?? 0 }));
const LiveAggsSchema = z.object({
  ticker: z.string(), adjusted: z.boolean().default(true), status: z.string(),
  queryCount: z.number().default(0), resultsCount: z.number().default(0), results: z.array(LiveBarSchema).default([]),
});
const text = z.string().nullable().optional().transform((value) => value ?? '');
const LiveNewsSchema = z.object({
  results: z.array(z.object({
    id: z.string(), title: z.string(), author: text, published_utc: z.string(), article_url: z.string(),
    tickers: z.array(z.string()).default([]), description: text, keywords: z.array(z.string()).default([]),
    publisher: z.object({ name: z.string(), homepage_url: text }),
    insights: z.array(z.object({ ticker: z.string(), sentiment: z.enum(['positive', 'negative', 'neutral']), sentiment_reasoning: text })).default([]),
  })).default([]),
});
const LiveDetailsSchema = z.object({
  results: z.object({
    ticker: z.string(), name: z.string(), market: z.string(), locale: z.string(), primary_exchange: text, type: text,
    active: z.boolean(), currency_name: text, market_cap: z.number().nullable().optional().transform((value) => value ?? null),
    description: text, homepage_url: text, total_employees: z.number().nullable().optional().transform((value) => value ?? null),
    list_date: text, sic_description: z.string().nullable().optional().transform((value) => value ?? null),
    share_class_shares_outstanding: z.number().nullable().optional().transform((value) => value ?? null),
  }),
});
const StateSchema = z.enum(['open', 'closed', 'extended-hours']);
const LiveStatusSchema = z.object({
  market: StateSchema, serverTime: z.string(), earlyHours: z.boolean(), afterHours: z.boolean(),
  exchanges: z.object({ nyse: StateSchema, nasdaq: StateSchema, otc: StateSchema }),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UpstreamError({ problem: `Polygon ${path} answered an unexpected shape`, field: issue.path.join('.'), expected: issue.message, received: value });
  }
  return parsed.data;
}

function unknownSymbol(ticker: string): UpstreamError {
  return new UpstreamError({ problem: `unknown symbol ${ticker} at Polygon`, field: 'ticker', received: ticker });
}

/** The live Polygon backend over global fetch; throws ConfigError naming POLYGON_API_KEY when it is missing. */
export function createLivePolygonBackend(options: LivePolygonOptions): PolygonBackend {
  if (!options.apiKey) {
    throw new ConfigError({ field: 'POLYGON_API_KEY', problem: 'the live polygon backend needs an API key', hint: 'set POLYGON_API_KEY or use --backend snapshot' });
  }
  const apiKey = options.apiKey;
  const base = options.baseUrl ?? DEFAULT_POLYGON_BASE_URL;
  const calendar = options.calendar ?? NYSE_CALENDAR;
  const get = async (path: string, query: Record<string, string> = {}): Promise<unknown> => {
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    url.searchParams.set('apiKey', apiKey);
    try {
      return await fetchJson(url);
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) throw unknownSymbol(decodeURIComponent(path.split('/')[4] ?? ''));
      throw error;
    }
  };
  return {
    async getAggs({ ticker, from, to, timespan, multiplier, limit, sort }) {
      const symbol = ticker.toUpperCase();
      const path = `/v2/aggs/ticker/${encodeURIComponent(symbol)}/range/${multiplier}/${timespan}/${from}/${to}`;
      const body = parse(LiveAggsSchema, await get(path, { adjusted: 'true', sort, limit: String(limit) }), path);
      return { ...body, ticker: symbol, resultsCount: body.results.length };
    },
    async getNews({ ticker, limit, published_utc_gte: from, published_utc_lte: to }) {
      const symbol = ticker.toUpperCase();
      const query: Record<string, string> = { ticker: symbol, limit: String(limit), order: 'desc', sort: 'published_utc' };
      if (from) query['published_utc.gte'] = from;
      // A date on the API's lte means its midnight; the tool's "on or before this date" takes the whole day.
      if (to) query['published_utc.lt'] = nextDay(to);
      const body = parse(LiveNewsSchema, await get('/v2/reference/news', query), '/v2/reference/news');
      return { ticker: symbol, count: body.results.length, results: body.results };
    },
    async getTickerDetails(ticker) {
      const path = `/v3/reference/tickers/${encodeURIComponent(ticker.toUpperCase())}`;
      return parse(LiveDetailsSchema, await get(path), path).results;
    },
    async getMarketStatus() {
      const status = parse(LiveStatusSchema, await get('/v1/marketstatus/now'), '/v1/marketstatus/now');
      const derived = marketStatusAt(calendar, Date.parse(status.serverTime));
      return {
        ...derived,
        market: status.market, serverTime: status.serverTime, exchanges: status.exchanges,
        earlyHours: status.earlyHours, afterHours: status.afterHours,
      };
    },
    async getPreviousClose(ticker) {
      const symbol = ticker.toUpperCase();
      const path = `/v2/aggs/ticker/${encodeURIComponent(symbol)}/prev`;
      const body = parse(z.object({ results: z.array(LiveBarSchema).default([]) }), await get(path, { adjusted: 'true' }), path);
      if (body.results.length === 0) throw unknownSymbol(symbol);
      return { ticker: symbol, ...body.results[0] };
    },
  };
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
