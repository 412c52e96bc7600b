import { z } from 'zod';
import { ConfigError } from '@forge/errors';
import { postJson } from './post-json.ts';
import type { TavilyBackend } from './tavily-backend.ts';
import { UpstreamError } from '@forge/upstream';

export const DEFAULT_TAVILY_BASE_URL = 'https://api.tavily.com';

export interface LiveTavilyOptions {
  apiKey: string | undefined;
  /** Defaults to https://api.tavily.com; tests point it at a loopback fake. */
  baseUrl?: string;
}

const text = z.string().nullable().optional().transform((value) => value ?? '');
const LiveSearchSchema = z.object({
  query: z.string(),
  answer: z.string().nullable().optional(),
  response_time: z.coerce.number().default(0),
  results: z.array(z.object({ url: z.string(), title: text, content: text, score: z.number().default(0), published_date: text })).default([]),
});
const LiveExtractSchema = z.object({
  results: z.array(z.object({ url: z.string(), raw_content: text })).default([]),
  failed_results: z.array(z.union([
    z.object({ url: z.string(), error: text }),
    z.string().transform((url) => ({ url, error: 'extraction failed' })),
  ])).default([]),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UpstreamError({ problem: `Tavily ${path} answered an unexpected shape`, field: issue.path.join('.'), expected: issue.message, received: value });
  }
  return parsed.data;
}

/** The live Tavily backend (`POST /search`, `POST /extract`); throws ConfigError naming TAVILY_API_KEY when it is missing. */
export function createLiveTavilyBackend(options: LiveTavilyOptions): TavilyBackend {
  if (!options.apiKey) {
    throw new ConfigError({ field: 'TAVILY_API_KEY', problem: 'the live tavily backend needs an API key', hint: 'set TAVILY_API_KEY or use --backend snapshot' });
  }
  const apiKey = options.apiKey;
  const base = options.baseUrl ?? DEFAULT_TAVILY_BASE_URL;
  return {
    async search({ query, max_results, search_depth, include_answer, ...filters }) {
      // Filters go upstream only when given, so a plain search sends exactly the four fields it always did.
      const given = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
      const body = await postJson(new URL('/search', base), apiKey, { query, max_results, search_depth, include_answer: include_answer ?? false, ...given });
      const { answer, ...rest } = parse(LiveSearchSchema, body, '/search');
      return { ...rest, query, ...(include_answer && answer ? { answer } : {}), results: rest.results.slice(0, max_results) };
    },
    async extract(urls) {
      return parse(LiveExtractSchema, await postJson(new URL('/extract', base), apiKey, { urls }), '/extract');
    },
  };
}
