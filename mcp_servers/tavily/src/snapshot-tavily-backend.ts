import { searchDocuments, type SearchDocument, type Snapshot } from '@forge/snapshot';
import type { TavilyBackend } from './tavily-backend.ts';

/** Fixed response times keep snapshot answers byte-identical across runs. */
const RESPONSE_TIME = { basic: 0.42, advanced: 1.37 } as const;
const ADVANCED_SNIPPET_CHARS = 800;

function advancedSnippet(document: SearchDocument): string {
  if (document.raw_content.length <= ADVANCED_SNIPPET_CHARS) return document.raw_content;
  const cut = document.raw_content.lastIndexOf('. ', ADVANCED_SNIPPET_CHARS);
  return cut > document.content.length ? document.raw_content.slice(0, cut + 1) : document.content;
}

/** Answers tavily_search and tavily_extract from the snapshot's web corpus (deterministic ranking). */
export function createSnapshotTavilyBackend(snapshot: Snapshot): TavilyBackend {
  return {
    async search({ query, max_results, search_depth, include_answer }) {
      const ranked = searchDocuments(snapshot, query, max_results);
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
