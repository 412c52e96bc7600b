import type { NewsItem } from './news-item.ts';
import { requireProfile } from './require-symbol.ts';
import type { Snapshot } from './snapshot.ts';

/** Publication dates (YYYY-MM-DD, UTC, both ends included) an article must fall between. */
export interface PublishedRange {
  from?: string;
  to?: string;
}

/** A symbol's news, newest first, at most `limit` items, within `range`; unknown symbols throw UnknownSymbolError. */
export function newsFor(snapshot: Snapshot, symbol: string, limit: number, range: PublishedRange = {}): NewsItem[] {
  const profile = requireProfile(snapshot, symbol);
  const within = (item: NewsItem) => {
    const day = item.published_utc.slice(0, 10);
    return (!range.from || day >= range.from) && (!range.to || day <= range.to);
  };
  return (snapshot.news.get(profile.symbol) ?? []).filter(within).slice(0, limit);
}
