import { addDays, searchDocuments, toEastern, type SearchDocument, type SearchFilters, type Snapshot } from '@forge/snapshot';
import type { TavilyBackend } from './tavily-backend.ts';
import type { SearchRequest } from './tools/tavily-search.ts';

/** Fixed response times keep snapshot answers byte-identical across runs. */
const RESPONSE_TIME = { basic: 0.42, advanced: 1.37 } as const;
const ADVANCED_SNIPPET_CHARS = 800;
const RANGE_DAYS = { day: 1, d: 1, week: 7, w: 7, month: 30, m: 30, year: 365, y: 365 } as const;

function advancedSnippet(document: SearchDocument): string {
  if (document.raw_content.length <= ADVANCED_SNIPPET_CHARS) return document.raw_content;
  const cut = document.raw_content.lastIndexOf('. ', ADVANCED_SNIPPET_CHARS);
  return cut > document.content.length ? document.raw_content.slice(0, cut + 1) : document.content;
}

/**
 * The request's filters as dates relative to the snapshot's as_of date ("today"): time_range, then days (news
 * topic only, as the Tavily API documents it), and start_date / end_date, which win when both are given.
 */
export function filtersOf(request: SearchRequest, today: string): SearchFilters {
  let startDate: string | undefined;
  if (request.time_range) startDate = addDays(today, -RANGE_DAYS[request.time_range]);
  else if (request.days !== undefined && request.topic === 'news') startDate = addDays(today, -request.days);
  return {
    topic: request.topic,
    startDate: request.start_date ?? startDate,
    endDate: request.end_date,
    includeDomains: request.include_domains,
    excludeDomains: request.exclude_domains,
  };
}

/** Answers tavily_search and tavily_extract from the snapshot's web corpus (BM25 ranking, deterministic). */
export function createSnapshotTavilyBackend(snapshot: Snapshot): TavilyBackend {
  const today = toEastern(snapshot.asOfMs).date;
  return {
    async search(request) {
      const { query, max_results, search_depth, include_answer } = request;
      const ranked = searchDocuments(snapshot, query, max_results, filtersOf(request, today));
      const results = ranked.map(({ document, score }) => ({
        url: document.url,
        title: document.title,
        content: search_depth === 'advanced' ? advancedSnippet(document) : document.content,
        score,
        published_date: document.published_date,
      }));
      const top = ranked[0]?.document;
      const answer = top ? `${top.content} (source: ${top.title})` : `No pages in the snapshot match "${query}".`;
      return { query, ...(include_answer ? { answer } : {}), response_time: RESPONSE_TIME[search_depth], results };
    },
    async extract(urls) {
      const results: Array<{ url: string; raw_content: string }> = [];
      const failed: Array<{ url: string; error: string }> = [];
      for (const url of urls) {
        const document = snapshot.documentsByUrl.get(url);
        if (document) results.push({ url, raw_content: document.raw_content });
        else failed.push({ url, error: `url not in snapshot ${snapshot.id}` });
      }
      return { results, failed_results: failed };
    },
  };
}
