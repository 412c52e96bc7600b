import { describe, expect, it } from 'vitest';
import { expandShorthand, readWindow } from '@forge/asks';
import { readCodedCondition } from './coded-condition.ts';

describe('readCodedCondition', () => {
  it('reads abs(), a number bound and the arrow', () => {
    expect(readCodedCondition('cond: if abs(SMCI pct_1d) > 5 -> post to #alerts')).toEqual({
      terms: [{ symbol: 'SMCI', metric: 'day', abs: true, direction: 'above', bound: { value: 5 } }],
      join: 'all',
    });
  });

  it('reads OR over two names and a window metric', () => {
    const read = readCodedCondition("cond: if SPY ret_5d < -2 OR QQQ ret_5d < -2 -> post to #alerts 'index drawdown'");
    expect(read?.join).toBe('any');
    expect(read?.terms.map((term) => [term.symbol, term.metric, term.direction, term.bound])).toEqual([['SPY', 'window', 'below', { value: -2 }], ['QQQ', 'window', 'below', { value: -2 }]]);
    // The window a coded metric names is read from its spelled-out form ("ret_5d" → "5-session return").
    expect(readWindow(expandShorthand('SPY ret_5d < -2'))).toEqual({ unit: 'sessions', count: 5 });
  });

  it('reads another name\'s metric with an offset in points', () => {
    expect(readCodedCondition('cond: if NVDA ret_10d < SPY ret_10d - 3pp -> post a summary')?.terms[0]).toEqual({ symbol: 'NVDA', metric: 'window', abs: false, direction: 'below', bound: { symbol: 'SPY', offset: -3 } });
  });

  it('reads no condition from prose or from mixed metrics', () => {
    expect(readCodedCondition('If Apple fell more than 2% today, post to #alerts.')).toBeUndefined();
    expect(readCodedCondition('if NVDA ret_10d < SPY pct_1d -> post')).toBeUndefined();
  });
});
