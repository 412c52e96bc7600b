import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { TavilyBackend } from '../tavily-backend.ts';

export const SearchInputSchema = z.object({
  query: z.string().min(1).describe('What to search the web for'),
  max_results: z.number().int().min(1).max(20).default(5).describe('Maximum results (1–20)'),
  search_depth: z.enum(['basic', 'advanced']).default('basic').describe('advanced returns longer snippets'),
  include_answer: z.boolean().optional().describe('Also return a short answer drawn from the top result'),
  topic: z.enum(['general', 'news', 'finance']).optional().describe("Search category: 'news' keeps news articles and releases; default general"),
  time_range: z.enum(['day', 'week', 'month', 'year', 'd', 'w', 'm', 'y']).optional().describe('Only pages published within this range back from today'),
  days: z.number().int().min(1).optional().describe("Only pages published within this many days back from today (topic 'news' only, as in the Tavily API)"),
  start_date: z.iso.date().optional().describe('Only pages published on or after this date (YYYY-MM-DD)'),
  end_date: z.iso.date().optional().describe('Only pages published on or before this date (YYYY-MM-DD)'),
  include_domains: z.array(z.string().min(1)).max(300).optional().describe('Only results from these domains (subdomains included)'),
  exclude_domains: z.array(z.string().min(1)).max(150).optional().describe('No results from these domains (subdomains included)'),
});
export type SearchRequest = z.infer<typeof SearchInputSchema>;

export const SearchOutputSchema = z.object({
  query: z.string().describe('The query as given'),
  answer: z.string().optional().describe('Short answer, when include_answer was true'),
  response_time: z.number().describe('Seconds the search took'),
  results: z
    .array(
      z.object({
        url: z.string().describe('Page URL (pass it to tavily_extract for the full text)'),
        title: z.string().describe('Page title'),
        content: z.string().describe('Relevant snippet of the page'),
        score: z.number().describe('Relevance between 0 and 1, higher is better'),
        published_date: z.string().describe('Publication date when known, else empty'),
      }),
    )
    .describe('Results, most relevant first'),
});
export type SearchOutput = z.infer<typeof SearchOutputSchema>;

/** Registers tavily_search. */
export function registerSearch(server: McpServer, backend: TavilyBackend): void {
  server.registerTool(
    'tavily_search',
    {
      title: 'Web search',
      description: 'Searches the web and returns ranked pages with snippets; use tavily_extract for a page’s full text.',
      inputSchema: SearchInputSchema,
      outputSchema: SearchOutputSchema,
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async (request) => {
      const output = await backend.search(request);
      const text = output.results.length > 0
        ? `${output.results.length} results for "${output.query}": ${output.results.map((result) => result.title).join(' | ')}`
        : `no results for "${output.query}"`;
      return { structuredContent: output, content: [{ type: 'text', text }] };
    },
  );
}
