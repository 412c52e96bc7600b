import { describe, expect, it } from 'vitest';
import { checkAnswer, readAsks, readForm } from '@forge/asks';
import { FactReader } from './fact-reader.ts';
import { columnTable } from './column-table.ts';

const subjects = ['NVDA', 'AMD', 'MU'].map((symbol) => ({ symbol, slug: symbol.toLowerCase() }));
const state = {
  nvda_price: 182, amd_price: 218, mu_price: 232, nvda_change_pct: -3.1, amd_change_pct: 2.4, mu_change_pct: 5.2,
  nvda_return_n: -6.2, amd_return_n: -1.5, mu_return_n: 8.4, move_ranking: ['MU', 'AMD', 'NVDA'],
  nvda_stdev_daily_pct: 1.9, amd_stdev_daily_pct: 2.1, mu_stdev_daily_pct: 2.4,
};

describe('readForm columns', () => {
  it('reads the columns a table is asked with, in the prompt\'s words', () => {
    expect(readForm('a markdown table with the columns Ticker, Close and % change, please.').columns).toEqual(['ticker', 'close', '% change']);
    expect(readForm('Output: markdown table (ticker, range %, stdev) followed by one line naming the pick.').columns).toEqual(['ticker', 'range %', 'stdev']);
    expect(readForm('Table, columns: rank, ticker and % change (keep the sign in the column).').columns).toEqual(['rank', 'ticker', '% change']);
    // "A table with the date, the headline and the sentiment" lists what to show, not named columns.
    expect(readForm('lay them out in a table with the date, the headline, and the sentiment attached to each?').columns).toBeUndefined();
    expect(readForm('Present a table with one row per company, then name the cheapest.').columns).toBeUndefined();
  });
});

describe('columnTable', () => {
  it('writes exactly the asked columns, a row per name in the ranking\'s order, the rank in words', () => {
    const table = columnTable(['rank', 'ticker', 'close', '% change'], subjects, new FactReader(state), { windowed: false, absolute: false });
    expect(table).toBe([
      '| Rank | Ticker | Close | % change |', '|---|---|---|---|',
      '| first | MU | $232.00 | +5.20% |', '| second | AMD | $218.00 | +2.40% |', '| third | NVDA | $182.00 | -3.10% |',
    ].join('\n'));
  });

  it('orders by the size of the move when the ranking is absolute, and reads a windowed change from the window', () => {
    const table = columnTable(['ticker', 'five-session % change', 'std dev of daily % change'], subjects, new FactReader(state), { windowed: false, absolute: true })!;
    expect(table.split('\n').slice(2)).toEqual(['| MU | +8.40% | 2.40% |', '| NVDA | -6.20% | 1.90% |', '| AMD | -1.50% | 2.10% |']);
  });

  it('gives way (undefined) when a column has no value in the facts', () => {
    expect(columnTable(['ticker', 'stance'], subjects, new FactReader(state), { windowed: false, absolute: false })).toBeUndefined();
    expect(columnTable(['ticker', 'P/E'], subjects, new FactReader(state), { windowed: false, absolute: false })).toBeUndefined();
  });

  it('passes the gate, which rejects a table without the asked columns', () => {
    const asks = { ...readAsks('Rank NVDA, AMD and MU in a markdown table with the columns Ticker, Close and % change.'), entities: ['NVDA', 'AMD', 'MU'] };
    const table = columnTable(asks.form.columns!, subjects, new FactReader(state), { windowed: false, absolute: false })!;
    expect(checkAnswer({ asks, answer: table, posts: [] }).filter((found) => found.code === 'ask-not-met:table')).toEqual([]);
    const general = '| Name | What the tools show |\n|---|---|\n| MU | closed at $232.00 |\n| AMD | closed at $218.00 |\n| NVDA | closed at $182.00 |';
    expect(checkAnswer({ asks, answer: general, posts: [] }).map((found) => found.message)).toContain('the table lacks the asked columns ticker, close, % change');
  });
});
