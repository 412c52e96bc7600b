import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { PolygonBackend } from '../polygon-backend.ts';

export const NewsInputSchema = z.object({
  ticker: z.string().min(1).describe('Ticker symbol'),
  limit: z.number().int().min(1).max(50).default(10).describe('Maximum articles (1–50)'),
  // The API's published_utc.gte / published_utc.lte filters, under names a plan's params can carry.
  published_utc_gte: z.iso.date().optional().describe('Only articles published on or after this date (YYYY-MM-DD, UTC)'),
  published_utc_lte: z.iso.date().optional().describe('Only articles published on or before this date (YYYY-MM-DD, UTC)'),
});
export type NewsRequest = z.infer<typeof NewsInputSchema>;

export const NewsArticleSchema = z.object({
  id: z.string().describe('Article id'),
  title: z.string().describe('Headline'),
  author: z.string().describe('Author'),
  published_utc: z.string().describe('Publication time, ISO 8601 UTC'),
  article_url: z.string().describe('Link to the article'),
  tickers: z.array(z.string()).describe('Tickers the article is about'),
  description: z.string().describe('Summary of the article'),
  keywords: z.array(z.string()).describe('Keywords'),
  publisher: z.object({ name: z.string().describe('Publisher name'), homepage_url: z.string().describe('Publisher homepage') }).describe('Publisher'),
  insights: z
    .array(
      z.object({
        ticker: z.string().describe('Ticker'),
        sentiment: z.enum(['positive', 'negative', 'neutral']).describe('Sentiment toward the ticker'),
        sentiment_reasoning: z.string().describe('Why that sentiment'),
      }),
    )
    .describe('Per-ticker sentiment'),
});

export const NewsOutputSchema = z.object({
  ticker: z.string().describe('Ticker symbol'),
  count: z.number().describe('Articles returned'),
  results: z.array(NewsArticleSchema).describe('Articles, newest first'),
});
export type NewsOutput = z.infer<typeof NewsOutputSchema>;

/** Registers polygon_get_news. */
export function registerGetNews(server: McpServer, backend: PolygonBackend): void {
  server.registerTool(
    'polygon_get_news',
    {
      title: 'Ticker news',
      description: 'News articles about a ticker, newest first, with publisher, keywords and per-ticker sentiment; optionally only those published within a date range.',
      inputSchema: NewsInputSchema,
      outputSchema: NewsOutputSchema,
      annotations: { readOnlyHint: true },
    },
    async (request) => {
      const output = await backend.getNews(request);
      const text = output.results[0] ? `${output.ticker}: ${output.count} articles, latest "${output.results[0].title}"` : `${output.ticker}: no news`;
      return { structuredContent: output, content: [{ type: 'text', text }] };
    },
  );
}
