import { z } from 'zod';

export const SentimentSchema = z.enum(['positive', 'negative', 'neutral']);

/** One Polygon-shaped news article. */
export const NewsItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  author: z.string(),
  published_utc: z.iso.datetime(),
  article_url: z.url(),
  tickers: z.array(z.string()),
  description: z.string(),
  keywords: z.array(z.string()),
  publisher: z.object({ name: z.string(), homepage_url: z.string() }),
  insights: z.array(z.object({ ticker: z.string(), sentiment: SentimentSchema, sentiment_reasoning: z.string() })),
});
export type NewsItem = z.infer<typeof NewsItemSchema>;

/** `news.json`: per symbol, articles newest first. */
export const NewsFileSchema = z.record(z.string(), z.array(NewsItemSchema));
export type NewsFile = z.infer<typeof NewsFileSchema>;
