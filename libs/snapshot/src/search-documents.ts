import { roundTo } from './round-to.ts';
import type { SearchDocument } from './search-document.ts';
import type { Snapshot } from './snapshot.ts';
import { searchTerms, words } from './tokenize.ts';

export interface ScoredDocument {
  document: SearchDocument;
  /** Relevance in (0, 1], 4 decimals. */
  score: number;
}

const TITLE_WEIGHT = 3;
const SYMBOL_WEIGHT = 2;
const SNIPPET_WEIGHT = 1;
const BODY_CAP = 3;

function documentTerms(document: SearchDocument): { title: Set<string>; snippet: Set<string>; body: Map<string, number>; symbols: Set<string> } {
  const body = new Map<string, number>();
  for (const word of words(document.raw_content)) body.set(word, (body.get(word) ?? 0) + 1);
  return {
    title: new Set(words(`${document.title} ${document.themes.join(' ')}`)),
    snippet: new Set(words(document.content)),
    body,
    symbols: new Set(document.symbols.map((symbol) => symbol.toLowerCase())),
  };
}

/**
 * Ranks the search corpus for a query with a deterministic tf-idf-like score (title, ticker, snippet and
 * body matches), normalised to (0, 1]; ties break by URL. Documents matching no term are left out.
 */
export function searchDocuments(snapshot: Snapshot, query: string, maxResults: number): ScoredDocument[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const indexed = snapshot.documents.map((document) => ({ document, terms: documentTerms(document) }));
  const idf = new Map(
    terms.map((term) => {
      const frequency = indexed.filter(({ terms: docTerms }) => docTerms.body.has(term) || docTerms.title.has(term)).length;
      return [term, Math.log(1 + indexed.length / (1 + frequency))];
    }),
  );
  const best = terms.reduce((sum, term) => sum + idf.get(term)! * (TITLE_WEIGHT + SYMBOL_WEIGHT + SNIPPET_WEIGHT + BODY_CAP), 0);
  const scored = indexed
    .map(({ document, terms: docTerms }) => {
      let total = 0;
      for (const term of terms) {
        const weight = idf.get(term)!;
        const bodyCount = docTerms.body.get(term) ?? 0;
        total +=
          weight *
          ((docTerms.title.has(term) ? TITLE_WEIGHT : 0) +
            (docTerms.symbols.has(term) ? SYMBOL_WEIGHT : 0) +
            (docTerms.snippet.has(term) ? SNIPPET_WEIGHT : 0) +
            Math.min(BODY_CAP, Math.log2(1 + bodyCount)));
      }
      return { document, score: roundTo(total / best, 4) };
    })
    .filter((entry) => entry.score > 0);
  scored.sort((left, right) => right.score - left.score || left.document.url.localeCompare(right.document.url));
  return scored.slice(0, maxResults);
}
