import MiniSearch from 'minisearch';
import type { SearchDocument } from './search-document.ts';
import { isStopword, words } from './tokenize.ts';

/** The full-text index of the web corpus; document ids are positions in `snapshot.documents`. */
export type SearchIndex = MiniSearch<IndexedPage>;

interface IndexedPage {
  id: number;
  title: string;
  body: string;
  symbols: string;
  themes: string;
}

/** Folds simple English plurals so "restrictions" finds "restriction" and "launches" finds "launch". */
export function foldTerm(term: string): string | null {
  if (isStopword(term)) return null;
  if (term.length > 4 && term.endsWith('ies')) return `${term.slice(0, -3)}y`;
  if (term.length > 4 && /(ches|shes|xes|sses)$/.test(term)) return term.slice(0, -2);
  if (term.length > 3 && term.endsWith('s') && !term.endsWith('ss')) return term.slice(0, -1);
  return term;
}

/** Field weights: a query word in the title counts most, then a ticker, then themes, then the page text. */
export const FIELD_BOOST = { title: 4, symbols: 3, themes: 1.5, body: 1 } as const;

/**
 * Builds a BM25+ index (minisearch) over title, full text, tickers and themes of every page, with the same
 * tokenizer (our `words`) and term folding for pages and queries, so ranking is deterministic.
 */
export function buildSearchIndex(documents: SearchDocument[]): SearchIndex {
  const index = new MiniSearch<IndexedPage>({
    fields: ['title', 'body', 'symbols', 'themes'],
    tokenize: (text) => words(text),
    processTerm: (term) => foldTerm(term),
    searchOptions: { boost: FIELD_BOOST, combineWith: 'OR' },
  });
  index.addAll(documents.map((document, id) => ({
    id, title: document.title, body: document.raw_content, symbols: document.symbols.join(' '), themes: document.themes.join(' '),
  })));
  return index;
}
