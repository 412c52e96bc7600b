import { roundTo } from './round-to.ts';
import { NEWS_PAGE_TYPES, type SearchDocument } from './search-document.ts';
import type { Snapshot } from './snapshot.ts';
import { searchTerms } from './tokenize.ts';

export interface ScoredDocument {
  document: SearchDocument;
  /** Relevance in (0, 1], 4 decimals: the BM25 score over the best possible for the query. */
  score: number;
}

/** What narrows a search besides its words (the Tavily API's filters, resolved to dates). */
export interface SearchFilters {
  /** 'news' keeps releases, news analysis and market recaps; 'general' and 'finance' keep every page. */
  topic?: 'general' | 'news' | 'finance';
  /** Inclusive ISO dates on published_date. */
  startDate?: string;
  endDate?: string;
  /** Hosts (or parent domains) to keep / drop: "example.com" matches "news.example.com". */
  includeDomains?: string[];
  excludeDomains?: string[];
}

function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase();
}

function onDomain(host: string, domains: string[]): boolean {
  return domains.some((domain) => {
    const wanted = domain.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
    const bare = host.replace(/^www\./, '');
    return bare === wanted || bare.endsWith(`.${wanted}`);
  });
}

function keeps(document: SearchDocument, filters: SearchFilters): boolean {
  if (filters.topic === 'news' && !NEWS_PAGE_TYPES.includes(document.page_type)) return false;
  if (filters.startDate && document.published_date < filters.startDate) return false;
  if (filters.endDate && document.published_date > filters.endDate) return false;
  const host = hostOf(document.url);
  if (filters.includeDomains?.length && !onDomain(host, filters.includeDomains)) return false;
  if (filters.excludeDomains?.length && onDomain(host, filters.excludeDomains)) return false;
  return true;
}

/**
 * Ranks the web corpus for a query with the snapshot's BM25 index (title, tickers, themes, full text), after the
 * filters; scores are normalised by the top score and rounded, ties break by URL. Pages matching no term are left out.
 */
export function searchDocuments(snapshot: Snapshot, query: string, maxResults: number, filters: SearchFilters = {}): ScoredDocument[] {
  if (searchTerms(query).length === 0) return [];
  const hits = snapshot.searchIndex.search(query, { filter: (hit) => keeps(snapshot.documents[hit.id as number], filters) });
  if (hits.length === 0) return [];
  const top = hits[0].score;
  const scored = hits.map((hit) => ({ document: snapshot.documents[hit.id as number], score: roundTo(hit.score / top, 4) }));
  scored.sort((left, right) => right.score - left.score || left.document.url.localeCompare(right.document.url));
  return scored.slice(0, maxResults);
}
