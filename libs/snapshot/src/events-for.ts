import type { CompanyEvent } from './company-event.ts';
import { requireProfile } from './require-symbol.ts';
import type { Snapshot } from './snapshot.ts';

/** A symbol's synthetic events, oldest first; unknown symbols throw UnknownSymbolError. */
export function eventsFor(snapshot: Snapshot, symbol: string): CompanyEvent[] {
  return snapshot.events.get(requireProfile(snapshot, symbol).symbol) ?? [];
}
