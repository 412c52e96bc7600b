import { z } from 'zod';

/** What a page of the corpus is; tavily's `topic: 'news'` keeps the news-like types. */
export const PageTypeSchema = z.enum([
  'ir-release', 'news-analysis', 'sector-explainer', 'rumour', 'company-overview', 'results', 'stock-performance', 'theme',
]);
export type PageType = z.infer<typeof PageTypeSchema>;

/** One web page of the frozen search corpus (`search.json`). */
export const SearchDocumentSchema = z.object({
  url: z.url(),
  title: z.string(),
  /** The snippet a search result shows. */
  content: z.string(),
  /** The full page text tavily_extract returns. */
  raw_content: z.string(),
  published_date: z.iso.date(),
  symbols: z.array(z.string()),
  themes: z.array(z.string()),
  page_type: PageTypeSchema,
  /** The event of events.json the page was written about, if any. */
  event_id: z.string().optional(),
});
export type SearchDocument = z.infer<typeof SearchDocumentSchema>;

/** Page types tavily's `topic: 'news'` returns: releases, news analysis and market recaps. */
export const NEWS_PAGE_TYPES: readonly PageType[] = ['ir-release', 'news-analysis', 'stock-performance'];

export const SearchFileSchema = z.object({ documents: z.array(SearchDocumentSchema) });
