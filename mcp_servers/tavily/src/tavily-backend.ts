import type { ExtractOutput } from './tools/tavily-extract.ts';
import type { SearchOutput, SearchRequest } from './tools/tavily-search.ts';

/** Where the Tavily tools get their answers: the frozen corpus or the live API, same shapes either way. */
export interface TavilyBackend {
  search(request: SearchRequest): Promise<SearchOutput>;
  extract(urls: string[]): Promise<ExtractOutput>;
}
