import { describe, expect, it } from 'vitest';
import { unservedData } from './unserved-data.ts';

describe('unservedData', () => {
  it.each([
    ['Give me the 30-day at-the-money implied volatility for META from the options chain, and the put/call skew.', 'options data'],
    ['gather the consensus analyst price targets and the buy/hold/sell rating counts for Amazon and Costco', 'analyst consensus'],
    ["what's the short interest on TSLA and days to cover?", 'short interest'],
    ['any insider selling at NVDA this month?', 'insider or institutional holdings'],
  ])('names what no tool serves in %j', (prompt, label) => {
    expect(unservedData(prompt).join('; ')).toContain(label);
  });

  it('passes what the tools serve, and quoted claims', () => {
    expect(unservedData("Annualised volatility of AAPL's daily returns over 20 sessions, vs SPY")).toEqual([]);
    expect(unservedData('What did the analyst upgrade of JPM say, and what P/E does it trade at?')).toEqual([]);
    expect(unservedData('Fact-check: "NVDA options volume hit a record" against its price move today')).toEqual([]);
  });
});
