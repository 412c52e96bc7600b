import { describe, expect, it } from 'vitest';
import { expandShorthand, readAsks, readFacts } from '@forge/asks';

describe('expandShorthand', () => {
  it('spells out desk shorthand and leaves names and tickers as written', () => {
    expect(expandShorthand("xom vs cvx: today's vol vs their avg daily vol, px and chg w the numbers")).toBe("xom vs cvx: today's volume vs their average daily volume, price and change with the numbers");
    expect(expandShorthand('jpm p/e, div and 52w hi/lo. NT is the move mkt-driven?')).toBe('jpm p/e, dividend and 52-week high and low. near term is the move market-driven?');
    expect(expandShorthand('20-session realised vol vs implied vol')).toBe('20-session realised volatility vs implied volatility');
    expect(expandShorthand('NVDA dividend, volume and volatility')).toBe('NVDA dividend, volume and volatility');
  });

  it('lets the ask readers see through it', () => {
    expect(readFacts('jpm p/e, div and 52w hi/lo')).toEqual(['dividend', 'pe']);
    expect(readAsks('aapl last 3 hourly bars today, o/h/l/c and vol for each thx').asks).toContainEqual({ kind: 'window', window: { unit: 'hours', count: 3 }, statistic: 'summary' });
  });
});
