import { quoteFor } from './quote-for.ts';
import type { Snapshot } from './snapshot.ts';

export interface Mover {
  symbol: string;
  name: string;
  change: number;
  price: number;
  changesPercentage: number;
}

/** The universe's biggest gainers (descending) or losers (ascending) on the as_of session. */
export function rankMovers(snapshot: Snapshot, direction: 'gainers' | 'losers', limit: number): Mover[] {
  const quotes = [...snapshot.profiles.keys()].map((symbol) => quoteFor(snapshot, symbol));
  const selected = quotes.filter((quote) => (direction === 'gainers' ? quote.changesPercentage > 0 : quote.changesPercentage < 0));
  selected.sort((left, right) =>
    direction === 'gainers' ? right.changesPercentage - left.changesPercentage : left.changesPercentage - right.changesPercentage,
  );
  return selected.slice(0, limit).map(({ symbol, name, change, price, changesPercentage }) => ({ symbol, name, change, price, changesPercentage }));
}
