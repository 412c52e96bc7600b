import { z } from 'zod';

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
});
export type SearchDocument = z.infer<typeof SearchDocumentSchema>;

export const SearchFileSchema = z.object({ documents: z.array(SearchDocumentSchema) });
