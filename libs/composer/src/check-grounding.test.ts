import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkGrounding, numbersIn } from '@forge/composer';

const facts = {
  aapl_price: 258.0213,
  aapl_change_pct: -0.34613,
  aapl_volume: 52345678,
  aapl_market_cap: 3_812_000_000_000,
  growth: 0.0512,
  aapl_headline: 'Apple rises 3% after Q4 results',
  market_next_open: '2026-11-27T09:30:00-05:00',
};

describe('checkGrounding', () => {
  it('accepts numbers written at their shown precision, with separators, scale words and sign in words', () => {
    const answer = 'AAPL at $258.02, down 0.35% on 52,345,678 shares; cap $3.81 trillion; next open 2026-11-27 09:30; growth 5.12%.';
    expect(checkGrounding({ answer_text: answer, facts })).toEqual({ ok: true, ungrounded: [], missing: [] });
  });

  it('accepts digits that appear inside text facts such as headlines and dates', () => {
    expect(checkGrounding({ answer_text: 'Headline: “Apple rises 3% after Q4 results”.', facts }).ok).toBe(true);
  });

  it('flags a number no fact holds, and one rounded beyond its written precision', () => {
    const report = checkGrounding({ answer_text: 'AAPL at $258.05 and volume 52,345,679.', facts });
    expect(report.ok).toBe(false);
    expect(report.ungrounded.map((item) => item.text)).toEqual(['$258.05', '52,345,679']);
  });

  it('does not let a fraction pass as a bare number without the percent sign', () => {
    expect(checkGrounding({ answer_text: 'growth was 5.12', facts }).ungrounded).toHaveLength(1);
  });

  it('reports must_include facts the answer leaves out', () => {
    const report = checkGrounding({ answer_text: 'AAPL at $258.02.', facts }, ['aapl_price', 'aapl_headline', 'missing_key']);
    expect(report.missing).toEqual(['aapl_headline', 'missing_key']);
    expect(report.ok).toBe(false);
  });

  it('reads numbers with their decimals and scale', () => {
    expect(numbersIn('$1,234.50 and 3.2 billion and 7%')).toMatchObject([
      { value: 1234.5, decimals: 2, scale: 1 },
      { value: 3.2, decimals: 1, scale: 1e9 },
      { value: 7, percent: true },
    ]);
  });

  it('property: corrupting any written number of a grounded answer is always caught', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (values, pick, bump) => {
          const shown = values.map((value) => value.toFixed(2));
          const factsOf = Object.fromEntries(values.map((value, index) => [`k${index}`, value]));
          const answer = shown.map((text, index) => `k${index} is ${text}`).join('; ');
          expect(checkGrounding({ answer_text: answer, facts: factsOf }).ok).toBe(true);
          const index = pick % shown.length;
          // Move the chosen number by whole cents well beyond rounding, away from every other fact.
          let corrupted = Number(shown[index]) + bump * 0.37 + 0.11;
          while (values.some((value) => Math.abs(value - corrupted) <= 0.006)) corrupted += 0.53;
          const broken = answer.replace(`k${index} is ${shown[index]}`, `k${index} is ${corrupted.toFixed(2)}`);
          expect(checkGrounding({ answer_text: broken, facts: factsOf }).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('checkGrounding, required facts and dates', () => {
  it('does not count a piece of a timestamp as stating a small required value', () => {
    const answer = 'The market next opens at 2026-11-27T09:30:00-05:00.';
    const report = checkGrounding({ answer_text: answer, facts: { next: '2026-11-27T09:30:00-05:00', dia_change_pct: 0.1995 } }, ['dia_change_pct']);
    expect(report.missing).toEqual(['dia_change_pct']);
    expect(report.ungrounded).toEqual([]);
  });

  it('does not count digits inside a link or a quoted headline as stating a required value', () => {
    const answer = 'Latest: “Tesla jumps 4.10% to $418.00” (https://news.example.com/tsla/tesla-jumps-4-10).';
    const facts = { ret: -4.39, head: 'Tesla jumps 4.10% to $418.00' };
    expect(checkGrounding({ answer_text: answer, facts }, ['ret']).missing).toEqual(['ret']);
    expect(checkGrounding({ answer_text: answer, facts }, ['head']).missing).toEqual([]);
  });
});

describe('checkGrounding and period names', () => {
  it('reads "52-week" as the name of a period, not a value, and still checks the figures beside it', () => {
    expect(checkGrounding({ answer_text: 'NVDA has a 52-week high of $218.22.', facts: { nvda_year_high: 218.22 } }).ok).toBe(true);
    expect(checkGrounding({ answer_text: 'NVDA has a 52-week high of $219.22.', facts: { nvda_year_high: 218.22 } }).ungrounded).toEqual([{ text: '$219.22', value: 219.22 }]);
  });
});
