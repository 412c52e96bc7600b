import type { Bar } from './bar.ts';
import type { Profile } from './profile.ts';
import type { Snapshot } from './snapshot.ts';
import { UnknownSymbolError } from './snapshot-error.ts';

/** Upper-cases and trims a ticker as users type it ("aapl " → "AAPL"). */
export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase();
}

/** The profile of a symbol; throws UnknownSymbolError when the snapshot does not cover it. */
export function requireProfile(snapshot: Snapshot, symbol: string): Profile {
  const profile = snapshot.profiles.get(normalizeSymbol(symbol));
  if (!profile) throw new UnknownSymbolError(normalizeSymbol(symbol), snapshot.id);
  return profile;
}

/** The daily bars of a symbol, oldest → newest; throws UnknownSymbolError for unknown symbols. */
export function requireBars(snapshot: Snapshot, symbol: string): Bar[] {
  const bars = snapshot.bars.get(requireProfile(snapshot, symbol).symbol);
  if (!bars) throw new UnknownSymbolError(normalizeSymbol(symbol), snapshot.id);
  return bars;
}
