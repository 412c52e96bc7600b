import type { Profile } from './profile.ts';
import type { Snapshot } from './snapshot.ts';
import { words } from './tokenize.ts';

/**
 * Ranks the universe for a free-text query: the exact symbol first, then names (and aliases) containing
 * every query word as a word prefix, then partial name matches; ties break by symbol.
 */
export function searchTickers(snapshot: Snapshot, query: string, limit: number): Profile[] {
  const symbolQuery = query.trim().toUpperCase();
  const queryWords = words(query);
  const scores = new Map<string, number>();
  const add = (symbol: string, score: number): void => {
    scores.set(symbol, Math.max(scores.get(symbol) ?? 0, score));
  };
  if (snapshot.profiles.has(symbolQuery)) add(symbolQuery, 1000);
  const matchedWords = new Map<string, number>();
  for (const queryWord of queryWords) {
    const symbols = new Set<string>();
    for (const [nameWord, owners] of snapshot.nameWords) {
      if (nameWord.startsWith(queryWord)) owners.forEach((symbol) => symbols.add(symbol));
    }
    for (const symbol of symbols) matchedWords.set(symbol, (matchedWords.get(symbol) ?? 0) + 1);
  }
  for (const [symbol, matched] of matchedWords) {
    const profile = snapshot.profiles.get(symbol)!;
    const nameWordCount = words(profile.name).length;
    if (matched === queryWords.length) {
      const startsWith = profile.name.toLowerCase().startsWith(query.trim().toLowerCase()) ? 50 : 0;
      add(symbol, 500 + startsWith + (100 * matched) / Math.max(nameWordCount, matched));
    } else {
      add(symbol, (100 * matched) / queryWords.length);
    }
  }
  for (const symbol of snapshot.profiles.keys()) {
    if (symbolQuery.length > 0 && symbol !== symbolQuery && symbol.startsWith(symbolQuery)) add(symbol, 300);
  }
  return [...scores.entries()]
    .sort(([leftSymbol, left], [rightSymbol, right]) => right - left || leftSymbol.localeCompare(rightSymbol))
    .slice(0, limit)
    .map(([symbol]) => snapshot.profiles.get(symbol)!);
}
