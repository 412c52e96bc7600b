import type { NewsItem } from './news-item.ts';
import { requireProfile } from './require-symbol.ts';
import type { Snapshot } from './snapshot.ts';

/** A symbol's news, newest first, at most `limit` items; unknown symbols throw UnknownSymbolError. */
export function newsFor(snapshot: Snapshot, symbol: string, limit: number): NewsItem[] {
  const profile = requireProfile(snapshot, symbol);
  return (snapshot.news.get(profile.symbol) ?? []).slice(0, limit);
}
